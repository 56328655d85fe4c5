import type { PlanValueData } from './plan-value.types';
import { LANGUAGES, type Language, type LineReading, type ValueRole, type Wording } from './explanation';
import { EN } from './explanation-en';
import { JA } from './explanation-ja';
import { normalizeText } from './text';
import { PROGRESS_STATUSES, type Comparator, type Direction, type ProgressStatus } from './vocabulary';

/**
 * Progress tracking: how one indicator stands in one fiscal year, and how a set of such answers rolls up.
 *
 * Everything here is pure: the caller loads the indicator, its plan cells and the actuals it wants considered
 * (approved only, or drafts too) and gets back a status, a ratio where one makes sense, and one sentence a citizen
 * can read. The rules are the ones agreed for progress tracking; each is restated where it is implemented.
 */

export interface YearValue {
  fiscalYear: number;
  value: PlanValueData;
}

/** One word of the ordered status scale; a higher rank is further along. */
export interface StatusLevel {
  word: string;
  rank: number;
}

/**
 * The stages a plan's text rows move through, from stopped to fully in place. Frozen because it is shared: a caller
 * that needs more words (the scale is "extensible by data") passes `[...DEFAULT_STATUS_SCALE, { word, rank }]`.
 */
export const DEFAULT_STATUS_SCALE: StatusLevel[] = Object.freeze(
  [
    { word: '中止', rank: 0 },
    { word: '未定', rank: 1 },
    { word: '検討', rank: 2 },
    { word: '試行', rank: 3 },
    { word: '一部実施', rank: 4 },
    { word: '実施', rank: 5 },
  ].map((level) => Object.freeze(level)),
) as StatusLevel[];

/** Relative tolerance for "about" targets (程度) and for keeping a level (MAINTAIN): 5 % of the reference value. */
export const DEFAULT_TOLERANCE = 0.05;

export interface EvaluationInput {
  indicator: { name: string; direction: Direction; cumulative: boolean; unit: string | null };
  /** The BASELINE_ESTIMATE cell (本年度見込み): an estimate of the base year's actual, never a target. */
  baseline: YearValue | null;
  /** The TARGET cells, any order. */
  targets: YearValue[];
  /** The actuals to consider, any years and any order; several for one year: the last one in the array is used. */
  actuals: YearValue[];
  /** The year asked about. */
  fiscalYear: number;
  /** Relative tolerance, default DEFAULT_TOLERANCE; must be a finite number >= 0. */
  tolerance?: number;
  /** Default DEFAULT_STATUS_SCALE. */
  statusScale?: StatusLevel[];
}

export interface Evaluation {
  fiscalYear: number;
  status: ProgressStatus;
  /** Where a ratio makes sense (numeric INCREASE / DECREASE rows that could be judged), else null. Unrounded. */
  achievementRate: number | null;
  /** The target compared against; null when the plan sets none for the year. */
  target: PlanValueData | null;
  /** The year's actual, or the latest earlier one for ON_TRACK / BEHIND; null when there is none. */
  actual: PlanValueData | null;
  /** One English sentence quoting the raw values, the rule used and the outcome. */
  explanation: string;
  /** The same sentence in every language (src/domain/explanation-*.ts); `EN` is `explanation`. */
  explanations: Readonly<Record<Language, string>>;
}

export interface WeightedStatus {
  status: ProgressStatus;
  /** Default 1; must be a finite number >= 0. */
  weight?: number;
}

export interface ProgressSummaryData {
  counts: { status: ProgressStatus; count: number }[];
  achievedShare: number | null;
}

// ---------------------------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------------------------

/** Words in any language: a rule or a reason, worded when the sentence is written (src/domain/explanation.ts). */
type Phrase = (w: Wording) => string;

const WORDINGS: Record<Language, Wording> = { EN, JA };

/** A judgement: `met` is ACHIEVED (year rule) or ON_TRACK (line rule); `rule` says in words what was applied. */
type Verdict = { judged: true; met: boolean; rule: Phrase } | { judged: false; reason: Phrase };

