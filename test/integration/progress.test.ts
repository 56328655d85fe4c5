import { startTestApp, type TestApp } from '../support/app';
import { code, setUpActuals, type Actuals } from '../support/actuals';

// Every evaluation rule over HTTP, with the real indicators that need it and approved actuals.

let app: TestApp;
let a: Actuals;

interface ProgressOut {
  status: string;
  achievementRate: number | null;
  target: { raw: string } | null;
  actual: { raw: string } | null;
  explanation: string;
  fiscalYear: { year: number };
}

const PROGRESS = `query($id: ID!, $year: Int!, $drafts: Boolean) { node(id: $id) { ... on Indicator {
  progress(fiscalYear: $year, includeDrafts: $drafts) { fiscalYear { year } status achievementRate target { raw } actual { raw } explanation } } } }`;

async function progress(name: string, year: number, token?: string, drafts = false): Promise<ProgressOut> {
  const vars = { id: await a.indicatorId(name), year, drafts };
  const res = token
    ? await app.gqlAs<{ node: { progress: ProgressOut } }>(token, PROGRESS, vars)
    : await app.gql<{ node: { progress: ProgressOut } }>(PROGRESS, vars);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!.node.progress;
}

beforeAll(async () => {
  app = await startTestApp();
  a = await setUpActuals(app);
  // Approved actuals, one per rule below.
  await a.approved('経常収支比率', 2021, '93.0%');
  await a.approved('経常収支比率', 2022, '90.0%');
  await a.approved('経常収支比率', 2023, '80.0%');
  await a.approved('実質公債費比率', 2021, '5.0%');
  await a.approved('実質公債費比率', 2022, '4.9%');
  await a.approved('特定保健指導対象者の縮減', 2021, '163人');
  await a.approved('業務に重大な影響を及ぼすシステム障害件数', 2021, '0件');
  await a.approved('業務に重大な影響を及ぼすシステム障害件数', 2022, '1件');
  await a.approved('公共施設の延床面積', 2021, '44.5 万㎡');
  await a.approved('公共施設の延床面積', 2022, '40 万㎡');
  await a.approved('修了生数(累計)', 2021, '440人');
  await a.approved('修了生数(累計)', 2022, '485人');
  await a.approved('安全なテレワーク環境の整備', 2021, '実施');
  await a.approved('安全なテレワーク環境の整備', 2022, '一部実施');
  await a.approved('ホームページ訪問回数 (月平均)', 2021, '330,000回');
  await a.approved('町会・自治会法人化数', 2021, '71件');
});
afterAll(async () => {
  await app?.close();
});

describe('evaluation rules', () => {
  it('程度 (APPROX) with lower-is-better: within 5 % achieved, beyond it worse not, beyond it better achieved', async () => {
    const within = await progress('経常収支比率', 2021);
    expect(within).toMatchObject({ status: 'ACHIEVED', target: { raw: '90%程度' }, actual: { raw: '93.0%' } });
    expect(within.explanation).toContain('93.0%');
    expect((await progress('経常収支比率', 2022)).status).toBe('NOT_ACHIEVED');
    const better = await progress('経常収支比率', 2023);
    expect(better.status).toBe('ACHIEVED');
    expect(better.achievementRate).toBeCloseTo(85 / 80);
  });

  it('未満 (LT) is strictly under: 5.0% misses 5%未満, 4.9% meets it', async () => {
    expect((await progress('実質公債費比率', 2021)).status).toBe('NOT_ACHIEVED');
    expect((await progress('実質公債費比率', 2022)).status).toBe('ACHIEVED');
  });

  it('lower is better, and a year without an actual is judged on a straight line from the baseline', async () => {
    expect((await progress('特定保健指導対象者の縮減', 2021)).status).toBe('NOT_ACHIEVED');
    const line = await progress('特定保健指導対象者の縮減', 2022);
    expect(line.status).toBe('BEHIND');
    expect(line.actual).toEqual({ raw: '163人' });
    expect(line.explanation).toContain('163人');
  });

  it('keep at zero: 0件 achieved, 1件 not', async () => {
    expect((await progress('業務に重大な影響を及ぼすシステム障害件数', 2021)).status).toBe('ACHIEVED');
    expect((await progress('業務に重大な影響を及ぼすシステム障害件数', 2022)).status).toBe('NOT_ACHIEVED');
  });

  it('the maintain span: within 5 % of the 44 万㎡ baseline achieved, 40 万㎡ not', async () => {
    const kept = await progress('公共施設の延床面積', 2021);
    expect(kept).toMatchObject({ status: 'ACHIEVED', target: { raw: 'おおむね現状維持を目標 →' } });
    expect((await progress('公共施設の延床面積', 2022)).status).toBe('NOT_ACHIEVED');
  });

  it('cumulative counts are compared as running totals, never summed', async () => {
    expect((await progress('修了生数(累計)', 2021)).status).toBe('ACHIEVED');
    // 440 + 485 would pass 490; the running total 485 does not.
    const second = await progress('修了生数(累計)', 2022);
    expect(second.status).toBe('NOT_ACHIEVED');
    expect(second.actual).toEqual({ raw: '485人' });
  });

  it('text statuses on the ordered scale', async () => {
    expect((await progress('安全なテレワーク環境の整備', 2021)).status).toBe('ACHIEVED');
    const below = await progress('安全なテレワーク環境の整備', 2022);
    expect(below.status).toBe('NOT_ACHIEVED');
    expect(below.explanation).toContain('一部実施');
  });

  it('higher is better with an on-track year and no data where nothing was recorded', async () => {
    expect((await progress('ホームページ訪問回数 (月平均)', 2021)).status).toBe('NOT_ACHIEVED');
    // 68件 (FY2020) → 72件 (FY2022): the line expects 70件 by FY2021; 71件 is ahead of it.
    const ahead = await progress('町会・自治会法人化数', 2022);
    expect(ahead).toMatchObject({ status: 'ON_TRACK', actual: { raw: '71件' }, target: { raw: '72件' } });
    expect((await progress('ツイッターのフォロワー数 (累計)', 2021)).status).toBe('NO_DATA');
  });

  it('a year without a target cannot be evaluated, and a year outside the plan is refused', async () => {
    const none = await progress('経常収支比率', 2024);
    expect(none.status).toBe('NOT_EVALUABLE');
    expect(none.explanation).toMatch(/no target/i);
    const res = await app.gql(PROGRESS, { id: await a.indicatorId('経常収支比率'), year: 2019 });
    expect(code(res)).toBe('BAD_USER_INPUT');
  });
});

