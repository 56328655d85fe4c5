import { parsePlanValue } from '../../src/domain/plan-value';
import type { PlanValueData } from '../../src/domain/plan-value.types';
import { LANGUAGES, type Wording } from '../../src/domain/explanation';
import { EN } from '../../src/domain/explanation-en';
import { JA } from '../../src/domain/explanation-ja';
import { evaluateProgress } from '../../src/domain/progress';
import type { Direction, ProgressStatus } from '../../src/domain/vocabulary';

// Every rule of src/domain/progress.ts in Japanese: one case per branch that words a sentence, each with the exact
// sentence, and a check that the cases together use every phrase of the Japanese wording.

const v = (raw: string): PlanValueData => parsePlanValue(raw).value;
const SPAN = 'おおむね現状維持を目標 →';

interface Case {
  rule: string;
  direction: Direction;
  unit: string | null;
  cumulative?: boolean;
  baseline?: [number, PlanValueData | string] | null;
  targets: Record<number, PlanValueData | string>;
  actuals?: Record<number, PlanValueData | string>;
  year: number;
  status: ProgressStatus;
  ja: string;
}

const value = (x: PlanValueData | string): PlanValueData => (typeof x === 'string' ? v(x) : x);

function run(c: Case) {
  return evaluateProgress({
    indicator: { name: c.rule, direction: c.direction, cumulative: c.cumulative ?? false, unit: c.unit },
    baseline: c.baseline ? { fiscalYear: c.baseline[0], value: value(c.baseline[1]) } : null,
    targets: Object.entries(c.targets).map(([y, x]) => ({ fiscalYear: Number(y), value: value(x) })),
    actuals: Object.entries(c.actuals ?? {}).map(([y, x]) => ({ fiscalYear: Number(y), value: value(x) })),
    fiscalYear: c.year,
  });
}

