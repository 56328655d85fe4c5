import { AppError } from '../../src/domain/errors';
import {
  PRESET_SCALES,
  grade,
  noGradeExplanations,
  suggestedGrade,
  validateGradingScale,
  type GradingScaleData,
} from '../../src/domain/grading';
import { summarizeProgress } from '../../src/domain/progress';
import { PROGRESS_STATUSES, type ProgressStatus } from '../../src/domain/vocabulary';

const five = PRESET_SCALES.FIVE_LEVEL;
const sabc = PRESET_SCALES.SABC;
const code = (status: ProgressStatus, rate: number | null, scale: GradingScaleData): string | null =>
  grade({ status, achievementRate: rate }, scale)?.level.code ?? null;

describe('grade', () => {
  it('reads FIVE_LEVEL bands by rate, inclusive at minRate', () => {
    expect(code('ACHIEVED', 1.2, five)).toBe('1');
    expect(code('ACHIEVED', 1.0, five)).toBe('2');
    expect(code('NOT_ACHIEVED', 0.8, five)).toBe('3');
    expect(code('NOT_ACHIEVED', 0.79, five)).toBe('4');
    expect(code('NOT_ACHIEVED', 0.1, five)).toBe('5');
  });

  it('takes the first level matching the rate or the status', () => {
    expect(code('ACHIEVED', 0.97, five)).toBe('2'); // within 程度: achieved, rate band 3
    expect(code('BEHIND', 0.1, five)).toBe('4'); // status level 4 beats rate band 5
  });

  it('maps every status without a rate under both presets', () => {
    const expected: Record<ProgressStatus, [string | null, string | null]> = {
      ACHIEVED: ['2', 'A'],
      NOT_ACHIEVED: ['5', 'C'],
      ON_TRACK: ['3', 'B'],
      BEHIND: ['4', 'C'],
      NO_DATA: [null, null],
      NOT_EVALUABLE: [null, null],
    };
    for (const status of PROGRESS_STATUSES) {
      expect([code(status, null, five), code(status, null, sabc)]).toEqual(expected[status]);
    }
  });

  it('falls back to the status when a negative rate is below every band', () => {
    expect(code('NOT_ACHIEVED', -0.5, sabc)).toBe('C');
  });

  it('explains the grade in English and Japanese', () => {
    const g = grade({ status: 'ACHIEVED', achievementRate: 1.05 }, five);
    expect(g?.explanations.EN).toBe(
      'Under "達成度（5段階）" the achievement rate 105% is at least 100%, so the grade is 2 (Achieved the target).',
    );
    expect(g?.explanations.JA).toBe('「達成度（5段階）」では達成率 105% が 100% 以上のため評価は 2（目標を達成）。');
    expect(noGradeExplanations({ status: 'NO_DATA', achievementRate: null }, five).EN).toContain('no grade');
  });
});

describe('suggestedGrade', () => {
  it('reads the weighted achieved share of the roll-up as a rate', () => {
    const summary = summarizeProgress([
      { status: 'ACHIEVED', weight: 3 },
      { status: 'BEHIND', weight: 1 },
    ]);
    expect(suggestedGrade(summary, five).level?.code).toBe('4');
    expect(suggestedGrade(summarizeProgress([{ status: 'ACHIEVED' }]), sabc).level?.code).toBe('A');
    const none = suggestedGrade(summarizeProgress([{ status: 'NO_DATA' }]), five);
    expect(none.level).toBeNull();
    expect(none.explanations.JA).toContain('評価の目安なし');
  });
});

describe('validateGradingScale', () => {
  const level = (c: string, minRate: number | null, statuses: ProgressStatus[] = []) => ({
    code: c,
    labelJa: c,
    labelEn: c,
    minRate,
    statuses,
  });
  const bad = (levels: ReturnType<typeof level>[]) => () => validateGradingScale({ name: 'x', method: null, levels });

  it('accepts the presets', () => {
    expect(validateGradingScale(five)).toEqual(five);
    expect(validateGradingScale(sabc)).toEqual(sabc);
  });

  it('rejects bad scales with BAD_USER_INPUT', () => {
    expect(bad([level('A', 1)])).toThrow(/at least two levels/);
    expect(bad([level('A', 1), level('A', 0)])).toThrow(/used twice/);
    expect(bad([level('A', 0.5), level('B', 0.8)])).toThrow(/must descend/);
    expect(bad([level('A', 1), level('B', null)])).toThrow(/never be reached/);
    expect(bad([level('A', 1, ['ACHIEVED']), level('B', 0, ['ACHIEVED'])])).toThrow(/mapped to both/);
    expect(bad([level('A', 1), level('B', 0)])).not.toThrow();
    try {
      bad([level('A', 1)])();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('BAD_USER_INPUT');
    }
  });
});
