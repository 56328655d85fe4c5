import { startTestApp, type TestApp } from '../support/app';
import { setUpActuals, type Actuals } from '../support/actuals';
import { operation } from '../support/operations';

// Any slice in one request: every root connection paged both ways, each filter alone and combined
// with counts read from the document, nested filters, series, aggregates and the example operations.

let app: TestApp;
let a: Actuals;

beforeAll(async () => {
  app = await startTestApp();
  a = await setUpActuals(app);
});
afterAll(async () => {
  await app?.close();
});

interface Page {
  totalCount: number;
  edges: { cursor: string; node: { id: string } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

async function count(root: string, filter: Record<string, unknown>): Promise<number> {
  const type = {
    indicators: 'IndicatorFilter',
    targets: 'TargetFilter',
    footnotes: 'FootnoteFilter',
    measures: 'MeasureFilter',
    projects: 'ProjectFilter',
    policies: 'PolicyFilter',
  }[root];
  const res = await app.gql<Record<string, { totalCount: number }>>(
    `query($f: ${type}) { ${root}(filter: $f) { totalCount } }`,
    { f: { planCode: 'arakawa', ...filter } },
  );
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data![root].totalCount;
}

async function names(filter: Record<string, unknown>): Promise<string[]> {
  const res = await app.gql<{ indicators: { nodes: { name: string }[] } }>(
    'query($f: IndicatorFilter) { indicators(filter: $f, first: 100) { nodes { name } } }',
    {
      f: { planCode: 'arakawa', ...filter },
    },
  );
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!.indicators.nodes.map((n) => n.name);
}

describe('root connections', () => {
  it.each(['policies', 'measures', 'projects', 'indicators', 'targets', 'footnotes'])(
    '%s: paging forwards and backwards yields exactly totalCount distinct nodes, in the same order',
    async (root) => {
      const q = `query($first: Int, $after: String, $last: Int, $before: String) { ${root}(first: $first, after: $after, last: $last, before: $before) {
        totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
      const forward: string[] = [];
      let after: string | null = null;
      let total = -1;
      for (let i = 0; i < 200; i += 1) {
        const res: { data?: Record<string, Page>; errors?: unknown } = await app.gql<Record<string, Page>>(q, {
          first: 7,
          after,
        });
        expect(res.errors).toBeUndefined();
        const page: Page = res.data![root];
        total = page.totalCount;
        expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
        forward.push(...page.edges.map((e) => e.node.id));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(forward).toHaveLength(total);
      expect(new Set(forward).size).toBe(total);

      const backward: string[] = [];
      let before: string | null = null;
      for (let i = 0; i < 200; i += 1) {
        const res: { data?: Record<string, Page> } = await app.gql<Record<string, Page>>(q, { last: 7, before });
        const page: Page = res.data![root];
        expect(page.pageInfo.hasNextPage).toBe(before !== null);
        backward.unshift(...page.edges.map((e) => e.node.id));
        if (!page.pageInfo.hasPreviousPage) break;
        before = page.pageInfo.startCursor;
      }
      expect(backward).toEqual(forward);
    },
  );

  it('orders by several keys, stably across pages', async () => {
    const q = `query($after: String) { indicators(filter: { planCode: "arakawa" }, orderBy: [{ field: KIND, direction: DESC }, { field: NAME }], first: 10, after: $after) {
      totalCount nodes { kind name } pageInfo { hasNextPage endCursor } } }`;
    const all: { kind: string; name: string }[] = [];
    let after: string | null = null;
    for (let i = 0; i < 20; i += 1) {
      const res: {
        data?: {
          indicators: {
            totalCount: number;
            nodes: { kind: string; name: string }[];
            pageInfo: { hasNextPage: boolean; endCursor: string };
          };
        };
      } = await app.gql(q, { after });
      all.push(...res.data!.indicators.nodes);
      if (!res.data!.indicators.pageInfo.hasNextPage) break;
      after = res.data!.indicators.pageInfo.endCursor;
    }
    expect(all).toHaveLength(85);
    expect(all.findIndex((n) => n.kind === 'OUTCOME')).toBe(66);
    const outputs = all.slice(0, 66).map((n) => n.name);
    expect(outputs).toEqual([...outputs].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)));
  });

  it('counts only when totalCount (or a flag that needs the count) is asked for', async () => {
    const bare = await app.gql('{ indicators(first: 5) { nodes { id } pageInfo { hasNextPage endCursor } } }');
    const counted = await app.gql(
      '{ indicators(first: 5) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }',
    );
    expect(bare.errors).toBeUndefined();
    expect(counted.extensions!.sqlStatements).toBe(bare.extensions!.sqlStatements! + 1);
  });

  it('refuses first with last, and a cursor from another order', async () => {
    const both = await app.gql('{ indicators(first: 1, last: 1) { totalCount } }');
    expect(both.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const page = await app.gql<{ indicators: Page }>(
      '{ indicators(first: 1) { totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }',
    );
    const cursor = page.data!.indicators.pageInfo.endCursor;
    const other = await app.gql(
      `{ indicators(first: 1, after: "${cursor}", orderBy: [{ field: NAME }]) { totalCount } }`,
    );
    expect(other.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('filters, alone and combined, with counts read from the document', () => {
  it.each([
    ['indicators', { kind: 'OUTCOME' }, 19],
    ['indicators', { kind: 'OUTPUT' }, 66],
    ['indicators', { direction: 'ZERO' }, 2],
    ['indicators', { direction: 'MAINTAIN' }, 2],
    ['indicators', { direction: 'DECREASE' }, 3],
    ['indicators', { cumulative: true }, 8],
    ['indicators', { policyNumber: 15, direction: 'DECREASE' }, 3],
    ['indicators', { policyNumber: 14, kind: 'OUTCOME' }, 11],
    ['indicators', { footnoteCategory: 'COVID_ADJUSTMENT' }, 3],
    ['indicators', { valueKind: 'MAINTAIN' }, 2],
    ['indicators', { unit: '㎡' }, 2],
    ['indicators', { search: '割合' }, 2],
    ['targets', { footnoteCategory: 'COVID_ADJUSTMENT' }, 6],
    ['targets', { footnoteCategory: 'COVID_ADJUSTMENT', fiscalYear: 2021 }, 2],
    ['targets', { valueKind: 'MAINTAIN' }, 6],
    ['targets', { valueKind: 'MAINTAIN', fiscalYearFrom: 2022, fiscalYearTo: 2023 }, 4],
    ['targets', { fiscalYear: 2026 }, 19],
    ['targets', { role: 'TARGET', fiscalYear: 2026, kind: 'OUTCOME' }, 19],
    ['targets', { unit: '%', comparator: undefined, search: '経常収支比率' }, 5],
    ['footnotes', { footnoteCategory: 'COVID_ADJUSTMENT' }, 3],
    ['footnotes', { footnoteCategory: 'COVID_ADJUSTMENT', policyNumber: 14 }, 3],
    ['footnotes', { fiscalYear: 2020 }, 3],
    ['footnotes', { search: 'マチイロ' }, 1],
    ['measures', { policyNumber: 14 }, 3],
    ['measures', { policyNumber: 15 }, 5],
    ['measures', { footnoteCategory: 'METHOD' }, 2],
    ['projects', { search: 'テレワーク' }, 1],
    ['projects', { policyNumber: 14, footnoteCategory: 'COVID_ADJUSTMENT' }, 2],
    ['policies', { search: '行財政' }, 1],
  ] as [string, Record<string, unknown>, number][])('%s %j → %i', async (root, filter, expected) => {
    expect(await count(root, filter)).toBe(expected);
  });

  it('filters on actuals and progress status (approved actuals for the public)', async () => {
    expect(await count('indicators', { hasActual: true })).toBe(0);
    await a.approved('経常収支比率', 2021, '88.0%');
    await a.approved('実質公債費比率', 2021, '5.0%');
    await a.record(a.tokens.editor, '特定保健指導対象者の縮減', 2021, '150人');
    expect(await names({ hasActual: true })).toEqual(['実質公債費比率', '経常収支比率']);
    expect(await count('indicators', { hasActual: true, fiscalYear: 2021 })).toBe(2);
    expect(await count('indicators', { hasActual: true, fiscalYear: 2022 })).toBe(0);
    expect(await count('indicators', { hasActual: false, direction: 'DECREASE' })).toBe(1);
    expect(await names({ status: 'ACHIEVED', statusYear: 2021 })).toEqual(['経常収支比率']);
    expect(await names({ status: 'NOT_ACHIEVED', statusYear: 2021, policyNumber: 15 })).toEqual(['実質公債費比率']);
    expect(await count('targets', { hasActual: true })).toBe(2);
    const needsYear = await app.gql('{ indicators(filter: { status: ACHIEVED }) { totalCount } }');
    expect(needsYear.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('filters nested lists the same way', async () => {
    const res = await app.gql<{
      plan: {
        measures: {
          title: string;
          outcomeIndicators: { name: string }[];
          projects: { title: string; indicators: { name: string }[] }[];
        }[];
      };
    }>(`{
      plan(code: "arakawa") { measures(filter: { policyNumber: 14 }) { title
        outcomeIndicators(filter: { cumulative: true }) { name }
        projects(filter: { footnoteCategory: COVID_ADJUSTMENT }) { title indicators(filter: { footnoteCategory: COVID_ADJUSTMENT }) { name } } } } }`);
    expect(res.errors).toBeUndefined();
    const measures = res.data!.plan.measures;
    expect(measures.map((m) => m.title)).toEqual([
      '区民参画・協働の推進',
      '区政に関する情報提供の拡充',
      '窓口サービス等の充実',
    ]);
    expect(measures[0].outcomeIndicators.map((i) => i.name)).toEqual(['荒川コミュニティカレッジ修了生(累計)']);
    expect(measures[0].projects.map((p) => [p.title, p.indicators.map((i) => i.name)])).toEqual([
      ['荒川コミュニティカレッジ', ['修了生数(累計)']],
      ['町会・自治会への支援', ['町会・自治会イベント 助成件数']],
    ]);
  });
});

describe('nested lists', () => {
  it('take first/after (the ID of the last item seen), in their own order, and refuse pages over 100', async () => {
    type Res = { plan: { measures: { id: string; title: string }[] } };
    const q =
      'query($first: Int, $after: ID) { plan(code: "arakawa") { measures(first: $first, after: $after) { id title } } }';
    const all = (await app.gql<Res>(q, {})).data!.plan.measures;
    expect(all).toHaveLength(8);
    const first = (await app.gql<Res>(q, { first: 3 })).data!.plan.measures;
    expect(first).toEqual(all.slice(0, 3));
    const next = (await app.gql<Res>(q, { first: 3, after: first[2].id })).data!.plan.measures;
    expect(next).toEqual(all.slice(3, 6));
    const big = await app.gql(q, { first: 101 });
    expect(big.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const stranger = await app.gql(q, { first: 1, after: 'bm90LWFuLWl0ZW0=' });
    expect(stranger.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('time series and aggregates', () => {
  it('Indicator.series has one point per fiscal year with baseline, target and actual', async () => {
    const id = await a.indicatorId('経常収支比率');
    const res = await app.gql<{
      node: {
        series: {
          fiscalYear: { year: number; labelEn: string };
          baseline: { raw: string } | null;
          target: { raw: string } | null;
          actual: { raw: string } | null;
        }[];
      };
    }>(
      'query($id: ID!) { node(id: $id) { ... on Indicator { series { fiscalYear { year labelEn } baseline { raw } target { raw } actual { raw } } } } }',
      { id },
    );
    expect(
      res.data!.node.series.map((p) => [
        p.fiscalYear.year,
        p.baseline?.raw ?? null,
        p.target?.raw ?? null,
        p.actual?.raw ?? null,
      ]),
    ).toEqual([
      [2020, '90%程度', null, null],
      [2021, null, '90%程度', '88.0%'],
      [2022, null, '85%程度', null],
      [2023, null, '85%程度', null],
      [2024, null, null, null],
      [2025, null, null, null],
      [2026, null, '80%程度', null],
    ]);
    expect(res.data!.node.series[1].fiscalYear.labelEn).toBe('FY2021');
    const some = await app.gql<{
      node: { targets: { fiscalYear: { year: number } }[]; actuals: { fiscalYear: { year: number } }[] };
    }>(
      'query($id: ID!) { node(id: $id) { ... on Indicator { targets(fiscalYears: [2021, 2026]) { fiscalYear { year } } actuals(fiscalYears: [2022]) { fiscalYear { year } } } } }',
      { id },
    );
    expect(some.data!.node.targets.map((t) => t.fiscalYear.year)).toEqual([2021, 2026]);
    expect(some.data!.node.actuals).toEqual([]);
  });

  it('aggregates count by status and value kind, and sum only where it means something', async () => {
    const res = await app.gql<{
      plan: {
        aggregates: {
          fiscalYear: { year: number };
          indicatorCount: number;
          byStatus: { status: string; count: number }[];
          byValueKind: { valueKind: string; count: number }[];
          sums: { unit: string; indicatorCount: number; targetTotal: number | null; actualTotal: number | null }[];
        }[];
      };
    }>(
      '{ plan(code: "arakawa") { aggregates(fiscalYears: [2021, 2026]) { fiscalYear { year } indicatorCount byStatus { status count } byValueKind { valueKind count } sums { unit indicatorCount targetTotal actualTotal } } } }',
    );
    expect(res.errors).toBeUndefined();
    const [y2021, y2026] = res.data!.plan.aggregates;
    expect(y2021.indicatorCount).toBe(85);
    expect(y2021.byStatus.find((s) => s.status === 'ACHIEVED')!.count).toBe(1);
    expect(y2021.byValueKind.find((k) => k.valueKind === 'MAINTAIN')!.count).toBe(2);
    expect(y2021.byValueKind.reduce((n, k) => n + k.count, 0)).toBe(await count('targets', { fiscalYear: 2021 }));
    const units = y2021.sums.map((s) => s.unit);
    expect(units).not.toContain('%');
    // 人 in FY2021: 修了生数(累計), 荒川コミュニティカレッジ修了生(累計) and the other running totals are left out.
    const people = y2021.sums.find((s) => s.unit === '人')!;
    // Only 特定保健指導対象者の縮減 (161人) is a plain, non-cumulative 人 target in FY2021.
    expect(people).toEqual({ unit: '人', indicatorCount: 1, targetTotal: 161, actualTotal: null });
    expect(y2026.sums.find((s) => s.unit === '㎡')).toEqual({
      unit: '㎡',
      indicatorCount: 2,
      targetTotal: 450000 + 1230000,
      actualTotal: null,
    });
  });
});

describe('example operations', () => {
  it('measure-dashboard returns a measure with series, progress and aggregates', async () => {
    const m = await app.gql<{ measures: { nodes: { id: string }[] } }>(
      '{ measures(filter: { planCode: "arakawa", search: "健全な財政運営" }) { nodes { id } } }',
    );
    const res = await app.gql<{
      node: {
        title: string;
        outcomeIndicators: { name: string; series: unknown[] }[];
        projects: { title: string }[];
        progress: { indicatorCount: number };
      };
    }>(operation('measure-dashboard'), {
      id: m.data!.measures.nodes[0].id,
      year: 2021,
    });
    expect(res.errors).toBeUndefined();
    const node = res.data!.node;
    expect(node.title).toBe('健全な財政運営');
    expect(node.outcomeIndicators.map((i) => i.name)).toEqual(['実質公債費比率', '経常収支比率']);
    expect(node.outcomeIndicators.every((i) => i.series.length === 7)).toBe(true);
    expect(node.projects.map((p) => p.title)).toEqual(['新公会計制度の活用', '財源の確保']);
    expect(node.progress.indicatorCount).toBe(2 + 3 + 6);
    // Statement budget of the whole dashboard (measure, its indicators with series, projects, progress): 13 before
    // series, progress and aggregates shared one statement per level.
    expect(res.extensions?.sqlStatements).toBeLessThanOrEqual(10);
  });

  it('covid-cells returns the COVID-19-adjusted cells of a year', async () => {
    const res = await app.gql<{
      targets: { totalCount: number; nodes: { value: { raw: string }; indicator: { name: string } }[] };
    }>(operation('covid-cells'), { planCode: 'arakawa', year: 2021 });
    expect(res.errors).toBeUndefined();
    expect(res.data!.targets.nodes.map((n) => [n.indicator.name, n.value.raw])).toEqual([
      ['修了生数(累計)', '430人'],
      ['町会・自治会イベント 助成件数', '165件'],
    ]);
    expect(res.extensions?.sqlStatements).toBeLessThanOrEqual(6);
  });
});
