import { parsePlanValue } from '../../src/domain/plan-value';
import type { PlanValueData } from '../../src/domain/plan-value.types';
import {
  DEFAULT_STATUS_SCALE,
  DEFAULT_TOLERANCE,
  achievementRate,
  evaluateProgress,
  expectedOnLine,
  rankStatus,
  summarizeProgress,
  type EvaluationInput,
  type YearValue,
} from '../../src/domain/progress';
import { PROGRESS_STATUSES, type Direction, type ProgressStatus } from '../../src/domain/vocabulary';

/**
 * Rows of the Arakawa chapter VII tables (seeds/arakawa-plan-chapter7.txt), cells read with the plan's own grammar
 * from the raw texts as printed. Column years: 本年度(見込み) = FY2020, then FY2021-2023, and FY2026 where printed.
 */
const v = (raw: string): PlanValueData => parsePlanValue(raw).value;

interface Row {
  indicator: EvaluationInput['indicator'];
  baseline: YearValue | null;
  targets: YearValue[];
}

function row(
  name: string,
  direction: Direction,
  unit: string | null,
  baseline: string,
  targets: Record<number, string>,
  cumulative = false,
): Row {
  return {
    indicator: { name, direction, cumulative, unit },
    baseline: { fiscalYear: 2020, value: v(baseline) },
    targets: Object.entries(targets).map(([year, raw]) => ({ fiscalYear: Number(year), value: v(raw) })),
  };
}

const SPAN = 'おおむね現状維持を目標 →';

const ROWS = {
  経常収支比率: row('経常収支比率', 'DECREASE', '%', '90%程度', {
    2021: '90%程度',
    2022: '85%程度',
    2023: '85%程度',
    2026: '80%程度',
  }),
  実質公債費比率: row('実質公債費比率', 'DECREASE', '%', '5%未満', {
    2021: '5%未満',
    2022: '5%未満',
    2023: '5%未満',
    2026: '5%未満',
  }),
  特定保健指導: row('特定保健指導対象者の縮減', 'DECREASE', '人', '166人', {
    2021: '161人',
    2022: '156人',
    2023: '151人',
  }),
  システム障害: row('業務に重大な影響を及ぼすシステム障害件数', 'ZERO', '件', '0件', {
    2021: '0件',
    2022: '0件',
    2023: '0件',
    2026: '0件',
  }),
  // The printed row has the span once (FY2021) and two empty cells; the importer fills FY2022-2023 from the span.
  延床面積: row('公共施設の延床面積', 'MAINTAIN', '㎡', '44 万㎡', {
    2021: SPAN,
    2022: SPAN,
    2023: SPAN,
    2026: '45 万㎡',
  }),
  修了生数: row(
    '修了生数(累計)',
    'INCREASE',
    '人',
    '※1 370人',
    { 2021: '※1 430人', 2022: '490人', 2023: '550人' },
    true,
  ),
  テレワーク: row('安全なテレワーク環境の整備', 'NONE', null, '検討・試行', {
    2021: '一部実施',
    2022: '実施',
    2023: '実施',
  }),
  適正な運用: row('適正な運用', 'NONE', null, '推進', { 2021: '推進', 2022: '推進', 2023: '推進' }),
  職層研修: row('職層研修', 'NONE', '回', '20回', { 2021: '実施', 2022: '実施', 2023: '実施' }),
  区政に関心: row('区政に関心がある区民の割合', 'INCREASE', '%', '55.5%', {
    2021: '55.5%',
    2022: '56.0%',
    2023: '56.5%',
    2026: '57.0%',
  }),
  // Direction NONE on purpose (see seeds/arakawa-overrides.json): the plan does not say whether 50件 is a cap or a floor.
  新規充実事業件数: row('新規充実事業件数', 'NONE', '件', '56件', {
    2021: '50件',
    2022: '50件',
    2023: '50件',
    2026: '50件',
  }),
} satisfies Record<string, Row>;

type RowName = keyof typeof ROWS;

function evaluate(
  name: RowName,
  fiscalYear: number,
  actuals: Record<number, string>,
  extra: Partial<EvaluationInput> = {},
): ReturnType<typeof evaluateProgress> {
  const r = ROWS[name];
  return evaluateProgress({
    ...r,
    actuals: Object.entries(actuals).map(([year, raw]) => ({ fiscalYear: Number(year), value: v(raw) })),
    fiscalYear,
    ...extra,
  });
}

/** The outcome word ends the sentence; 'achieved' alone would also match 'not achieved'. */
const ENDING: Record<ProgressStatus, RegExp> = {
  ACHIEVED: / — achieved\.$/,
  NOT_ACHIEVED: / — not achieved\.$/,
  ON_TRACK: / — on track\.$/,
  BEHIND: / — behind\.$/,
  NO_DATA: / — no data yet\.$/,
  NOT_EVALUABLE: / — cannot be evaluated because .+\.$|: (.+ reported, but it )?cannot be evaluated because .+\.$/,
};