const judged = (met: boolean, rule: Phrase): Verdict => ({ judged: true, met, rule });
const notJudged = (reason: Phrase): Verdict => ({ judged: false, reason });

type BetterSide = 'higher' | 'lower' | null;

interface Context {
  direction: Direction;
  cumulative: boolean;
  indicatorUnit: string | null;
  tolerance: number;
  scale: Map<string, number>;
  baseline: YearValue | null;
}

const NUMBER_FORMAT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** A number for the explanation: grouped and cut to two decimals (the API keeps the raw floats; this is prose). */
function show(n: number, unit: string | null): string {
  return `${NUMBER_FORMAT.format(n)}${unit ?? ''}`;
}

function percent(tolerance: number): string {
  return `${NUMBER_FORMAT.format(tolerance * 100)}%`;
}

/**
 * Computed values (a point on a line, a tolerance band) carry binary floating-point noise: 0.05 × 90 or
 * 166 + (156 − 166) × 1/2 must not flip a verdict at the boundary. Only such computed comparisons get this slack;
 * two parsed numbers (actual vs target) are compared exactly, so 「5%未満」 rejects exactly 5.
 */
function slack(reference: number): number {
  return 1e-9 * Math.max(1, Math.abs(reference));
}

function withinTolerance(value: number, reference: number, tolerance: number): boolean {
  return Math.abs(value - reference) <= tolerance * Math.abs(reference) + slack(reference);
}

/**
 * A value with no unit is read in the indicator's unit: people type 「84.0」 for 84.0 %, and plan cells of a row
 * sometimes omit the unit the header or neighbours give. Units are compared in normalised form.
 */
function effectiveUnit(value: PlanValueData, indicatorUnit: string | null): string | null {
  return value.unit ?? indicatorUnit;
}

function normalizeUnit(unit: string | null): string | null {
  if (unit === null) return null;
  const u = normalizeText(unit);
  return u === '' ? null : u;
}

/** Null when the units agree (both absent is agreement); else the reason the numbers cannot be compared. */
function unitProblem(
  what: ValueRole,
  value: PlanValueData,
  otherWhat: ValueRole,
  other: PlanValueData,
  ctx: Context,
): Phrase | null {
  const a = normalizeUnit(effectiveUnit(value, ctx.indicatorUnit));
  const b = normalizeUnit(effectiveUnit(other, ctx.indicatorUnit));
  if (a === b) return null;
  return (w) => w.unitMismatch({ role: what, raw: value.raw, unit: a }, { role: otherWhat, raw: other.raw, unit: b });
}

/** The side that is better: an explicit ceiling or floor in the cell wins; else the indicator's direction. */
function betterSide(direction: Direction, comparator: Comparator | null): BetterSide {
  if (comparator === 'LT' || comparator === 'LTE') return 'lower';
  if (comparator === 'GT' || comparator === 'GTE') return 'higher';
  if (direction === 'INCREASE') return 'higher';
  // ZERO is "as low as possible, ideally none": where a tolerance or a line needs a side, lower is better.
  if (direction === 'DECREASE' || direction === 'ZERO') return 'lower';
  return null;
}

function scaleMap(scale: StatusLevel[]): Map<string, number> {
  const map = new Map<string, number>();
  // A word listed twice keeps its last rank, so a caller can re-rank a default word by appending it.
  for (const level of scale) map.set(normalizeText(level.word), level.rank);
  return map;
}

function statusText(value: PlanValueData): string {
  return normalizeText(value.text ?? value.raw);
}

/**
 * The rank of a status text on the scale. A compound status (検討・実施, 「検討・試行」) lists the stages a year goes
 * through, so it ranks as its highest known part; the whole text is tried first so a caller's scale may hold a
 * compound word of its own. Null when no part is on the scale.
 */