const CASES: Case[] = [
  {
    rule: '程度 (APPROX), lower is better',
    direction: 'DECREASE',
    unit: '%',
    baseline: [2020, '90%程度'],
    targets: { 2021: '90%程度' },
    actuals: { 2021: '93.0%' },
    year: 2021,
    status: 'ACHIEVED',
    ja: '令和3年度: 93.0%(目標 90%程度、低いほど良い、許容幅5%)— 達成',
  },
  {
    rule: '程度 (APPROX) without a better side',
    direction: 'MAINTAIN',
    unit: '%',
    targets: { 2021: '90%程度' },
    actuals: { 2021: '80%' },
    year: 2021,
    status: 'NOT_ACHIEVED',
    ja: '令和3年度: 80%(目標 90%程度、90%程度、許容幅5%の範囲内のみ達成)— 未達成',
  },
  {
    rule: '未満 (LT)',
    direction: 'DECREASE',
    unit: '%',
    targets: { 2021: '5%未満' },
    actuals: { 2021: '5.0%' },
    year: 2021,
    status: 'NOT_ACHIEVED',
    ja: '令和3年度: 5.0%(目標 5%未満、上限、5%未満)— 未達成',
  },
  {
    rule: '以下 (LTE)',
    direction: 'DECREASE',
    unit: '%',
    targets: { 2021: '5%以下' },
    actuals: { 2021: '5%' },
    year: 2021,
    status: 'ACHIEVED',
    ja: '令和3年度: 5%(目標 5%以下、上限、5%以下)— 達成',
  },
  {
    rule: '超 (GT)',
    direction: 'INCREASE',
    unit: '件',
    targets: { 2022: '10件超' },
    actuals: { 2022: '10件' },
    year: 2022,
    status: 'NOT_ACHIEVED',
    ja: '令和4年度: 10件(目標 10件超、下限、10件超)— 未達成',
  },
  {
    rule: '以上 (GTE)',
    direction: 'INCREASE',
    unit: '件',
    targets: { 2022: '10件以上' },
    actuals: { 2022: '12件' },
    year: 2022,
    status: 'ACHIEVED',
    ja: '令和4年度: 12件(目標 10件以上、下限、10件以上)— 達成',
  },
  {
    rule: 'a plain number, higher is better',
    direction: 'INCREASE',
    unit: '%',
    targets: { 2022: '56.0%' },
    actuals: { 2022: '55.0%' },
    year: 2022,
    status: 'NOT_ACHIEVED',
    ja: '令和4年度: 55.0%(目標 56.0%、高いほど良い)— 未達成',
  },
  {
    rule: 'a plain number, lower is better',
    direction: 'DECREASE',
    unit: '人',
    targets: { 2021: '161人' },
    actuals: { 2021: '160人' },
    year: 2021,
    status: 'ACHIEVED',
    ja: '令和3年度: 160人(目標 161人、低いほど良い)— 達成',
  },
  {
    rule: 'cumulative (累計): both running totals',
    direction: 'INCREASE',
    unit: '人',
    cumulative: true,
    targets: { 2021: '430人' },
    actuals: { 2021: '440人' },
    year: 2021,
    status: 'ACHIEVED',
    ja: '令和3年度: 440人(目標 430人、累計で比較、高いほど良い)— 達成',
  },
  {
    rule: 'ZERO: stay at zero',
    direction: 'ZERO',
    unit: '件',
    targets: { 2021: '0件' },
    actuals: { 2021: '1件' },
    year: 2021,
    status: 'NOT_ACHIEVED',
    ja: '令和3年度: 1件(目標 0件、ゼロを維持)— 未達成',
  },
  {
    rule: 'ZERO with a nonzero target: a ceiling',
    direction: 'ZERO',
    unit: '件',
    targets: { 2021: '2件' },
    actuals: { 2021: '1件' },
    year: 2021,
    status: 'ACHIEVED',
    ja: '令和3年度: 1件(目標 2件、ゼロが目標のため 2件 を上限とする)— 達成',
  },
  {
    rule: 'MAINTAIN with a number: within the tolerance',
    direction: 'MAINTAIN',
    unit: '㎡',
    targets: { 2026: '45 万㎡' },
    actuals: { 2026: '44 万㎡' },
    year: 2026,
    status: 'ACHIEVED',
    ja: '令和8年度: 44 万㎡(目標 45 万㎡、450,000㎡から許容幅5%以内を維持)— 達成',
  },
  {
    rule: 'NONE: exactly the planned value',
    direction: 'NONE',
    unit: '件',
    targets: { 2021: '50件' },
    actuals: { 2021: '50件' },
    year: 2021,
    status: 'ACHIEVED',
    ja: '令和3年度: 50件(目標 50件、計画値どおり)— 達成',
  },
  {
    rule: 'NONE: a miss cannot be judged',
    direction: 'NONE',
    unit: '件',
    targets: { 2021: '50件' },
    actuals: { 2021: '40件' },
    year: 2021,
    status: 'NOT_EVALUABLE',
    ja: '令和3年度: 40件(目標 50件)— 評価不能: 計画に増減のどちらが良いかの定めがない',
  },
  {
    rule: 'maintain span (現状維持) against the base-year estimate',
    direction: 'MAINTAIN',
    unit: '㎡',
    baseline: [2020, '44 万㎡'],
    targets: { 2021: SPAN },
    actuals: { 2021: '44.5 万㎡' },
    year: 2021,
    status: 'ACHIEVED',
    ja: `令和3年度: 44.5 万㎡(目標 ${SPAN}、令和2年度の見込み 44 万㎡から許容幅5%以内を維持)— 達成`,
  },
  {
    rule: 'maintain span with its own level',
    direction: 'MAINTAIN',
    unit: '%',
    targets: { 2021: { ...v('50%を維持 →'), number: 50, unit: '%' } },
    actuals: { 2021: '40%' },
    year: 2021,
    status: 'NOT_ACHIEVED',
    ja: '令和3年度: 40%(目標 50%を維持 →、明示された水準 50%から許容幅5%以内を維持)— 未達成',
  },
  {
    rule: 'maintain span without a numeric estimate',
    direction: 'MAINTAIN',
    unit: '㎡',
    targets: { 2021: SPAN },
    actuals: { 2021: '44 万㎡' },
    year: 2021,
    status: 'NOT_EVALUABLE',
    ja: `令和3年度: 44 万㎡(目標 ${SPAN})— 評価不能: 目標 ${SPAN} は現状維持だが、計画に数値の基準年度見込みがない`,
  },
  {
    rule: 'units that differ',
    direction: 'INCREASE',
    unit: null,
    targets: { 2021: '10件' },
    actuals: { 2021: '10人' },
    year: 2021,
    status: 'NOT_EVALUABLE',
    ja: '令和3年度: 10人(目標 10件)— 評価不能: 実績 10人 は単位「人」、目標 10件 は単位「件」で、単位が合わない',
  },
  {
    rule: 'a value without a number',
    direction: 'INCREASE',
    unit: '件',
    targets: { 2021: { ...v('10件'), raw: '若干件', number: null } },
    actuals: { 2021: '10件' },
    year: 2021,
    status: 'NOT_EVALUABLE',
    ja: '令和3年度: 10件(目標 若干件)— 評価不能: 値 若干件 に数値がない',
  },
  {
    rule: 'a status target, a numeric actual',
    direction: 'NONE',
    unit: null,
    targets: { 2021: '実施' },
    actuals: { 2021: '5件' },
    year: 2021,
    status: 'NOT_EVALUABLE',
    ja: '令和3年度: 5件(目標 実施)— 評価不能: 目標 実施 は状況を表す文言だが、実績 5件 は数値',
  },
  {
    rule: 'a numeric target, a status actual',
    direction: 'INCREASE',
    unit: '件',
    targets: { 2021: '5件' },
    actuals: { 2021: '実施' },
    year: 2021,
    status: 'NOT_EVALUABLE',
    ja: '令和3年度: 実施(目標 5件)— 評価不能: 目標 5件 は数値だが、実績 実施 は状況を表す文言',
  },
  {
    rule: 'a plan phrase reported as the actual',
    direction: 'MAINTAIN',
    unit: '㎡',
    targets: { 2021: '45 万㎡' },
    actuals: { 2021: SPAN },
    year: 2021,
    status: 'NOT_EVALUABLE',
    ja: `令和3年度: ${SPAN}(目標 45 万㎡)— 評価不能: 実績 ${SPAN} は計画の文言で、達成した値ではない`,
  },
  {
    rule: 'status: the same words',
    direction: 'NONE',
    unit: null,
    targets: { 2021: '実施' },
    actuals: { 2021: '実施' },
    year: 2021,
    status: 'ACHIEVED',
    ja: '令和3年度: 実施(目標 実施、計画と同じ状況)— 達成',
  },
  {
    rule: 'status: the same words, off the scale',
    direction: 'NONE',
    unit: null,
    targets: { 2021: '推進' },
    actuals: { 2021: '推進' },
    year: 2021,
    status: 'ACHIEVED',
    ja: '令和3年度: 推進(目標 推進、計画と同じ状況、「推進」は段階表にないため同じ文言のみ達成とみなす)— 達成',
  },
  {
    rule: 'status: ranked on the scale (a compound ranks as its highest part)',
    direction: 'NONE',
    unit: null,
    targets: { 2021: '一部実施' },
    actuals: { 2021: '検討・実施' },
    year: 2021,
    status: 'ACHIEVED',
    ja: '令和3年度: 検討・実施(目標 一部実施、段階表で状況「検討・実施」(実施とみなす)は「一部実施」より進んでいる)— 達成',
  },
  {
    rule: 'status: below the target',
    direction: 'NONE',
    unit: null,
    targets: { 2022: '実施' },
    actuals: { 2022: '一部実施' },
    year: 2022,
    status: 'NOT_ACHIEVED',
    ja: '令和4年度: 一部実施(目標 実施、段階表で状況「一部実施」は「実施」より遅れている)— 未達成',
  },
  {
    rule: 'status: the target off the scale',
    direction: 'NONE',
    unit: null,
    targets: { 2021: '推進' },
    actuals: { 2021: '実施' },
    year: 2021,
    status: 'NOT_EVALUABLE',
    ja: '令和3年度: 実施(目標 推進)— 評価不能: 目標の状況「推進」が段階表になく、実績と異なる',
  },
  {
    rule: 'status: the actual off the scale',
    direction: 'NONE',
    unit: null,
    targets: { 2021: '実施' },
    actuals: { 2021: '推進' },
    year: 2021,
    status: 'NOT_EVALUABLE',
    ja: '令和3年度: 推進(目標 実施)— 評価不能: 状況「推進」が段階表にない',
  },
  {
    rule: 'no target for the year, the base-year estimate and an actual reported',
    direction: 'INCREASE',
    unit: '%',
    baseline: [2020, '55.5%'],
    targets: { 2021: '55.5%' },
    actuals: { 2020: '55.0%' },
    year: 2020,
    status: 'NOT_EVALUABLE',
    ja: '令和2年度: 実績 55.0% の報告はあるが、計画に令和2年度の目標がない(55.5% は基準年度の見込みで、目標ではない)— 評価不能',
  },
  {
    rule: 'no target, nothing reported',
    direction: 'INCREASE',
    unit: '%',
    targets: { 2021: '55.5%' },
    year: 2024,
    status: 'NOT_EVALUABLE',
    ja: '令和6年度: 計画に令和6年度の目標がない— 評価不能',
  },
  {
    rule: 'no actual yet',
    direction: 'INCREASE',
    unit: '%',
    targets: { 2021: '55.5%' },
    year: 2021,
    status: 'NO_DATA',
    ja: '令和3年度: 令和3年度までの実績の報告がない(目標 55.5%)— データなし',
  },
  {
    rule: 'line, lower is better',
    direction: 'DECREASE',
    unit: '人',
    baseline: [2020, '166人'],
    targets: { 2022: '156人' },
    actuals: { 2021: '160人' },
    year: 2022,
    status: 'ON_TRACK',
    ja:
      '令和4年度: 実績が未報告のため最新の実績(令和3年度の 160人)で判定(目標 156人、低いほど良い、' +
      '令和2年度の見込み 166人 から令和4年度の目標 156人 への直線では令和3年度に 161人 の見込み)— 順調',
  },
  {
    rule: 'line, higher is better, cumulative',
    direction: 'INCREASE',
    unit: '人',
    cumulative: true,
    baseline: [2020, '370人'],
    targets: { 2022: '490人' },
    actuals: { 2021: '420人' },
    year: 2022,
    status: 'BEHIND',
    ja:
      '令和4年度: 実績が未報告のため最新の実績(令和3年度の 420人)で判定(目標 490人、累計で比較、高いほど良い、' +
      '令和2年度の見込み 370人 から令和4年度の目標 490人 への直線では令和3年度に 430人 の見込み)— 遅れ',
  },
  {
    rule: 'line, MAINTAIN: within the tolerance',
    direction: 'MAINTAIN',
    unit: '件',
    baseline: [2020, '100件'],
    targets: { 2022: '110件' },
    actuals: { 2021: '104件' },
    year: 2022,
    status: 'ON_TRACK',
    ja:
      '令和4年度: 実績が未報告のため最新の実績(令和3年度の 104件)で判定(目標 110件、許容幅5%以内なら順調、' +
      '令和2年度の見込み 100件 から令和4年度の目標 110件 への直線では令和3年度に 105件 の見込み)— 順調',
  },
  {
    rule: 'line, NONE: exactly on it',
    direction: 'NONE',
    unit: '件',
    baseline: [2020, '100件'],
    targets: { 2022: '110件' },
    actuals: { 2021: '105件' },
    year: 2022,
    status: 'ON_TRACK',
    ja:
      '令和4年度: 実績が未報告のため最新の実績(令和3年度の 105件)で判定(目標 110件、直線上ちょうど、' +
      '令和2年度の見込み 100件 から令和4年度の目標 110件 への直線では令和3年度に 105件 の見込み)— 順調',
  },
  {
    rule: 'line, NONE: off it',
    direction: 'NONE',
    unit: '件',
    baseline: [2020, '100件'],
    targets: { 2022: '110件' },
    actuals: { 2021: '104件' },
    year: 2022,
    status: 'NOT_EVALUABLE',
    ja: '令和4年度: 実績が未報告のため最新の実績(令和3年度の 104件)で判定(目標 110件)— 評価不能: 計画に増減のどちらが良いかの定めがない',
  },
  {
    rule: 'line without a numeric estimate: the target itself',
    direction: 'INCREASE',
    unit: '%',
    targets: { 2022: '56.0%' },
    actuals: { 2021: '57%' },
    year: 2022,
    status: 'ON_TRACK',
    ja:
      '令和4年度: 実績が未報告のため最新の実績(令和3年度の 57%)で判定(目標 56.0%、' +
      '直線を引く数値の基準年度見込みがないため目標そのものと比較、高いほど良い)— 順調',
  },
  {
    rule: 'line where the estimate equals the target',
    direction: 'DECREASE',
    unit: '%',
    baseline: [2020, '5%未満'],
    targets: { 2022: '5%未満' },
    actuals: { 2021: '4%' },
    year: 2022,
    status: 'ON_TRACK',
    ja:
      '令和4年度: 実績が未報告のため最新の実績(令和3年度の 4%)で判定(目標 5%未満、' +
      '令和2年度の見込みがすでに目標と同じため目標の基準を適用、上限、5%未満)— 順調',
  },
];

describe('progress explanations in Japanese (every rule)', () => {
  const spies = (Object.keys(JA) as (keyof Wording)[]).map((key) => [key, jest.spyOn(JA, key)] as const);
  afterAll(() => jest.restoreAllMocks());

  it.each(CASES.map((c) => [c.rule, c] as const))('%s', (_rule, c) => {
    const e = run(c);
    expect(e.status).toBe(c.status);
    expect(e.explanations.JA).toBe(c.ja);
    expect(e.explanations.EN).toBe(e.explanation);
    expect(e.explanation).toMatch(/^FY\d{4}: /);
  });

  it('the cases use every phrase of the Japanese wording, and no English is left in it', () => {
    const unused = spies.filter(([, spy]) => spy.mock.calls.length === 0).map(([key]) => key);
    expect(unused).toEqual([]);
    for (const c of CASES) expect(run(c).explanations.JA).not.toMatch(/\b(the|is|and|of|to|FY)\b/);
  });

  it('gives every language the same phrases (the Wording interface) and one sentence per language', () => {
    expect(Object.keys(JA).sort()).toEqual(Object.keys(EN).sort());
    expect(Object.keys(run(CASES[0]).explanations)).toEqual([...LANGUAGES]);
  });
});