interface Case {
  label: string;
  row: RowName;
  year: number;
  actuals: Record<number, string>;
  status: ProgressStatus;
  rate: number | null;
  /** Raw text of the actual the evaluation reports (null: none). */
  actual?: string | null;
  contains: string[];
  extra?: Partial<EvaluationInput>;
}

function check(c: Case): void {
  const e = evaluate(c.row, c.year, c.actuals, c.extra);
  expect(e.fiscalYear).toBe(c.year);
  expect(e.status).toBe(c.status);
  expect(e.achievementRate).toBe(c.rate);
  if (c.actual !== undefined) expect(e.actual?.raw ?? null).toBe(c.actual);
  expect(e.explanation).toMatch(new RegExp(`^FY${c.year}: `));
  expect(e.explanation).toMatch(ENDING[c.status]);
  for (const part of c.contains) expect(e.explanation).toContain(part);
  // One sentence: a single full stop at the end (decimal points sit between digits).
  expect(e.explanation.replace(/\d\.\d/g, '').match(/\.(\s|$)/g)).toHaveLength(1);
}

describe('evaluateProgress — the year rule (actual of the year against the target of the year)', () => {
  const cases: Case[] = [
    // 程度 (APPROX), lower is better: within 5 % is achieved, beyond it on the better side too, on the worse side not.
    {
      label: '経常収支比率 93% is within 5% of 90%程度',
      row: '経常収支比率',
      year: 2021,
      actuals: { 2021: '93%' },
      status: 'ACHIEVED',
      rate: 90 / 93,
      contains: ['93% against the target 90%程度', 'about 90% within 5%, lower is better'],
    },
    {
      label: '経常収支比率 95% is beyond 5% on the worse side',
      row: '経常収支比率',
      year: 2021,
      actuals: { 2021: '95%' },
      status: 'NOT_ACHIEVED',
      rate: 90 / 95,
      contains: ['95% against the target 90%程度', 'lower is better'],
    },
    {
      label: '経常収支比率 80% is beyond 5% on the better side',
      row: '経常収支比率',
      year: 2021,
      actuals: { 2021: '80%' },
      status: 'ACHIEVED',
      rate: 90 / 80,
      contains: ['80% against the target 90%程度', 'lower is better'],
    },
    {
      label: '経常収支比率 FY2022 against 85%程度: 89% is within 5% of 85 (4.25)',
      row: '経常収支比率',
      year: 2022,
      actuals: { 2022: '89%' },
      status: 'ACHIEVED',
      rate: 85 / 89,
      contains: ['89% against the target 85%程度', 'about 85% within 5%'],
    },
    {
      label: '経常収支比率 FY2022: 89.5% is 4.5 over 85, beyond the tolerance',
      row: '経常収支比率',
      year: 2022,
      actuals: { 2022: '89.5%' },
      status: 'NOT_ACHIEVED',
      rate: 85 / 89.5,
      contains: ['89.5% against the target 85%程度'],
    },
    {
      label: 'a tighter tolerance given by the caller',
      row: '経常収支比率',
      year: 2021,
      actuals: { 2021: '93%' },
      status: 'NOT_ACHIEVED',
      rate: 90 / 93,
      contains: ['about 90% within 2%'],
      extra: { tolerance: 0.02 },
    },
    // 未満 (LT): strictly under.
    {
      label: '実質公債費比率 5% is not strictly under 5%未満',
      row: '実質公債費比率',
      year: 2021,
      actuals: { 2021: '5%' },
      status: 'NOT_ACHIEVED',
      rate: 1,
      contains: ['5% against the target 5%未満', 'a ceiling: strictly under 5%'],
    },
    {
      label: '実質公債費比率 4.9% is under 5%未満',
      row: '実質公債費比率',
      year: 2021,
      actuals: { 2021: '4.9%' },
      status: 'ACHIEVED',
      rate: 5 / 4.9,
      contains: ['4.9% against the target 5%未満', 'a ceiling: strictly under 5%'],
    },
    // EQ, DECREASE: at most the target.
    {
      label: '特定保健指導 160人 is at most 161人',
      row: '特定保健指導',
      year: 2021,
      actuals: { 2021: '160人' },
      status: 'ACHIEVED',
      rate: 161 / 160,
      contains: ['160人 against the target 161人', 'lower is better'],
    },
    {
      label: '特定保健指導 161人 equals the target',
      row: '特定保健指導',
      year: 2021,
      actuals: { 2021: '161人' },
      status: 'ACHIEVED',
      rate: 1,
      contains: ['161人 against the target 161人'],
    },
    {
      label: '特定保健指導 162人 is over the target',
      row: '特定保健指導',
      year: 2021,
      actuals: { 2021: '162人' },
      status: 'NOT_ACHIEVED',
      rate: 161 / 162,
      contains: ['162人 against the target 161人', 'lower is better'],
    },
    {
      label: '特定保健指導 0人: achieved, and the ratio target / 0 is null rather than infinite',
      row: '特定保健指導',
      year: 2021,
      actuals: { 2021: '0人' },
      status: 'ACHIEVED',
      rate: null,
      contains: ['0人 against the target 161人'],
    },
    // ZERO.
    {
      label: 'システム障害 1件 against 0件',
      row: 'システム障害',
      year: 2021,
      actuals: { 2021: '1件' },
      status: 'NOT_ACHIEVED',
      rate: null,
      contains: ['1件 against the target 0件', 'the count must stay at zero'],
    },
    {
      label: 'システム障害 0件 against 0件',
      row: 'システム障害',
      year: 2021,
      actuals: { 2021: '0件' },
      status: 'ACHIEVED',
      rate: null,
      contains: ['0件 against the target 0件', 'the count must stay at zero'],
    },
    // A MAINTAIN span: within 5 % of the FY2020 estimate, on either side.
    {
      label: '延床面積 FY2022 44.5 万㎡ is within 5% of the 44 万㎡ estimate',
      row: '延床面積',
      year: 2022,
      actuals: { 2022: '44.5 万㎡' },
      status: 'ACHIEVED',
      rate: null,
      contains: [`44.5 万㎡ against the target ${SPAN}`, 'keep within 5% of the FY2020 estimate 44 万㎡'],
    },
    {
      label: '延床面積 FY2022 40 万㎡ is 9% under the estimate',
      row: '延床面積',
      year: 2022,
      actuals: { 2022: '40 万㎡' },
      status: 'NOT_ACHIEVED',
      rate: null,
      contains: ['40 万㎡ against the target', 'keep within 5% of the FY2020 estimate 44 万㎡'],
    },
    {
      label: '延床面積 FY2022 47 万㎡ is 7% over: keeping a level is two-sided',
      row: '延床面積',
      year: 2022,
      actuals: { 2022: '47 万㎡' },
      status: 'NOT_ACHIEVED',
      rate: null,
      contains: ['47 万㎡ against the target'],
    },
    {
      label: '延床面積 FY2022 in plain ㎡ (scale applied by the grammar)',
      row: '延床面積',
      year: 2022,
      actuals: { 2022: '441,000㎡' },
      status: 'ACHIEVED',
      rate: null,
      contains: ['441,000㎡ against the target'],
    },
    {
      label: '延床面積 FY2026 45 万㎡ under direction MAINTAIN: within 5% of the number',
      row: '延床面積',
      year: 2026,
      actuals: { 2026: '44 万㎡' },
      status: 'ACHIEVED',
      rate: null,
      contains: ['44 万㎡ against the target 45 万㎡', 'keep within 5% of 450,000㎡'],
    },
    {
      label: '延床面積 without a baseline: nothing to keep',
      row: '延床面積',
      year: 2022,
      actuals: { 2022: '44.5 万㎡' },
      status: 'NOT_EVALUABLE',
      rate: null,
      contains: ['no numeric base-year estimate'],
      extra: { baseline: null },
    },
    // Cumulative: the year's running total against the year's running total.
    {
      label: '修了生数(累計) FY2022 495人 against 490人',
      row: '修了生数',
      year: 2022,
      actuals: { 2021: '430人', 2022: '495人' },
      status: 'ACHIEVED',
      rate: 495 / 490,
      actual: '495人',
      contains: ['495人 against the target 490人', 'running total, higher is better'],
    },
    {
      label: '修了生数(累計) FY2022 480人 is short of 490人 however many graduated in FY2021',
      row: '修了生数',
      year: 2022,
      actuals: { 2021: '430人', 2022: '480人' },
      status: 'NOT_ACHIEVED',
      rate: 480 / 490,
      actual: '480人',
      contains: ['480人 against the target 490人', 'running total'],
    },
    // Text statuses on the ordered scale.
    {
      label: 'テレワーク FY2021 一部実施 against 一部実施',
      row: 'テレワーク',
      year: 2021,
      actuals: { 2021: '一部実施' },
      status: 'ACHIEVED',
      rate: null,
      contains: ['一部実施 against the target 一部実施', 'the same status as planned'],
    },
    {
      label: 'テレワーク FY2021 検討 against 一部実施',
      row: 'テレワーク',
      year: 2021,
      actuals: { 2021: '検討' },
      status: 'NOT_ACHIEVED',
      rate: null,
      contains: ['検討 against the target 一部実施', 'status 検討 is below 一部実施 on the scale'],
    },
    {
      label: 'テレワーク FY2021 中止 against 一部実施',
      row: 'テレワーク',
      year: 2021,
      actuals: { 2021: '中止' },
      status: 'NOT_ACHIEVED',
      rate: null,
      contains: ['status 中止 is below 一部実施 on the scale'],
    },
    {
      label: 'テレワーク FY2021 実施 is further than planned',
      row: 'テレワーク',
      year: 2021,
      actuals: { 2021: '実施' },
      status: 'ACHIEVED',
      rate: null,
      contains: ['status 実施 is above 一部実施 on the scale'],
    },
    {
      label: 'テレワーク FY2021 検討・試行 ranks as 試行, below 一部実施',
      row: 'テレワーク',
      year: 2021,
      actuals: { 2021: '検討・試行' },
      status: 'NOT_ACHIEVED',
      rate: null,
      contains: ['status 検討・試行, ranked as 試行, is below 一部実施 on the scale'],
    },
    {
      label: 'テレワーク FY2022 検討・実施 ranks as its highest part 実施',
      row: 'テレワーク',
      year: 2022,
      actuals: { 2022: '検討・実施' },
      status: 'ACHIEVED',
      rate: null,
      contains: ['status 検討・実施, ranked as 実施, is level with 実施 on the scale'],
    },
    {
      label: 'a note in the actual is a remark, not part of the status',
      row: 'テレワーク',
      year: 2022,
      actuals: { 2022: '実施 (全庁展開)' },
      status: 'ACHIEVED',
      rate: null,
      contains: ['実施 (全庁展開) against the target 実施'],
    },
    {
      label: 'テレワーク FY2021 推進 is off the scale',
      row: 'テレワーク',
      year: 2021,
      actuals: { 2021: '推進' },
      status: 'NOT_EVALUABLE',
      rate: null,
      contains: [
        '推進 against the target 一部実施',
        'cannot be evaluated because the status 「推進」 is not on the status scale',
      ],
    },
    {
      label: '適正な運用 推進 against 推進: the same words',
      row: '適正な運用',
      year: 2021,
      actuals: { 2021: '推進' },
      status: 'ACHIEVED',
      rate: null,
      contains: ['推進 against the target 推進', '推進 is not on the status scale, so only the same words count'],
    },
    {
      label: '適正な運用 実施 against 推進: 推進 cannot be placed',
      row: '適正な運用',
      year: 2021,
      actuals: { 2021: '実施' },
      status: 'NOT_EVALUABLE',
      rate: null,
      contains: ['cannot be evaluated because the target status 「推進」 is not on the status scale'],
    },
    {
      label: 'the scale is extensible by data: 推進 at rank 5',
      row: '適正な運用',
      year: 2021,
      actuals: { 2021: '実施' },
      status: 'ACHIEVED',
      rate: null,
      contains: ['status 実施 is level with 推進 on the scale'],
      extra: { statusScale: [...DEFAULT_STATUS_SCALE, { word: '推進', rank: 5 }] },
    },
    {
      label: 'the extended scale ranks 一部実施 below 推進',
      row: '適正な運用',
      year: 2021,
      actuals: { 2021: '一部実施' },
      status: 'NOT_ACHIEVED',
      rate: null,
      contains: ['status 一部実施 is below 推進 on the scale'],
      extra: { statusScale: [...DEFAULT_STATUS_SCALE, { word: '推進', rank: 5 }] },
    },
    {
      label: '職層研修 (20回, then 実施) FY2021 実施',
      row: '職層研修',
      year: 2021,
      actuals: { 2021: '実施' },
      status: 'ACHIEVED',
      rate: null,
      contains: ['実施 against the target 実施'],
    },
    // Text against a number, and the reverse.
    {
      label: 'a number against a text target',
      row: 'テレワーク',
      year: 2021,
      actuals: { 2021: '3' },
      status: 'NOT_EVALUABLE',
      rate: null,
      contains: ['cannot be evaluated because the target 一部実施 is a status but the actual 3 is a number'],
    },
    {
      label: 'a status against a numeric target',
      row: '特定保健指導',
      year: 2021,
      actuals: { 2021: '実施' },
      status: 'NOT_EVALUABLE',
      rate: null,
      contains: ['cannot be evaluated because the target 161人 is a number but the actual 実施 is a status'],
    },
    // Units.
    {
      label: '区政に関心 56件 against 55.5%',
      row: '区政に関心',
      year: 2021,
      actuals: { 2021: '56件' },
      status: 'NOT_EVALUABLE',
      rate: null,
      contains: ['cannot be evaluated because the actual 56件 is in 件 but the target 55.5% is in %'],
    },
    {
      label: '区政に関心 a unitless 56.0 is read in the indicator unit %',
      row: '区政に関心',
      year: 2021,
      actuals: { 2021: '56.0' },
      status: 'ACHIEVED',
      rate: 56 / 55.5,
      contains: ['56.0 against the target 55.5%', 'higher is better'],
    },
    // EQ under NONE: only an exact hit can be judged.
    {
      label: '新規充実事業件数 50件 exactly',
      row: '新規充実事業件数',
      year: 2021,
      actuals: { 2021: '50件' },
      status: 'ACHIEVED',
      rate: null,
      contains: ['50件 against the target 50件', 'exactly the planned value'],
    },
    {
      label: '新規充実事業件数 48件: fewer, but is fewer better?',
      row: '新規充実事業件数',
      year: 2021,
      actuals: { 2021: '48件' },
      status: 'NOT_EVALUABLE',
      rate: null,
      contains: ['48件 against the target 50件', 'the plan does not say whether more is better'],
    },
    {
      label: 'a later actual of the same year wins (the caller passes revisions in order)',
      row: '特定保健指導',
      year: 2021,
      actuals: {},
      status: 'ACHIEVED',
      rate: 161 / 158,
      actual: '158人',
      contains: ['158人 against the target 161人'],
      extra: {
        actuals: [
          { fiscalYear: 2021, value: v('170人') },
          { fiscalYear: 2021, value: v('158人') },
        ],
      },
    },
  ];

  it.each(cases.map((c) => [c.label, c] as const))('%s', (_label, c) => check(c));

  it('quotes the raw values in one plain sentence', () => {
    expect(evaluate('経常収支比率', 2021, { 2021: '88.0%' }).explanation).toBe(
      'FY2021: 88.0% against the target 90%程度 (about 90% within 5%, lower is better) — achieved.',
    );
  });

  it('returns the target and actual compared', () => {
    const e = evaluate('経常収支比率', 2022, { 2021: '89%', 2022: '84%' });
    expect(e.target).toEqual(v('85%程度'));
    expect(e.actual).toEqual(v('84%'));
  });

  it('never sums the actuals of a cumulative row: the sum would pass where the running total fails', () => {
    const actuals = { 2021: '430人', 2022: '480人' };
    const right = evaluate('修了生数', 2022, actuals);
    expect(right.status).toBe('NOT_ACHIEVED');
    expect(right.achievementRate).toBe(480 / 490);

    // What summing the years would have compared: 430 + 480 = 910 against 490 — a wrong "achieved".
    const summed = Object.values(actuals).reduce((sum, raw) => sum + (v(raw).number ?? 0), 0);
    expect(summed).toBe(910);
    const wrong = evaluate('修了生数', 2022, { 2022: `${summed}人` });
    expect(wrong.status).toBe('ACHIEVED');
    expect(wrong.achievementRate).not.toBe(right.achievementRate);
    expect(wrong.status).not.toBe(right.status);
  });

  it('reads the scale words of the default scale in order', () => {
    expect(DEFAULT_STATUS_SCALE.map((l) => [l.word, l.rank])).toEqual([
      ['中止', 0],
      ['未定', 1],
      ['検討', 2],
      ['試行', 3],
      ['一部実施', 4],
      ['実施', 5],
    ]);
    expect(DEFAULT_TOLERANCE).toBe(0.05);
    expect(() => DEFAULT_STATUS_SCALE.push({ word: '推進', rank: 5 })).toThrow(TypeError);
  });

  it('ranks compound statuses as their highest known part', () => {
    expect(rankStatus('検討・試行')).toEqual({ word: '試行', rank: 3 });
    expect(rankStatus('「検討・試行」')).toEqual({ word: '試行', rank: 3 });
    expect(rankStatus('検討・実施')).toEqual({ word: '実施', rank: 5 });
    expect(rankStatus('導入・検証')).toBeNull();
    expect(rankStatus('推進')).toBeNull();
    expect(rankStatus('推進', [{ word: '推進', rank: 5 }])).toEqual({ word: '推進', rank: 5 });
  });

  it('rejects a tolerance that is negative or not a number', () => {
    expect(() => evaluate('経常収支比率', 2021, { 2021: '93%' }, { tolerance: -0.01 })).toThrow(RangeError);
    expect(() => evaluate('経常収支比率', 2021, { 2021: '93%' }, { tolerance: Number.NaN })).toThrow(RangeError);
  });
});