export function rankStatus(
  text: string,
  scale: StatusLevel[] = DEFAULT_STATUS_SCALE,
): { word: string; rank: number } | null {
  return rankIn(normalizeText(text), scaleMap(scale));
}

function rankIn(text: string, scale: Map<string, number>): { word: string; rank: number } | null {
  const bare = text.replace(/^[「『"]+|[」』"]+$/g, '').trim();
  const whole = scale.get(bare);
  if (whole !== undefined) return { word: bare, rank: whole };
  let best: { word: string; rank: number } | null = null;
  for (const part of bare.split(/[・、,/／]/)) {
    const word = part.trim();
    const rank = scale.get(word);
    if (rank !== undefined && (best === null || rank > best.rank)) best = { word, rank };
  }
  return best;
}

/**
 * The point a straight line from the base-year estimate (year b, value base) to the target (year y, value target)
 * reaches in year a: base + (target − base) × (a − b) / (y − b). An actual from before the base year extrapolates
 * the same line backwards; callers ensure y > b.
 */
export function expectedOnLine(
  base: { fiscalYear: number; value: number },
  target: { fiscalYear: number; value: number },
  fiscalYear: number,
): number {
  const span = target.fiscalYear - base.fiscalYear;
  if (span === 0) return target.value;
  return base.value + ((target.value - base.value) * (fiscalYear - base.fiscalYear)) / span;
}

/** The sentence in every language; `explanation` is the English one. */
function worded(sentence: Phrase): Pick<Evaluation, 'explanation' | 'explanations'> {
  const explanations = Object.fromEntries(LANGUAGES.map((l) => [l, sentence(WORDINGS[l])])) as Record<Language, string>;
  return { explanation: explanations.EN, explanations };
}

// ---------------------------------------------------------------------------------------------------------------
// The rules
// ---------------------------------------------------------------------------------------------------------------

/** "running total, " in front of a rule, so the reader knows both sides are totals to date. */
function withCumulative(ctx: Context, rule: Phrase): Phrase {
  return ctx.cumulative ? (w) => w.runningTotal(rule(w)) : rule;
}

/**
 * Text statuses compare on the ordered scale: at or above the target's rank is met. The same words are always met,
 * on the scale or not; otherwise a word off the scale cannot be placed, so it is not evaluable and the reason names
 * it. The indicator's direction plays no part: a status further along is better in every plan. The parenthesised
 * note of a cell (「実施 (パンフレット作成含む)」) is a remark, not part of the status, and is ignored.
 */
function judgeStatus(ctx: Context, actual: PlanValueData, target: PlanValueData): Verdict {
  if (actual.kind !== 'STATUS') {
    return notJudged((w) => w.statusTargetNumberActual(target.raw, actual.raw));
  }
  const a = statusText(actual);
  const t = statusText(target);
  const ta = rankIn(t, ctx.scale);
  if (a === t) {
    return judged(true, (w) => w.sameStatus(ta === null ? t : null));
  }
  const ra = rankIn(a, ctx.scale);
  if (ta === null) return notJudged((w) => w.targetStatusOffScale(t));
  if (ra === null) return notJudged((w) => w.statusOffScale(a));
  const position = ra.rank > ta.rank ? 'above' : ra.rank === ta.rank ? 'level' : 'below';
  return judged(ra.rank >= ta.rank, (w) =>
    w.statusOnScale({ text: a, word: ra.word }, position, { text: t, word: ta.word }),
  );
}

/**
 * A MAINTAIN cell (the 「おおむね現状維持を目標 →」 span) asks to keep the current level: met when the actual is within
 * the tolerance of the base-year estimate. A maintain cell that states its own level (「50%を維持 →」) is held to
 * that level instead, since the plan says it. No numeric level to hold → not evaluable.
 */