describe('drafts and roll-ups', () => {
  it('the public sees approved actuals only; a token holder may include drafts', async () => {
    await a.record(a.tokens.editor, 'ツイッターのフォロワー数 (累計)', 2022, '11,000');
    expect((await progress('ツイッターのフォロワー数 (累計)', 2022)).status).toBe('NO_DATA');
    expect((await progress('ツイッターのフォロワー数 (累計)', 2022, a.tokens.editor2, true)).status).toBe('ACHIEVED');
    const anonymous = await app.gql(PROGRESS, {
      id: await a.indicatorId('ツイッターのフォロワー数 (累計)'),
      year: 2022,
      drafts: true,
    });
    expect(code(anonymous)).toBe('UNAUTHENTICATED');
  });

  it('rolls up to measure, policy and plan with counts per status and the share achieved, optionally weighted', async () => {
    const q = `query($w: [IndicatorWeight!]) { plan(code: "arakawa") {
      progress(fiscalYear: 2021) { indicatorCount achievedShare counts { status count } }
      policies { number progress(fiscalYear: 2021) { indicatorCount counts { status count } } }
      measures { title progress(fiscalYear: 2021, weights: $w) { indicatorCount achievedShare counts { status count } } } } }`;
    type Summary = {
      indicatorCount: number;
      achievedShare: number | null;
      counts: { status: string; count: number }[];
    };
    const res = await app.gql<{
      plan: {
        progress: Summary;
        policies: { number: number; progress: Summary }[];
        measures: { title: string; progress: Summary }[];
      };
    }>(q);
    expect(res.errors).toBeUndefined();
    const plan = res.data!.plan;
    const count = (s: Summary, status: string) => s.counts.find((c) => c.status === status)!.count;
    expect(plan.progress.indicatorCount).toBe(85);
    expect(plan.progress.counts.map((c) => c.status)).toEqual([
      'ACHIEVED',
      'NOT_ACHIEVED',
      'ON_TRACK',
      'BEHIND',
      'NO_DATA',
      'NOT_EVALUABLE',
    ]);
    expect(plan.progress.counts.reduce((n, c) => n + c.count, 0)).toBe(85);
    // FY2021 approved: 経常収支比率, システム障害, 延床面積, 修了生数, テレワーク, 法人化数 achieved;
    // 実質公債費比率, 縮減, 訪問回数 not.
    expect(count(plan.progress, 'ACHIEVED')).toBe(6);
    expect(count(plan.progress, 'NOT_ACHIEVED')).toBe(3);
    expect(plan.progress.achievedShare).toBeCloseTo(6 / 9);
    const zaisei = plan.measures.find((m) => m.title === '健全な財政運営')!.progress;
    expect(count(zaisei, 'ACHIEVED')).toBe(1);
    expect(count(zaisei, 'NOT_ACHIEVED')).toBe(1);
    expect(zaisei.achievedShare).toBeCloseTo(0.5);
    const sum = plan.policies.reduce((n, p) => n + p.progress.indicatorCount, 0);
    expect(sum).toBeGreaterThanOrEqual(85);

    const weighted = await app.gql<{ plan: { measures: { title: string; progress: Summary }[] } }>(q, {
      w: [{ indicatorId: await a.indicatorId('経常収支比率'), weight: 3 }],
    });
    expect(weighted.data!.plan.measures.find((m) => m.title === '健全な財政運営')!.progress.achievedShare).toBeCloseTo(
      0.75,
    );
  });
});