describe('evaluateProgress — comparators not printed in the Arakawa chapter', () => {
  const base = (target: string, direction: Direction): Omit<EvaluationInput, 'actuals' | 'fiscalYear'> => ({
    indicator: { name: 'x', direction, cumulative: false, unit: '%' },
    baseline: null,
    targets: [{ fiscalYear: 2021, value: v(target) }],
  });
  const at = (target: string, actual: string, direction: Direction = 'NONE'): ProgressStatus =>
    evaluateProgress({
      ...base(target, direction),
      actuals: [{ fiscalYear: 2021, value: v(actual) }],
      fiscalYear: 2021,
    }).status;

  it.each([
    ['3%以下', '3%', 'ACHIEVED'],
    ['3%以下', '3.1%', 'NOT_ACHIEVED'],
    ['80%以上', '80%', 'ACHIEVED'],
    ['80%以上', '79.9%', 'NOT_ACHIEVED'],
    ['10%超', '10%', 'NOT_ACHIEVED'],
    ['10%超', '10.1%', 'ACHIEVED'],
  ] as const)('%s with %s → %s (the comparator decides, whatever the direction)', (target, actual, status) => {
    expect(at(target, actual)).toBe(status);
  });

  it('程度 under INCREASE: beyond the tolerance above is better, below is not', () => {
    expect(at('60%程度', '70%', 'INCREASE')).toBe('ACHIEVED');
    expect(at('60%程度', '57.5%', 'INCREASE')).toBe('ACHIEVED');
    expect(at('60%程度', '56%', 'INCREASE')).toBe('NOT_ACHIEVED');
  });

  it('程度 under NONE or MAINTAIN: only within the tolerance counts', () => {
    expect(at('60%程度', '62%', 'NONE')).toBe('ACHIEVED');
    expect(at('60%程度', '70%', 'NONE')).toBe('NOT_ACHIEVED');
    expect(at('60%程度', '50%', 'MAINTAIN')).toBe('NOT_ACHIEVED');
  });

  it('ZERO with a nonzero target (the data disagree) reads the number as a ceiling', () => {
    const e = evaluateProgress({
      ...base('2%', 'ZERO'),
      actuals: [{ fiscalYear: 2021, value: v('1%') }],
      fiscalYear: 2021,
    });
    expect(e.status).toBe('ACHIEVED');
    expect(e.explanation).toContain('zero is the aim, so 2% is a ceiling');
  });
});

