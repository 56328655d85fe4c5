import { useMemo } from 'preact/hooks';
import type { DashboardFootnoteFragment, DashboardIndicatorFragment } from '../../../clients/typescript/src';
import { labels, statusLabel, yearLabel, type Lang } from '../i18n';
import { href, indicatorPath, type Route } from '../route';
import { describeIndicator, filledRows, yearRows, type FiscalYearInfo, type YearRow } from '../series';
import { Chart } from './Chart';
import { FootnoteList, FootnoteMarker, isCovid } from './Footnotes';

export interface PlanYears {
  fiscalYears: FiscalYearInfo[];
  finalYear: { year: number };
}

function Markers({ lang, footnotes, scope }: { lang: Lang; footnotes: DashboardFootnoteFragment[]; scope: string }) {
  return (
    <>
      {footnotes.map((f) => (
        <FootnoteMarker key={f.id} lang={lang} footnote={f} scope={scope} />
      ))}
    </>
  );
}

/** The same numbers as the chart: one column per fiscal year with a cell, markers on the exact cells. */
export function IndicatorTable({
  lang,
  indicator,
  rows,
}: {
  lang: Lang;
  indicator: DashboardIndicatorFragment;
  rows: YearRow[];
}) {
  const t = labels(lang);
  const shown = filledRows(rows);
  return (
    <div class="table-scroll" tabIndex={0} role="region" aria-label={`${indicator.name} — ${t.table}`}>
      <table class="cells">
        <caption>
          {indicator.name} — {t.table}
          {indicator.unit ? ` (${t.unit}: ${indicator.unit})` : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t.year}</th>
            {shown.map((r) => (
              <th scope="col" key={r.fy.year}>
                {yearLabel(lang, r.fy)}
                {r.baseline ? <span class="sub">{t.baseline}</span> : null}
                {r.final ? <span class="sub">{t.finalYear}</span> : null}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{t.planned}</th>
            {shown.map((r) => {
              const value = r.baseline ?? r.target;
              const covid = r.cellFootnotes.some(isCovid);
              return (
                <td key={r.fy.year} data-cell={value ? r.fy.year : undefined} class={covid ? 'covid' : undefined}>
                  {value ? value.raw : t.none}
                  <Markers lang={lang} footnotes={r.cellFootnotes} scope={`${indicator.id}-${r.fy.year}-c`} />
                </td>
              );
            })}
          </tr>
          <tr>
            <th scope="row">{t.actual}</th>
            {shown.map((r) => (
              <td key={r.fy.year} data-actual={r.actual ? r.fy.year : undefined}>
                {r.actual ? r.actual.raw : t.none}
                <Markers lang={lang} footnotes={r.actualFootnotes} scope={`${indicator.id}-${r.fy.year}-a`} />
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}

/** Chart (optional), text summary, table, verdict with its explanation, footnotes of one indicator. */
export function IndicatorView({
  lang,
  route,
  indicator,
  plan,
  chart,
  headingLevel,
  headingHidden = false,
  link,
}: {
  lang: Lang;
  route: Route;
  indicator: DashboardIndicatorFragment;
  plan: PlanYears;
  chart: boolean;
  /** The page's own h1 names the indicator on its page: then the heading is for screen readers only. */
  headingLevel: 2 | 3 | 4;
  headingHidden?: boolean;
  link: boolean;
}) {
  const t = labels(lang);
  const rows = useMemo(
    () => yearRows(indicator, plan.fiscalYears, plan.finalYear.year),
    [indicator, plan.fiscalYears, plan.finalYear.year],
  );
  const summary = useMemo(() => describeIndicator(lang, indicator, rows), [lang, indicator, rows]);
  const Heading = `h${headingLevel}` as 'h2' | 'h3' | 'h4';
  const status = indicator.progress.status;
  const footnotes = [...indicator.footnotes, ...rows.flatMap((r) => [...r.cellFootnotes, ...r.actualFootnotes])];
  return (
    <section class="indicator" aria-labelledby={`ind-${indicator.id}`} data-indicator={indicator.name}>
      <Heading id={`ind-${indicator.id}`} class={headingHidden ? 'visually-hidden' : undefined}>
        {indicator.group ? <span class="group">{indicator.group} </span> : null}
        {link ? <a href={href(indicatorPath(indicator.id), route)}>{indicator.name}</a> : indicator.name}
        <Markers lang={lang} footnotes={indicator.footnotes} scope={`${indicator.id}-row`} />
      </Heading>
      <p class="verdict">
        <span class={`badge s-${status}`}>
          {t.status}: {statusLabel(lang, status)}
        </span>{' '}
        <span class="explanation">{indicator.progress.explanation}</span>
      </p>
      {chart ? <Chart lang={lang} indicator={indicator} rows={rows} summary={summary} /> : null}
      <p class="chart-summary">
        <span class="visually-hidden">{t.chartSummary}: </span>
        {summary}
      </p>
      <IndicatorTable lang={lang} indicator={indicator} rows={rows} />
      <FootnoteList lang={lang} footnotes={footnotes} />
    </section>
  );
}
