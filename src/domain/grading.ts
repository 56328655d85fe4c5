import type { GradeWording as Wording, Language } from './explanation';
import { LANGUAGES } from './explanation';
import { EN_GRADES as EN } from './explanation-en';
import { JA_GRADES as JA } from './explanation-ja';
import { AppError } from './errors';
import type { ProgressSummaryData } from './progress';
import { PROGRESS_STATUSES, type GradingPreset, type ProgressStatus } from './vocabulary';

/**
 * Grading scales: the grades a city publishes (Kawasaki's five-level 達成度, Yokohama's S/A/B/C) read off an
 * indicator's progress. A grade never changes a status; it is a second reading of the same evaluation.
 */

export { GRADING_PRESETS, type GradingPreset } from './vocabulary';

export interface GradeLevel {
  code: string;
  labelJa: string;
  labelEn: string;
  /** The level matches a rate ≥ minRate (inclusive); null: the level is reached by status only. */
  minRate: number | null;
  /** Statuses that map to this level when the row has no rate (text-status rows, NO_DATA, …). */
  statuses: ProgressStatus[];
}

export interface GradingScaleData {
  name: string;
  method: string | null;
  /** Best first. */
  levels: GradeLevel[];
}

export interface GradeResult {
  level: GradeLevel;
  explanations: Readonly<Record<Language, string>>;
}

const WORDINGS: Record<Language, Wording> = { EN, JA };
const PERCENT = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });

export const PRESET_SCALES: Readonly<Record<GradingPreset, GradingScaleData>> = Object.freeze({
  FIVE_LEVEL: {
    name: '達成度（5段階）',
    method: '指標の達成率（目標に対する実績の割合）で判定する。達成率を算出できない指標は進捗状況で判定する。',
    levels: [
      {
        code: '1',
        labelJa: '目標を大きく上回って達成',
        labelEn: 'Far exceeded the target',
        minRate: 1.2,
        statuses: [],
      },
      { code: '2', labelJa: '目標を達成', labelEn: 'Achieved the target', minRate: 1, statuses: ['ACHIEVED'] },
      {
        code: '3',
        labelJa: '目標を概ね達成',
        labelEn: 'Mostly achieved the target',
        minRate: 0.8,
        statuses: ['ON_TRACK'],
      },
      { code: '4', labelJa: '目標を下回った', labelEn: 'Fell short of the target', minRate: 0.5, statuses: ['BEHIND'] },
      {
        code: '5',
        labelJa: '目標を大きく下回った',
        labelEn: 'Fell far short of the target',
        minRate: 0,
        statuses: ['NOT_ACHIEVED'],
      },
    ],
  },
  SABC: {
    name: 'S/A/B/C',
    method: '達成率 120% 以上を S、100% 以上を A、80% 以上を B、それ未満を C とする。',
    levels: [
      { code: 'S', labelJa: '目標を上回る', labelEn: 'Above the target', minRate: 1.2, statuses: [] },
      { code: 'A', labelJa: '目標どおり', labelEn: 'On target', minRate: 1, statuses: ['ACHIEVED'] },
      { code: 'B', labelJa: 'やや遅れ', labelEn: 'Slightly behind', minRate: 0.8, statuses: ['ON_TRACK'] },
      { code: 'C', labelJa: '遅れ', labelEn: 'Behind', minRate: 0, statuses: ['NOT_ACHIEVED', 'BEHIND'] },
    ],
  },
});

function badScale(message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError('BAD_USER_INPUT', message, { argument: 'input', ...details });
}

/**
 * Checks a scale a client sent: at least two levels, unique non-empty codes, minRate finite and strictly
 * descending among the levels that have one, no status claimed twice, and every level reachable (a rate band or a
 * status). Throws BAD_USER_INPUT naming the first problem.
 */
