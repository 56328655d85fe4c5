import { operation } from '../support/operations';
import { startTestApp, type TestApp } from '../support/app';

interface PlanValueOut {
  raw: string;
  kind: string;
  number: number | null;
  unit: string | null;
  comparator: string | null;
  text: string | null;
  note: string | null;
}
interface TargetOut {
  role: string;
  fiscalYear: { year: number; label: string };
  value: PlanValueOut;
  footnotes: { marker: string; text: string; category: string }[];
}
interface IndicatorOut {
  id: string;
  name: string;
  kind: string;
  unit: string | null;
  direction: string;
  cumulative: boolean;
  measures: { title: string; policy: { number: number } }[];
  projects: { title: string }[];
  targets: TargetOut[];
}

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

async function indicator(search: string): Promise<IndicatorOut[]> {
  const res = await app.gql<{ indicators: { nodes: IndicatorOut[] } }>(operation('indicator-by-name'), {
    planCode: 'arakawa',
    search,
  });
  expect(res.errors).toBeUndefined();
  return res.data!.indicators.nodes;
}

function cells(ind: IndicatorOut) {
  return ind.targets.map((t) => ({
    year: t.fiscalYear.year,
    role: t.role,
    raw: t.value.raw,
    kind: t.value.kind,
    number: t.value.number,
    unit: t.value.unit,
    comparator: t.value.comparator,
  }));
}

describe('the plan', () => {
  it('lists the bundled Arakawa plan with its fiscal years', async () => {
    const res = await app.gql<{
      plans: {
        code: string;
        baseYear: { year: number; label: string };
        finalYear: { year: number; labelEn: string };
        fiscalYears: { year: number }[];
      }[];
    }>('{ plans { code baseYear { year label } finalYear { year labelEn } fiscalYears { year } } }');
    expect(res.status).toBe(200);
    expect(res.data!.plans).toEqual([
      {
        code: 'arakawa',
        baseYear: { year: 2020, label: '令和2年度' },
        finalYear: { year: 2026, labelEn: 'FY2026' },
        fiscalYears: [2020, 2021, 2022, 2023, 2024, 2025, 2026].map((year) => ({ year })),
      },
    ]);
  });

  it('has two policies with their measures, membership taken from the page headers', async () => {
    const res = await app.gql<{
      plan: { policies: { number: number; title: string; measures: { title: string; policyInferred: boolean }[] }[] };
    }>('{ plan(code: "arakawa") { policies { number title measures { title policyInferred } } } }');
    const policies = res.data!.plan.policies;
    expect(policies.map((p) => [p.number, p.title])).toEqual([
      [14, '積極的な区政情報の発信と信頼される区政の推進'],
      [15, '積極目標の設定と管理による行財政運営の戦略的推進'],
    ]);
    expect(policies[0].measures.map((m) => m.title)).toEqual([
      '区民参画・協働の推進',
      '区政に関する情報提供の拡充',
      '窓口サービス等の充実',
    ]);
    expect(policies[0].measures[0].policyInferred).toBe(true);
    expect(policies[1].measures.map((m) => m.title)).toEqual([
      '戦略的な政策形成と行政改革の推進',
      '健全な財政運営',
      '人材の活用と職員育成の充実',
      '情報システムの適正な整備と安全確保',
      '公共施設等の効率的な活用と適正な管理',
    ]);
  });

  it('reports the import warnings of the document', async () => {
    const res = await app.gql<{ plan: { importWarnings: string[] } }>('{ plan(code: "arakawa") { importWarnings } }');
    const warnings = res.data!.plan.importWarnings;
    expect(warnings.some((w) => w.includes('第1期'))).toBe(true);
    expect(warnings.some((w) => w.includes('区民参画・協働の推進'))).toBe(true);
  });
});