function judgeMaintainSpan(ctx: Context, actual: PlanValueData, target: PlanValueData): Verdict {
  let reference: { number: number; value: PlanValueData; label: Phrase };
  if (target.number !== null) {
    const level = show(target.number, target.unit);
    reference = { number: target.number, value: target, label: (w) => w.statedLevel(level) };
  } else {
    const base = ctx.baseline;
    if (base === null || base.value.kind === 'STATUS' || base.value.number === null) {
      return notJudged((w) => w.maintainWithoutBaseline(target.raw));
    }
    reference = {
      number: base.value.number,
      value: base.value,
      label: (w) => w.estimateLevel(w.year(base.fiscalYear), base.value.raw),
    };
  }
  const units = unitProblem('actual', actual, 'level', reference.value, ctx);
  if (units !== null) return notJudged(units);
  const met = actual.number !== null && withinTolerance(actual.number, reference.number, ctx.tolerance);
  return judged(
    met,
    withCumulative(ctx, (w) => w.keepWithin(percent(ctx.tolerance), reference.label(w))),
  );
}

/**
 * The year rule for a numeric target. The cell's comparator is the plan's own words and decides first:
 * 未満 (LT) strictly under, 以下 (LTE) at most, 超 (GT) over, 以上 (GTE) at least. 程度 (APPROX): within the tolerance
 * is met, and so is any distance on the better side (a ratio of 80% against 「90%程度」 when lower is better); with no
 * better side (MAINTAIN, NONE) only within the tolerance counts. A plain number (EQ) is read by the direction.
 * Cumulative rows need nothing special here: the actual and the target are both running totals as of the year, so
 * they compare directly — actuals are never summed across years.
 */
function judgeNumber(ctx: Context, actual: PlanValueData, target: PlanValueData): Verdict {
  const units = unitProblem('actual', actual, 'target', target, ctx);
  if (units !== null) return notJudged(units);
  if (actual.number === null || target.number === null) {
    const raw = actual.number === null ? actual.raw : target.raw;
    return notJudged((w) => w.noNumber(raw));
  }
  const a = actual.number;
  const t = target.number;
  const unit = normalizeUnit(effectiveUnit(target, ctx.indicatorUnit));
  const tt = show(t, unit);
  const rule = (text: Phrase): Phrase => withCumulative(ctx, text);
  switch (target.comparator) {
    case 'LT':
      return judged(
        a < t,
        rule((w) => w.ceiling(true, tt)),
      );
    case 'LTE':
      return judged(
        a <= t,
        rule((w) => w.ceiling(false, tt)),
      );
    case 'GT':
      return judged(
        a > t,
        rule((w) => w.floor(true, tt)),
      );
    case 'GTE':
      return judged(
        a >= t,
        rule((w) => w.floor(false, tt)),
      );
    case 'APPROX': {
      const side = betterSide(ctx.direction, null);
      const within = withinTolerance(a, t, ctx.tolerance);
      const beyond = (side === 'higher' && a > t) || (side === 'lower' && a < t);
      return judged(
        within || beyond,
        rule((w) => w.about(tt, percent(ctx.tolerance), side)),
      );
    }
    case 'EQ':
    case null:
      break;
  }
  switch (ctx.direction) {
    case 'INCREASE':
      return judged(
        a >= t,
        rule((w) => w.higherIsBetter()),
      );
    case 'DECREASE':
      return judged(
        a <= t,
        rule((w) => w.lowerIsBetter()),
      );
    case 'ZERO':
      // The rule is "the actual is 0" against a 0 target. A nonzero target under a ZERO direction means the data
      // disagree (an override, a later plan revision); the plan's own number then reads as a ceiling.
      if (t === 0)
        return judged(
          a === 0,
          rule((w) => w.stayAtZero()),
        );
      return judged(
        a <= t,
        rule((w) => w.zeroCeiling(tt)),
      );
    case 'MAINTAIN':
      return judged(
        withinTolerance(a, t, ctx.tolerance),
        rule((w) => w.keepWithin(percent(ctx.tolerance), tt)),
      );
    case 'NONE':
      // Hitting the planned number exactly satisfies every possible reading of the row; a miss is a success under
      // one direction and a failure under the other, and the plan does not say which, so it is not judged.
      if (a === t)
        return judged(
          true,
          rule((w) => w.exactlyPlanned()),
        );
      return notJudged((w) => w.noBetterSide());
  }
}

