import type { FootnoteCategory } from '../domain/vocabulary';

/**
 * Footnote categories, decided from the wording alone. The order matters: a COVID remark often also explains how a
 * number moved, and the pandemic context is what a reader of progress needs first.
 */
const COVID = /新型コロナ|コロナ|covid|感染症/i;
const DEFINITION = /「[^」]+」\s*(?:と|って)は/;
const METHOD = /算出|合計|に基づ|集計|算定|計算/;

export function categorizeFootnote(text: string): FootnoteCategory {
  if (COVID.test(text)) return 'COVID_ADJUSTMENT';
  if (DEFINITION.test(text)) return 'DEFINITION';
  if (METHOD.test(text)) return 'METHOD';
  return 'NOTE';
}