export function validateGradingScale(scale: GradingScaleData): GradingScaleData {
  if (scale.name.trim() === '') throw badScale('A grading scale needs a name.');
  if (scale.levels.length < 2) throw badScale('A grading scale needs at least two levels.');
  const codes = new Set<string>();
  const statuses = new Map<ProgressStatus, string>();
  let previous: { code: string; minRate: number } | null = null;
  for (const level of scale.levels) {
    const code = level.code.trim();
    if (code === '') throw badScale('Every level needs a non-empty code.');
    if (codes.has(code)) throw badScale(`The level code "${code}" is used twice.`, { code });
    codes.add(code);
    if (level.labelJa.trim() === '' || level.labelEn.trim() === '') {
      throw badScale(`The level "${code}" needs both a Japanese and an English label.`, { code });
    }
    for (const status of level.statuses) {
      if (!PROGRESS_STATUSES.includes(status)) throw badScale(`Unknown progress status ${String(status)}.`);
      const owner = statuses.get(status);
      if (owner !== undefined) {
        throw badScale(`The status ${status} is mapped to both "${owner}" and "${code}".`, { code, status });
      }
      statuses.set(status, code);
    }
    if (level.minRate !== null) {
      if (!Number.isFinite(level.minRate))
        throw badScale(`The minRate of "${code}" must be a finite number.`, { code });
      if (previous !== null && level.minRate >= previous.minRate) {
        throw badScale(
          `minRate must descend from the best level: "${code}" (${level.minRate}) is not below "${previous.code}" (${previous.minRate}).`,
          { code },
        );
      }
      previous = { code, minRate: level.minRate };
    } else if (level.statuses.length === 0) {
      throw badScale(`The level "${code}" can never be reached: it has neither a minRate nor statuses.`, { code });
    }
  }
  return { ...scale, levels: scale.levels.map((l) => ({ ...l, code: l.code.trim() })) };
}

function worded(f: (w: Wording) => string): Readonly<Record<Language, string>> {
  return Object.fromEntries(LANGUAGES.map((l) => [l, f(WORDINGS[l])])) as Record<Language, string>;
}

const label = (level: GradeLevel, w: Wording): string => (w === JA ? level.labelJa : level.labelEn);

/**
 * The grade of one indicator's progress: the first (best) level that matches, a level matching when the rate is
 * at least its minRate (inclusive) or the status is one of its statuses. Null when no level matches.
 */
export function grade(
  progress: { status: ProgressStatus; achievementRate: number | null },
  scale: GradingScaleData,
): GradeResult | null {
  const rate = progress.achievementRate;
  const byRate = (l: GradeLevel): boolean => rate !== null && l.minRate !== null && rate >= l.minRate;
  const level = scale.levels.find((l) => byRate(l) || l.statuses.includes(progress.status));
  if (level === undefined) return null;
  if (rate !== null && byRate(level)) {
    return {
      level,
      explanations: worded((w) =>
        w.gradeByRate({
          scale: scale.name,
          rate: PERCENT.format(rate),
          minRate: PERCENT.format(level.minRate ?? 0),
          code: level.code,
          label: label(level, w),
        }),
      ),
    };
  }
  return {
    level,
    explanations: worded((w) =>
      w.gradeByStatus({ scale: scale.name, status: progress.status, code: level.code, label: label(level, w) }),
    ),
  };
}

/** Why `grade` returned null, in every language. */
export function noGradeExplanations(
  progress: { status: ProgressStatus; achievementRate: number | null },
  scale: GradingScaleData,
): Readonly<Record<Language, string>> {
  const rate = progress.achievementRate === null ? null : PERCENT.format(progress.achievementRate);
  return worded((w) => w.noGrade({ scale: scale.name, status: progress.status, rate }));
}

/**
 * The suggested grade of a summary: the weighted roll-up's achievedShare (summarizeProgress, weights and all) read
 * as an achievement rate on the same scale. A share is at most 100 %, so a band above 1 is never suggested. Null
 * (with its sentence) when no indicator below could be judged.
 */
export function suggestedGrade(
  summary: Pick<ProgressSummaryData, 'achievedShare'>,
  scale: GradingScaleData,
): { level: GradeLevel | null; explanations: Readonly<Record<Language, string>> } {
  const share = summary.achievedShare;
  const level = share === null ? undefined : scale.levels.find((l) => l.minRate !== null && share >= l.minRate);
  if (share === null || level === undefined) {
    return { level: null, explanations: worded((w) => w.noSuggestedGrade({ scale: scale.name })) };
  }
  return {
    level,
    explanations: worded((w) =>
      w.suggestedByShare({ scale: scale.name, share: PERCENT.format(share), code: level.code, label: label(level, w) }),
    ),
  };
}
