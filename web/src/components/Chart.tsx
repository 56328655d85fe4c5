import { useEffect, useRef, useState } from 'preact/hooks';
import type { DashboardIndicatorFragment } from '../../../clients/typescript/src';
import { labels, type Lang } from '../i18n';
import type { YearRow } from '../series';

/**
 * The indicator's chart, drawn by Observable Plot as SVG (loaded on demand). The SVG has an aria-label
 * and the text summary as its description; the table below it is the full alternative.
 */
export function Chart(props: { lang: Lang; indicator: DashboardIndicatorFragment; rows: YearRow[]; summary: string }) {
  const holder = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let cancelled = false;
    void import('../chart')
      .then(({ renderChart }) => {
        if (cancelled || !holder.current) return;
        holder.current.replaceChildren(renderChart(props.lang, props.indicator, props.rows, props.summary));
      })
      .catch((error: unknown) => {
        console.error(error);
        setFailed(true);
      });
    return () => {
      cancelled = true;
    };
  }, [props.lang, props.indicator, props.rows, props.summary]);
  return (
    <div class="chart" ref={holder} data-chart={props.indicator.id}>
      {failed ? <p>{labels(props.lang).failed}</p> : null}
    </div>
  );
}

/** The legend of every chart, in HTML (the same marks as the SVG, drawn with CSS). */
export function ChartLegend({ lang }: { lang: Lang }) {
  const t = labels(lang);
  return (
    <ul class="legend">
      <li>
        <span class="key key-baseline" aria-hidden="true" />
        {t.baseline}
      </li>
      <li>
        <span class="key key-target" aria-hidden="true" />
        {t.target}
      </li>
      <li>
        <span class="key key-actual" aria-hidden="true" />
        {t.actual}
      </li>
      <li>
        <span class="key key-band" aria-hidden="true" />
        {t.legendApprox} / {t.legendMaintain}
      </li>
      <li>
        <span class="key key-limit" aria-hidden="true" />
        {t.legendCeiling} / {t.legendFloor}
      </li>
      <li>
        <span class="key key-covid" aria-hidden="true" />
        {t.covid}
      </li>
    </ul>
  );
}