describe('typed cells', () => {
  it('経常収支比率 has its five cells with raw text, number, unit, comparator and role', async () => {
    const [ind] = await indicator('経常収支比率');
    expect(ind.direction).toBe('DECREASE');
    expect(ind.unit).toBe('%');
    expect(cells(ind)).toEqual([
      {
        year: 2020,
        role: 'BASELINE_ESTIMATE',
        raw: '90%程度',
        kind: 'QUANTITY',
        number: 90,
        unit: '%',
        comparator: 'APPROX',
      },
      { year: 2021, role: 'TARGET', raw: '90%程度', kind: 'QUANTITY', number: 90, unit: '%', comparator: 'APPROX' },
      { year: 2022, role: 'TARGET', raw: '85%程度', kind: 'QUANTITY', number: 85, unit: '%', comparator: 'APPROX' },
      { year: 2023, role: 'TARGET', raw: '85%程度', kind: 'QUANTITY', number: 85, unit: '%', comparator: 'APPROX' },
      { year: 2026, role: 'TARGET', raw: '80%程度', kind: 'QUANTITY', number: 80, unit: '%', comparator: 'APPROX' },
    ]);
  });

  it('実質公債費比率 is a ceiling: 5%未満 → LT 5', async () => {
    const [ind] = await indicator('実質公債費比率');
    expect(ind.direction).toBe('DECREASE');
    expect(cells(ind).map((c) => [c.raw, c.number, c.unit, c.comparator])).toEqual(
      Array(5).fill(['5%未満', 5, '%', 'LT']),
    );
  });

  it('公共施設の延床面積: 440000 ㎡ in FY2020, the maintain span for FY2021-2023, 450000 ㎡ in FY2026', async () => {
    const [ind] = await indicator('公共施設の延床面積');
    expect(ind.direction).toBe('MAINTAIN');
    expect(cells(ind)).toEqual([
      {
        year: 2020,
        role: 'BASELINE_ESTIMATE',
        raw: '44 万㎡',
        kind: 'QUANTITY',
        number: 440000,
        unit: '㎡',
        comparator: 'EQ',
      },
      ...[2021, 2022, 2023].map((year) => ({
        year,
        role: 'TARGET',
        raw: 'おおむね現状維持を目標 →',
        kind: 'MAINTAIN',
        number: null,
        unit: null,
        comparator: null,
      })),
      { year: 2026, role: 'TARGET', raw: '45 万㎡', kind: 'QUANTITY', number: 450000, unit: '㎡', comparator: 'EQ' },
    ]);
  });

  it('その他の主な自主財源（額）: 147,368 千円 → 147368000 円', async () => {
    const [ind] = await indicator('その他の主な自主財源');
    expect(ind.unit).toBe('円');
    expect(cells(ind).map((c) => c.number)).toEqual([147368000, 151597000, 155911000, 160366000]);
  });

  it('text statuses keep their note: 実施 (パンフレット作成含む)', async () => {
    const [ind] = await indicator('新公会計制度に基づいた決算分析等公表');
    const base = ind.targets[0];
    expect(base.value).toMatchObject({
      raw: '実施 (パンフレット作成含む)',
      kind: 'STATUS',
      text: '実施',
      note: 'パンフレット作成含む',
    });
    expect(ind.projects.map((p) => p.title)).toEqual(['行政評価の推進', '新公会計制度の活用']);
  });

  it('システム障害件数 must stay at zero', async () => {
    const [ind] = await indicator('システム障害件数');
    expect(ind.direction).toBe('ZERO');
    expect(cells(ind).every((c) => c.number === 0 && c.unit === '件')).toBe(true);
  });
});

describe('repeats and reposts', () => {
  it('区政に関心がある区民の割合 is one indicator under three measures', async () => {
    const found = await indicator('区政に関心がある区民の割合');
    expect(found).toHaveLength(1);
    expect(found[0].measures.map((m) => m.title)).toEqual([
      '区民参画・協働の推進',
      '区政に関する情報提供の拡充',
      '戦略的な政策形成と行政改革の推進',
    ]);
    expect(found[0].direction).toBe('INCREASE');
  });

  it('計画的かつ体系的な職員育成 is one project under two measures with its repost page', async () => {
    const res = await app.gql<{
      projects: {
        nodes: {
          title: string;
          repostPage: number | null;
          measures: { title: string }[];
          indicators: { name: string }[];
        }[];
      };
    }>(
      '{ projects(filter: { planCode: "arakawa", search: "計画的かつ体系的な職員育成" }) { nodes { title repostPage measures { title } indicators { name } } } }',
    );
    const nodes = res.data!.projects.nodes;
    expect(nodes).toHaveLength(1);
    expect(nodes[0].repostPage).toBe(150);
    expect(nodes[0].measures.map((m) => m.title)).toEqual(['窓口サービス等の充実', '人材の活用と職員育成の充実']);
    expect(nodes[0].indicators).toHaveLength(8);
  });
});