describe('evaluateProgress — the line rule (no actual for the year yet)', () => {
  const cases: Case[] = [
    {
      label: '特定保健指導 FY2022 with FY2021 163人: the line 166→156 expects 161 by FY2021',
      row: '特定保健指導',
      year: 2022,
      actuals: { 2021: '163人' },
      status: 'BEHIND',
      rate: 156 / 163,
      actual: '163人',
      contains: [
        'no actual yet, so the latest one, 163人 for FY2021, is held against the target 156人',
        'lower is better',
        'a straight line from the FY2020 estimate 166人 to the FY2022 target 156人 expects 161人 by FY2021',
      ],
    },
    {
      label: '特定保健指導 FY2022 with FY2021 160人',
      row: '特定保健指導',
      year: 2022,
      actuals: { 2021: '160人' },
      status: 'ON_TRACK',
      rate: 156 / 160,
      actual: '160人',
      contains: ['160人 for FY2021', 'expects 161人 by FY2021'],
    },
    {
      label: '特定保健指導 FY2022 with FY2021 161人: exactly on the line is on track',
      row: '特定保健指導',
      year: 2022,
      actuals: { 2021: '161人' },
      status: 'ON_TRACK',
      rate: 156 / 161,
      contains: ['expects 161人 by FY2021'],
    },
    {
      label: '特定保健指導 FY2023 takes the latest earlier actual (FY2022), not the first',
      row: '特定保健指導',
      year: 2023,
      actuals: { 2021: '163人', 2022: '158人' },
      status: 'BEHIND',
      rate: 151 / 158,
      actual: '158人',
      contains: ['158人 for FY2022', 'to the FY2023 target 151人 expects 156人 by FY2022'],
    },
    {
      label: '特定保健指導 FY2021 with only the base-year actual FY2020: the line starts at the estimate',
      row: '特定保健指導',
      year: 2021,
      actuals: { 2020: '165人' },
      status: 'ON_TRACK',
      rate: 161 / 165,
      contains: ['165人 for FY2020', 'expects 166人 by FY2020'],
    },
    {
      label: 'without a baseline, the latest actual is held against the target itself',
      row: '特定保健指導',
      year: 2022,
      actuals: { 2021: '160人' },
      status: 'BEHIND',
      rate: 156 / 160,
      contains: ['no numeric base-year estimate to draw a line from, so against the target itself: lower is better'],
      extra: { baseline: null },
    },
    {
      label: 'without a baseline, an actual already at the target is on track',
      row: '特定保健指導',
      year: 2022,
      actuals: { 2021: '155人' },
      status: 'ON_TRACK',
      rate: 156 / 155,
      contains: ['against the target itself'],
      extra: { baseline: null },
    },
    {
      label: '経常収支比率 FY2022 with FY2021 88%: the line 90→85 expects 87.5',
      row: '経常収支比率',
      year: 2022,
      actuals: { 2021: '88%' },
      status: 'BEHIND',
      rate: 85 / 88,
      contains: ['to the FY2022 target 85%程度 expects 87.5% by FY2021'],
    },
    {
      label: '経常収支比率 FY2022 with FY2021 87%',
      row: '経常収支比率',
      year: 2022,
      actuals: { 2021: '87%' },
      status: 'ON_TRACK',
      rate: 85 / 87,
      contains: ['expects 87.5% by FY2021'],
    },
    {
      label: '実質公債費比率 flat line (5%未満 to 5%未満): the ceiling stays strict',
      row: '実質公債費比率',
      year: 2022,
      actuals: { 2021: '5%' },
      status: 'BEHIND',
      rate: 1,
      contains: [
        'the FY2020 estimate already equals the target, so its own rule applies: a ceiling: strictly under 5%',
      ],
    },
    {
      label: '実質公債費比率 flat line, 4.9%',
      row: '実質公債費比率',
      year: 2022,
      actuals: { 2021: '4.9%' },
      status: 'ON_TRACK',
      rate: 5 / 4.9,
      contains: ['strictly under 5%'],
    },
    {
      label: 'システム障害 FY2022 with FY2021 0件',
      row: 'システム障害',
      year: 2022,
      actuals: { 2021: '0件' },
      status: 'ON_TRACK',
      rate: null,
      contains: ['0件 for FY2021', 'the count must stay at zero'],
    },
    {
      label: 'システム障害 FY2022 with FY2021 1件',
      row: 'システム障害',
      year: 2022,
      actuals: { 2021: '1件' },
      status: 'BEHIND',
      rate: null,
      contains: ['1件 for FY2021'],
    },
    {
      label: '延床面積 FY2023 with FY2021 44.5 万㎡: within 5% of the estimate',
      row: '延床面積',
      year: 2023,
      actuals: { 2021: '44.5 万㎡' },
      status: 'ON_TRACK',
      rate: null,
      contains: ['44.5 万㎡ for FY2021', 'keep within 5% of the FY2020 estimate 44 万㎡'],
    },
    {
      label: '延床面積 FY2023 with FY2021 40 万㎡',
      row: '延床面積',
      year: 2023,
      actuals: { 2021: '40 万㎡' },
      status: 'BEHIND',
      rate: null,
      contains: ['40 万㎡ for FY2021'],
    },
    {
      label: '修了生数(累計) FY2023 with FY2021 430人: the running total is on the line 370→550',
      row: '修了生数',
      year: 2023,
      actuals: { 2021: '430人' },
      status: 'ON_TRACK',
      rate: 430 / 550,
      contains: [
        'running total, higher is better',
        'FY2020 estimate 370人 to the FY2023 target 550人 expects 430人 by FY2021',
      ],
    },
    {
      label: '修了生数(累計) FY2023 with FY2021 420人',
      row: '修了生数',
      year: 2023,
      actuals: { 2021: '420人' },
      status: 'BEHIND',
      rate: 420 / 550,
      contains: ['expects 430人 by FY2021'],
    },
    {
      label: 'テレワーク FY2022 with FY2021 一部実施: below the FY2022 target rank',
      row: 'テレワーク',
      year: 2022,
      actuals: { 2021: '一部実施' },
      status: 'BEHIND',
      rate: null,
      contains: ['一部実施 for FY2021', 'status 一部実施 is below 実施 on the scale'],
    },
    {
      label: 'テレワーク FY2022 with FY2021 実施',
      row: 'テレワーク',
      year: 2022,
      actuals: { 2021: '実施' },
      status: 'ON_TRACK',
      rate: null,
      contains: ['the same status as planned'],
    },
    {
      label: '新規充実事業件数 (NONE) FY2022 with FY2021 48件',
      row: '新規充実事業件数',
      year: 2022,
      actuals: { 2021: '48件' },
      status: 'NOT_EVALUABLE',
      rate: null,
      actual: '48件',
      contains: ['48件 for FY2021', 'the plan does not say whether more is better'],
    },
    {
      label: 'unit mismatch on the latest actual',
      row: '区政に関心',
      year: 2022,
      actuals: { 2021: '56件' },
      status: 'NOT_EVALUABLE',
      rate: null,
      contains: ['the actual 56件 is in 件 but the target 56.0% is in %'],
    },
  ];

  it.each(cases.map((c) => [c.label, c] as const))('%s', (_label, c) => check(c));

  it('draws the straight line from the estimate to the target', () => {
    expect(expectedOnLine({ fiscalYear: 2020, value: 166 }, { fiscalYear: 2022, value: 156 }, 2021)).toBe(161);
    expect(expectedOnLine({ fiscalYear: 2020, value: 370 }, { fiscalYear: 2023, value: 550 }, 2022)).toBe(490);
  });
});

