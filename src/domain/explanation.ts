/**
 * The languages a progress explanation is written in, and the phrases every language supplies. The rules of
 * src/domain/progress.ts decide; a Wording only words the decision, so each language gives the same sentence.
 * Each function receives the values already formatted (raw plan texts, numbers with units, fiscal-year labels).
 */

export const LANGUAGES = ['EN', 'JA'] as const;
export type Language = (typeof LANGUAGES)[number];

/** What a value is, where a sentence names it: the actual, the target, the level kept, the base-year estimate. */
export type ValueRole = 'actual' | 'target' | 'level' | 'estimate';

/** Where a text status stands against the target's on the ordered scale. */
export type ScalePosition = 'above' | 'level' | 'below';

/** The side a line rule reads as good: higher, lower, within the tolerance (MAINTAIN), exactly on it (NONE). */
export type LineReading = 'higher' | 'lower' | 'within' | 'exact';

export interface Wording {
  /** A fiscal year: FY2021, 令和3年度. */
  year(fiscalYear: number): string;

  // Whole sentences (one per outcome of evaluateProgress)
  noTarget(o: { year: string; reported: string | null; baselineRaw: string | null }): string;
  yearJudged(o: { year: string; actual: string; target: string; rule: string; met: boolean }): string;
  yearNotEvaluable(o: { year: string; actual: string; target: string; reason: string }): string;
  noData(o: { year: string; target: string }): string;
  lineJudged(o: {
    year: string;
    latest: string;
    latestYear: string;
    target: string;
    rule: string;
    met: boolean;
  }): string;
  lineNotEvaluable(o: { year: string; latest: string; latestYear: string; target: string; reason: string }): string;

  // Reasons a value cannot be judged (they complete "cannot be evaluated because …")
  unitMismatch(
    a: { role: ValueRole; raw: string; unit: string | null },
    b: { role: ValueRole; raw: string; unit: string | null },
  ): string;
  statusTargetNumberActual(target: string, actual: string): string;
  numberTargetStatusActual(target: string, actual: string): string;
  targetStatusOffScale(target: string): string;
  statusOffScale(actual: string): string;
  maintainWithoutBaseline(target: string): string;
  noNumber(raw: string): string;
  planPhraseActual(actual: string): string;
  noBetterSide(): string;

  // Rules applied (they fill the parentheses of a judged sentence)
  runningTotal(rule: string): string;
  sameStatus(offScaleWord: string | null): string;
  statusOnScale(
    actual: { text: string; word: string },
    position: ScalePosition,
    target: { text: string; word: string },
  ): string;
  statedLevel(level: string): string;
  estimateLevel(year: string, raw: string): string;
  keepWithin(percent: string, reference: string): string;
  ceiling(strict: boolean, target: string): string;
  floor(strict: boolean, target: string): string;
  about(target: string, percent: string, better: 'higher' | 'lower' | null): string;
  higherIsBetter(): string;
  lowerIsBetter(): string;
  stayAtZero(): string;
  zeroCeiling(target: string): string;
  exactlyPlanned(): string;
  againstTargetItself(rule: string): string;
  estimateEqualsTarget(year: string, rule: string): string;
  line(o: {
    baseYear: string;
    baseRaw: string;
    targetYear: string;
    targetRaw: string;
    expected: string;
    byYear: string;
  }): string;
  lineRule(reading: LineReading, line: string, percent: string): string;
}

/** The phrases of grade explanations (src/domain/grading.ts): how a level of a grading scale was reached. */
export interface GradeWording {
  gradeByRate(o: { scale: string; rate: string; minRate: string; code: string; label: string }): string;
  gradeByStatus(o: { scale: string; status: string; code: string; label: string }): string;
  noGrade(o: { scale: string; status: string; rate: string | null }): string;
  suggestedByShare(o: { scale: string; share: string; code: string; label: string }): string;
  noSuggestedGrade(o: { scale: string }): string;
}
