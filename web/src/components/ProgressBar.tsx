import type { DashboardSummaryFragment } from '../../../clients/typescript/src';
import { labels, percent, STATUS_ORDER, statusLabel, type Lang } from '../i18n';

const JUDGED = new Set(['ACHIEVED', 'NOT_ACHIEVED', 'ON_TRACK', 'BEHIND']);

/** One sentence for the bar: achieved of judged of all, and the share (the server's achievedShare). */
export function summarize(lang: Lang, summary: DashboardSummaryFragment): string {
  const t = labels(lang);
  const count = (s: string) => summary.counts.find((c) => c.status === s)?.count ?? 0;
  const judged = summary.counts.filter((c) => JUDGED.has(c.status)).reduce((n, c) => n + c.count, 0);
  if (summary.achievedShare == null) return `${t.indicatorsCount(summary.indicatorCount)}: ${t.noJudgement}`;
  const text = t.summary(count('ACHIEVED'), judged, summary.indicatorCount);
  return `${text} (${t.achievedShare} ${percent(lang, summary.achievedShare)})`;
}

/**
 * Indicators per status as one stacked bar. The bar is decoration (aria-hidden): the sentence and the
 * counts list beside it carry the same numbers for a screen reader and for a printed page.
 */
export function ProgressBar({ lang, summary }: { lang: Lang; summary: DashboardSummaryFragment }) {
  const total = summary.indicatorCount || 1;
  const counts = STATUS_ORDER.map((status) => ({
    status,
    count: summary.counts.find((c) => c.status === status)?.count ?? 0,
  })).filter((c) => c.count > 0);
  return (
    <div class="progress">
      <div class="bar" aria-hidden="true">
        {counts.map((c) => (
          <span
            key={c.status}
            class={`seg s-${c.status}`}
            style={{ width: `${(100 * c.count) / total}%` }}
            title={`${statusLabel(lang, c.status)} ${c.count}`}
          />
        ))}
      </div>
      <p class="bar-text">{summarize(lang, summary)}</p>
      {summary.suggestedGrade ? (
        <p class="grade" data-grade={summary.suggestedGrade.code}>
          {labels(lang).suggestedGrade}: {summary.suggestedGrade.code} {summary.suggestedGrade[lang]}
        </p>
      ) : null}
      <ul class="counts">
        {counts.map((c) => (
          <li key={c.status}>
            <span class={`swatch s-${c.status}`} aria-hidden="true" />
            {statusLabel(lang, c.status)} {c.count}
          </li>
        ))}
      </ul>
    </div>
  );
}