describe('evaluateProgress — no data, no target', () => {
  const cases: Case[] = [
    {
      label: 'no actual at all',
      row: '特定保健指導',
      year: 2022,
      actuals: {},
      status: 'NO_DATA',
      rate: null,
      actual: null,
      contains: ['no actual has been reported for FY2022 or any earlier year against the target 156人'],
    },
    {
      label: 'an actual only for a later year does not count',
      row: '特定保健指導',
      year: 2022,
      actuals: { 2023: '150人' },
      status: 'NO_DATA',
      rate: null,
      actual: null,
      contains: ['no data yet'],
    },
    {
      label: 'no target for FY2024',
      row: '特定保健指導',
      year: 2024,
      actuals: { 2023: '150人' },
      status: 'NOT_EVALUABLE',
      rate: null,
      actual: null,
      contains: ['cannot be evaluated because the plan sets no target for FY2024'],
    },
    {
      label: 'no target for FY2024, with an actual reported for it',
      row: '特定保健指導',
      year: 2024,
      actuals: { 2024: '150人' },
      status: 'NOT_EVALUABLE',
      rate: null,
      actual: '150人',
      contains: ['150人 reported, but it cannot be evaluated because the plan sets no target for FY2024'],
    },
    {
      label: 'the base year holds an estimate, not a target',
      row: '特定保健指導',
      year: 2020,
      actuals: { 2020: '165人' },
      status: 'NOT_EVALUABLE',
      rate: null,
      contains: [
        'the plan sets no target for FY2020',
        'its FY2020 value 166人 is the base-year estimate, not a target',
      ],
    },
  ];

  it.each(cases.map((c) => [c.label, c] as const))('%s', (_label, c) => check(c));

  it('returns the target even when there is no data', () => {
    expect(evaluate('特定保健指導', 2022, {}).target).toEqual(v('156人'));
    expect(evaluate('特定保健指導', 2024, {}).target).toBeNull();
  });
});