/** The year rule: the year's actual against the year's target. */
function judgeYear(ctx: Context, actual: PlanValueData, target: PlanValueData): Verdict {
  if (actual.kind === 'MAINTAIN') return notJudged((w) => w.planPhraseActual(actual.raw));
  if (target.kind === 'STATUS') return judgeStatus(ctx, actual, target);
  if (actual.kind === 'STATUS') {
    return notJudged((w) => w.numberTargetStatusActual(target.raw, actual.raw));
  }
  if (target.kind === 'MAINTAIN') return judgeMaintainSpan(ctx, actual, target);
  return judgeNumber(ctx, actual, target);
}

/** Where the line starts: the base-year estimate, when it is a number in the target's units before the target year. */
function lineStart(ctx: Context, target: YearValue): { fiscalYear: number; number: number; raw: string } | null {
  const base = ctx.baseline;
  if (base === null || base.value.kind === 'STATUS' || base.value.number === null) return null;
  if (base.fiscalYear >= target.fiscalYear) return null;
  if (unitProblem('estimate', base.value, 'target', target.value, ctx) !== null) return null;
  return { fiscalYear: base.fiscalYear, number: base.value.number, raw: base.value.raw };
}

/**
 * The line rule, for a year with no actual yet: is the latest earlier actual (year a) where a straight line from the
 * base-year estimate to the year's target says it should be by year a? "At least as good as expected" is read on
 * the better side (inclusive). Text, MAINTAIN spans and ZERO rows have no line: a text status is on track at or
 * above the target's rank, a span when the actual is within the tolerance of the level kept, a ZERO row when the
 * actual is 0. With no numeric baseline (or one in other units, or a target not after the base year) there is no
 * line, and the latest actual is held against the target itself by the year rule; a flat line (estimate = target)
 * is the same case, and taking the target's rule there keeps 「5%未満」 strict.
 */
function judgeLine(ctx: Context, latest: YearValue, target: YearValue): Verdict {
  const actual = latest.value;
  if (actual.kind === 'MAINTAIN') return notJudged((w) => w.planPhraseActual(actual.raw));
  if (target.value.kind !== 'QUANTITY' || actual.kind !== 'QUANTITY') return judgeYear(ctx, actual, target.value);
  if (ctx.direction === 'ZERO' && target.value.number === 0) return judgeNumber(ctx, actual, target.value);

  const units = unitProblem('actual', actual, 'target', target.value, ctx);
  if (units !== null) return notJudged(units);
  const t = target.value.number;
  const a = actual.number;
  if (t === null || a === null) return judgeNumber(ctx, actual, target.value);
  const base = lineStart(ctx, target);
  if (base === null) {
    const verdict = judgeNumber(ctx, actual, target.value);
    if (!verdict.judged) return verdict;
    const rule = verdict.rule;
    return judged(verdict.met, (w) => w.againstTargetItself(rule(w)));
  }
  if (base.number === t) {
    const verdict = judgeNumber(ctx, actual, target.value);
    if (!verdict.judged) return verdict;
    const rule = verdict.rule;
    return judged(verdict.met, (w) => w.estimateEqualsTarget(w.year(base.fiscalYear), rule(w)));
  }

  const expected = expectedOnLine(
    { fiscalYear: base.fiscalYear, value: base.number },
    { fiscalYear: target.fiscalYear, value: t },
    latest.fiscalYear,
  );
  const unit = normalizeUnit(effectiveUnit(target.value, ctx.indicatorUnit));
  const line = (reading: LineReading): Phrase =>
    withCumulative(ctx, (w) =>
      w.lineRule(
        reading,
        w.line({
          baseYear: w.year(base.fiscalYear),
          baseRaw: base.raw,
          targetYear: w.year(target.fiscalYear),
          targetRaw: target.value.raw,
          expected: show(expected, unit),
          byYear: w.year(latest.fiscalYear),
        }),
        percent(ctx.tolerance),
      ),
    );
  const side = betterSide(ctx.direction, target.value.comparator);
  if (side === 'higher') return judged(a >= expected - slack(expected), line('higher'));
  if (side === 'lower') return judged(a <= expected + slack(expected), line('lower'));
  if (ctx.direction === 'MAINTAIN') return judged(withinTolerance(a, expected, ctx.tolerance), line('within'));
  // NONE: as in the year rule, only an exact hit can be judged without knowing which way is better.
  if (Math.abs(a - expected) <= slack(expected)) return judged(true, line('exact'));
  return notJudged((w) => w.noBetterSide());
}

