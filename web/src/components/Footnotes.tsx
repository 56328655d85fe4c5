import type { DashboardFootnoteFragment } from '../../../clients/typescript/src';
import { labels, type Lang } from '../i18n';

export function isCovid(f: { category: string }): boolean {
  return f.category === 'COVID_ADJUSTMENT';
}

/**
 * A footnote marker on the exact cell: a focusable button whose text shows on hover and on focus
 * (a tooltip tied by aria-describedby, so a screen reader reads it too). COVID-19 adjustments stand out.
 */
export function FootnoteMarker({
  lang,
  footnote,
  scope,
}: {
  lang: Lang;
  footnote: DashboardFootnoteFragment;
  scope: string;
}) {
  const tipId = `fn-${scope}-${footnote.id}`.replace(/[^A-Za-z0-9_-]/g, '_');
  const covid = isCovid(footnote);
  return (
    <span class={`fn${covid ? ' covid' : ''}`}>
      <button type="button" class="fn-marker" aria-describedby={tipId} data-footnote={footnote.marker}>
        {footnote.marker}
        {covid ? <span class="visually-hidden"> ({labels(lang).covid})</span> : null}
      </button>
      <span role="tooltip" id={tipId} class="fn-tip">
        {covid ? <strong class="covid-tag">{labels(lang).covid}: </strong> : null}
        {footnote.text}
      </span>
    </span>
  );
}

/** The footnotes as printed under a table, by marker. */
export function FootnoteList({ lang, footnotes }: { lang: Lang; footnotes: DashboardFootnoteFragment[] }) {
  if (footnotes.length === 0) return null;
  const unique = [...new Map(footnotes.map((f) => [f.id, f])).values()];
  return (
    <dl class="footnotes" aria-label={labels(lang).footnotes}>
      {unique.map((f) => (
        <div key={f.id} class={isCovid(f) ? 'covid' : undefined}>
          <dt>
            {f.marker}
            {isCovid(f) ? <span class="covid-tag"> {labels(lang).covid}</span> : null}
          </dt>
          <dd>{f.text}</dd>
        </div>
      ))}
    </dl>
  );
}