describe('achievementRate', () => {
  it.each([
    ['INCREASE', '495人', '490人', 495 / 490],
    ['INCREASE', '5人', '0人', null],
    ['DECREASE', '160人', '161人', 161 / 160],
    ['DECREASE', '0人', '161人', null],
    ['DECREASE', '0人', '0人', null],
    ['ZERO', '1件', '0件', null],
    ['MAINTAIN', '44.5 万㎡', '44 万㎡', null],
    ['NONE', '50件', '50件', null],
    ['INCREASE', '実施', '実施', null],
    ['MAINTAIN', '44 万㎡', SPAN, null],
  ] as const)('%s: %s against %s → %s', (direction, actual, target, rate) => {
    expect(achievementRate(direction, v(actual), v(target))).toBe(rate);
  });
});

describe('summarizeProgress', () => {
  const zeroCounts = PROGRESS_STATUSES.map((status) => ({ status, count: 0 }));

  it('lists every status in enum order, zeros included', () => {
    expect(PROGRESS_STATUSES).toEqual(['ACHIEVED', 'NOT_ACHIEVED', 'ON_TRACK', 'BEHIND', 'NO_DATA', 'NOT_EVALUABLE']);
    expect(summarizeProgress([])).toEqual({ counts: zeroCounts, achievedShare: null });
  });

  it('counts plainly and weighs only the share; NO_DATA and NOT_EVALUABLE stay out of it', () => {
    const summary = summarizeProgress([
      { status: 'ACHIEVED', weight: 2 },
      { status: 'ACHIEVED' },
      { status: 'NOT_ACHIEVED' },
      { status: 'ON_TRACK', weight: 3 },
      { status: 'BEHIND', weight: 0 },
      { status: 'NO_DATA', weight: 10 },
      { status: 'NOT_EVALUABLE', weight: 7 },
    ]);
    expect(summary.counts).toEqual([
      { status: 'ACHIEVED', count: 2 },
      { status: 'NOT_ACHIEVED', count: 1 },
      { status: 'ON_TRACK', count: 1 },
      { status: 'BEHIND', count: 1 },
      { status: 'NO_DATA', count: 1 },
      { status: 'NOT_EVALUABLE', count: 1 },
    ]);
    // (2 + 1) / (2 + 1 + 1 + 3 + 0)
    expect(summary.achievedShare).toBe(3 / 7);
  });

  it('is null when nothing judged carries weight', () => {
    expect(summarizeProgress([{ status: 'NO_DATA' }, { status: 'NOT_EVALUABLE' }]).achievedShare).toBeNull();
    expect(
      summarizeProgress([
        { status: 'ACHIEVED', weight: 0 },
        { status: 'BEHIND', weight: 0 },
      ]).achievedShare,
    ).toBeNull();
  });

  it('rejects a negative or non-finite weight', () => {
    expect(() => summarizeProgress([{ status: 'ACHIEVED', weight: -1 }])).toThrow(RangeError);
    expect(() => summarizeProgress([{ status: 'ACHIEVED', weight: Number.NaN }])).toThrow(RangeError);
    expect(() => summarizeProgress([{ status: 'ACHIEVED', weight: Number.POSITIVE_INFINITY }])).toThrow(RangeError);
  });

  it('rolls up the real FY2021 evaluations of the chapter', () => {
    const statuses = [
      evaluate('経常収支比率', 2021, { 2021: '88.0%' }), // ACHIEVED
      evaluate('実質公債費比率', 2021, { 2021: '5%' }), // NOT_ACHIEVED
      evaluate('特定保健指導', 2022, { 2021: '160人' }), // ON_TRACK
      evaluate('システム障害', 2021, {}), // NO_DATA
      evaluate('適正な運用', 2021, { 2021: '実施' }), // NOT_EVALUABLE
    ].map((e) => ({ status: e.status }));
    const summary = summarizeProgress(statuses);
    expect(summary.counts.map((c) => c.count)).toEqual([1, 1, 1, 0, 1, 1]);
    expect(summary.achievedShare).toBe(1 / 3);
  });
});