/**
 * INCREASE: actual / target; DECREASE: target / actual — both "how far towards the target", 1 = exactly on it.
 * Null for ZERO, MAINTAIN and NONE rows, text and maintain cells, where no ratio is meaningful. Division guards:
 * a 0 target under INCREASE gives null; a 0 actual under DECREASE gives null even when the target is 0 too (the
 * ratio would be infinite or 0/0, neither of which a GraphQL Float can carry; the status already says achieved).
 */
export function achievementRate(direction: Direction, actual: PlanValueData, target: PlanValueData): number | null {
  if (actual.kind !== 'QUANTITY' || target.kind !== 'QUANTITY') return null;
  if (actual.number === null || target.number === null) return null;
  if (direction === 'INCREASE') return target.number === 0 ? null : actual.number / target.number;
  if (direction === 'DECREASE') return actual.number === 0 ? null : target.number / actual.number;
  return null;
}

function lastFor(values: YearValue[], fiscalYear: number): YearValue | null {
  let found: YearValue | null = null;
  for (const v of values) if (v.fiscalYear === fiscalYear) found = v;
  return found;
}

/** The latest actual strictly before the year; of several for that year, the last in the array. */
function latestBefore(values: YearValue[], fiscalYear: number): YearValue | null {
  let found: YearValue | null = null;
  for (const v of values) {
    if (v.fiscalYear < fiscalYear && (found === null || v.fiscalYear >= found.fiscalYear)) found = v;
  }
  return found;
}

/**
 * Evaluates one indicator for one fiscal year.
 *
 * - The year's target is the TARGET cell of `fiscalYear`; none → NOT_EVALUABLE ("the plan sets no target for FY…"),
 *   checked first because without a target nothing else can be said.
 * - The year's actual is the actual of `fiscalYear`: with it, the year rule gives ACHIEVED / NOT_ACHIEVED.
 * - Without it, the latest earlier actual gives ON_TRACK / BEHIND by the line rule; an actual for a later year says
 *   nothing about this one and is ignored. No actual for the year or before → NO_DATA.
 */