describe('footnotes', () => {
  it('COVID-19 footnotes are reachable from the cells they mark', async () => {
    const [ind] = await indicator('修了生数(累計)');
    expect(ind.cumulative).toBe(true);
    const marked = ind.targets.filter((t) => t.footnotes.length > 0);
    expect(marked.map((t) => t.fiscalYear.year)).toEqual([2020, 2021]);
    for (const t of marked) {
      expect(t.footnotes[0]).toMatchObject({ marker: '※1', category: 'COVID_ADJUSTMENT' });
      expect(t.footnotes[0].text).toContain('新型コロナウイルス感染症');
    }
  });

  it('the COVID footnote query lists every COVID cell and row', async () => {
    const res = await app.gql<{
      footnotes: {
        totalCount: number;
        nodes: {
          text: string;
          project: { title: string } | null;
          measure: { title: string } | null;
          targets: { fiscalYear: { year: number }; indicator: { name: string } }[];
          indicators: { name: string }[];
        }[];
      };
    }>(operation('covid-footnotes'), { planCode: 'arakawa' });
    expect(res.errors).toBeUndefined();
    const { nodes, totalCount } = res.data!.footnotes;
    expect(totalCount).toBe(nodes.length);
    expect(nodes.length).toBeGreaterThanOrEqual(3);
    const chokai = nodes.find((n) => n.project?.title === '町会・自治会への支援');
    expect(chokai?.targets.map((t) => t.fiscalYear.year)).toEqual([2020, 2021, 2022, 2023]);
    const thanks = nodes.find((n) => n.measure?.title === '窓口サービス等の充実');
    expect(thanks?.indicators.map((i) => i.name)).toEqual([expect.stringContaining('職員に対する感謝の声の件数')]);
  });
});

describe('global IDs and connections', () => {
  it('node(id) resolves every type', async () => {
    const res = await app.gql<{
      plan: {
        id: string;
        policies: {
          id: string;
          measures: {
            id: string;
            footnotes: { id: string }[];
            projects: { id: string }[];
            outcomeIndicators: { id: string; targets: { id: string }[] }[];
          }[];
        }[];
      };
    }>(
      '{ plan(code: "arakawa") { id policies { id measures { id footnotes { id } projects { id } outcomeIndicators { id targets { id } } } } } }',
    );
    const plan = res.data!.plan;
    const measure = plan.policies[0].measures[0];
    const ids: [string, string][] = [
      ['Plan', plan.id],
      ['Policy', plan.policies[0].id],
      ['Measure', measure.id],
      ['Project', measure.projects[0].id],
      ['Indicator', measure.outcomeIndicators[0].id],
      ['Target', measure.outcomeIndicators[0].targets[0].id],
      ['Footnote', measure.footnotes[0].id],
    ];
    for (const [type, id] of ids) {
      const node = await app.gql<{ node: { __typename: string; id: string } }>(
        'query($id: ID!) { node(id: $id) { __typename id } }',
        { id },
      );
      expect(node.data!.node).toEqual({ __typename: type, id });
    }
  });

  it('node(id) is null for a well-formed unknown ID and an error for a malformed one', async () => {
    const unknown = Buffer.from('Indicator:999999').toString('base64');
    expect((await app.gql('query($id: ID!) { node(id: $id) { id } }', { id: unknown })).data).toEqual({ node: null });
    const bad = await app.gql('query($id: ID!) { node(id: $id) { id } }', { id: 'not-an-id' });
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('pages through indicators with cursors and totalCount', async () => {
    const q = `query($after: String) { indicators(filter: { planCode: "arakawa" }, first: 10, after: $after) {
      totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
    type Page = {
      indicators: {
        totalCount: number;
        edges: { cursor: string; node: { id: string } }[];
        pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
      };
    };
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (let page = 0; page < 50; page += 1) {
      const res: { data?: Page } = await app.gql<Page>(q, { after });
      const conn: Page['indicators'] = res.data!.indicators;
      total = conn.totalCount;
      expect(conn.pageInfo.hasPreviousPage).toBe(after !== null);
      seen.push(...conn.edges.map((e) => e.node.id));
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });

  it('filters with planCode, search (case- and width-insensitive) and kind', async () => {
    const q = `query($f: IndicatorFilter) { indicators(filter: $f, first: 100) { totalCount nodes { name kind } } }`;
    const none = await app.gql<{ indicators: { totalCount: number } }>(q, { f: { planCode: 'nowhere' } });
    expect(none.data!.indicators.totalCount).toBe(0);
    const csirt = await app.gql<{ indicators: { nodes: { name: string }[] } }>(q, { f: { search: 'ｃｓｉｒｔ' } });
    expect(csirt.data!.indicators.nodes.map((n) => n.name)).toEqual([expect.stringContaining('CSIRT')]);
    const outcome = await app.gql<{ indicators: { nodes: { kind: string }[] } }>(q, {
      f: { planCode: 'arakawa', kind: 'OUTCOME' },
    });
    expect(outcome.data!.indicators.nodes.length).toBeGreaterThan(10);
    expect(outcome.data!.indicators.nodes.every((n) => n.kind === 'OUTCOME')).toBe(true);
  });

  it('refuses a page size over 100 and a bad cursor with BAD_USER_INPUT', async () => {
    const big = await app.gql('{ indicators(first: 101) { totalCount } }');
    expect(big.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(big.data ?? null).toBeNull();
    const cursor = await app.gql('{ indicators(first: 1, after: "garbage") { totalCount } }');
    expect(cursor.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