export function evaluateProgress(input: EvaluationInput): Evaluation {
  const tolerance = input.tolerance ?? DEFAULT_TOLERANCE;
  if (!Number.isFinite(tolerance) || tolerance < 0) {
    throw new RangeError(`tolerance must be a finite number >= 0, got ${tolerance}`);
  }
  const ctx: Context = {
    direction: input.indicator.direction,
    cumulative: input.indicator.cumulative,
    indicatorUnit: normalizeUnit(input.indicator.unit),
    tolerance,
    scale: scaleMap(input.statusScale ?? DEFAULT_STATUS_SCALE),
    baseline: input.baseline,
  };
  const y = input.fiscalYear;
  const target = lastFor(input.targets, y);
  const yearActual = lastFor(input.actuals, y);

  if (target === null) {
    const base = input.baseline;
    const baselineRaw = base !== null && base.fiscalYear === y ? base.value.raw : null;
    const reported = yearActual?.value.raw ?? null;
    return {
      fiscalYear: y,
      status: 'NOT_EVALUABLE',
      achievementRate: null,
      target: null,
      actual: yearActual?.value ?? null,
      ...worded((w) => w.noTarget({ year: w.year(y), reported, baselineRaw })),
    };
  }

  if (yearActual !== null) {
    const actual = yearActual.value;
    const verdict = judgeYear(ctx, actual, target.value);
    const against = (w: Wording) => ({ year: w.year(y), actual: actual.raw, target: target.value.raw });
    if (!verdict.judged) {
      return {
        fiscalYear: y,
        status: 'NOT_EVALUABLE',
        achievementRate: null,
        target: target.value,
        actual,
        ...worded((w) => w.yearNotEvaluable({ ...against(w), reason: verdict.reason(w) })),
      };
    }
    return {
      fiscalYear: y,
      status: verdict.met ? 'ACHIEVED' : 'NOT_ACHIEVED',
      achievementRate: achievementRate(ctx.direction, actual, target.value),
      target: target.value,
      actual,
      ...worded((w) => w.yearJudged({ ...against(w), rule: verdict.rule(w), met: verdict.met })),
    };
  }

  const latest = latestBefore(input.actuals, y);
  if (latest === null) {
    return {
      fiscalYear: y,
      status: 'NO_DATA',
      achievementRate: null,
      target: target.value,
      actual: null,
      ...worded((w) => w.noData({ year: w.year(y), target: target.value.raw })),
    };
  }

  const verdict = judgeLine(ctx, latest, target);
  const soFar = (w: Wording) => ({
    year: w.year(y),
    latest: latest.value.raw,
    latestYear: w.year(latest.fiscalYear),
    target: target.value.raw,
  });
  if (!verdict.judged) {
    return {
      fiscalYear: y,
      status: 'NOT_EVALUABLE',
      achievementRate: null,
      target: target.value,
      actual: latest.value,
      ...worded((w) => w.lineNotEvaluable({ ...soFar(w), reason: verdict.reason(w) })),
    };
  }
  return {
    fiscalYear: y,
    status: verdict.met ? 'ON_TRACK' : 'BEHIND',
    achievementRate: achievementRate(ctx.direction, latest.value, target.value),
    target: target.value,
    actual: latest.value,
    ...worded((w) => w.lineJudged({ ...soFar(w), rule: verdict.rule(w), met: verdict.met })),
  };
}

/**
 * Rolls up evaluations. Counts are plain counts for every status, zeros included, in PROGRESS_STATUSES order;
 * weights only shape the share. achievedShare = Σ weight of ACHIEVED ÷ Σ weight of the judged items (ACHIEVED,
 * NOT_ACHIEVED, ON_TRACK, BEHIND): a year still under way counts against the share until it is achieved, while
 * NO_DATA and NOT_EVALUABLE say nothing either way and stay out. Null when that denominator is 0. A negative or
 * non-finite weight is a caller error (RangeError): it would make the share meaningless.
 */
export function summarizeProgress(items: WeightedStatus[]): ProgressSummaryData {
  const counts = new Map<ProgressStatus, number>(PROGRESS_STATUSES.map((s) => [s, 0]));
  let achieved = 0;
  let judgedWeight = 0;
  for (const item of items) {
    const weight = item.weight ?? 1;
    if (!Number.isFinite(weight) || weight < 0) {
      throw new RangeError(`weight must be a finite number >= 0, got ${weight}`);
    }
    const count = counts.get(item.status);
    if (count === undefined) throw new RangeError(`unknown progress status ${String(item.status)}`);
    counts.set(item.status, count + 1);
    if (item.status === 'ACHIEVED') achieved += weight;
    if (
      item.status === 'ACHIEVED' ||
      item.status === 'NOT_ACHIEVED' ||
      item.status === 'ON_TRACK' ||
      item.status === 'BEHIND'
    ) {
      judgedWeight += weight;
    }
  }
  return {
    counts: PROGRESS_STATUSES.map((status) => ({ status, count: counts.get(status) ?? 0 })),
    achievedShare: judgedWeight === 0 ? null : achieved / judgedWeight,
  };
}
