import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePlanDocument } from '../../src/import/parse-plan';
import { writePlan } from '../../src/import/writer';
import { startTestApp, type TestApp } from '../support/app';
import { setUpActuals } from '../support/actuals';
import { operation } from '../support/operations';
import { scalePlan } from '../support/scale-plan';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
  const text = readFileSync(join(__dirname, '..', '..', 'seeds', 'arakawa-plan-chapter7.txt'), 'utf8');
  const large = scalePlan(parsePlanDocument(text), 10);
  await app.db.dataSource.transaction((m) =>
    writePlan(m, large, { code: 'arakawa-x10', name: 'x10', sha256: '0'.repeat(64) }),
  );
});
afterAll(async () => {
  await app?.close();
});

/** Counts every object in a response, to prove the large plan really returned ten times the rows. */
function countObjects(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + countObjects(v), 0);
  if (value && typeof value === 'object')
    return 1 + Object.values(value).reduce((n: number, v) => n + countObjects(v), 0);
  return 0;
}

describe('the whole-plan query has no N+1', () => {
  it('sends the same number of SQL statements for the Arakawa plan and a plan ten times larger', async () => {
    const small = await app.gql(operation('whole-plan'), { code: 'arakawa' });
    const large = await app.gql(operation('whole-plan'), { code: 'arakawa-x10' });
    expect(small.errors).toBeUndefined();
    expect(large.errors).toBeUndefined();

    const smallObjects = countObjects(small.data);
    const largeObjects = countObjects(large.data);
    expect(largeObjects).toBeGreaterThan(9 * smallObjects);

    const statements = small.extensions?.sqlStatements;
    expect(typeof statements).toBe('number');
    expect(large.extensions?.sqlStatements).toBe(statements);
    // One statement per relation level of the query (plus the plan itself): it can't grow with rows,
    // and it must not grow with a change of the code either (18 since the loaders' registry).
    expect(statements).toBeLessThanOrEqual(18);
  });

  it('a policy subtree (schema/operations/policy-subtree.graphql) costs the same number of statements at both sizes', async () => {
    const vars = { policyNumber: 15, year: 2021 };
    const small = await app.gql(operation('policy-subtree'), { code: 'arakawa', ...vars });
    const large = await app.gql(operation('policy-subtree'), { code: 'arakawa-x10', ...vars });
    expect(small.errors).toBeUndefined();
    expect(large.errors).toBeUndefined();
    expect(large.extensions?.sqlStatements).toBe(small.extensions?.sqlStatements);
    expect(small.extensions?.sqlStatements).toBeLessThanOrEqual(13);
  });

  it.each([
    [
      // The count, the page with its indicators and footnotes, the indicators' measures and projects (6 before).
      'a filtered page of cells',
      4,
      `query($code: String!) { targets(filter: { planCode: $code, fiscalYear: 2021, footnoteCategory: COVID_ADJUSTMENT }, first: 50) {
        totalCount nodes { value { raw } footnotes { text } indicator { name measures { title } projects { title } } } } }`,
    ],
    [
      // Progress and aggregates read the same year rows (6 before).
      'plan-wide progress and aggregates',
      5,
      `query($code: String!) { plan(code: $code) { progress(fiscalYear: 2021) { achievedShare counts { status count } }
        aggregates(fiscalYears: [2021, 2022]) { byStatus { status count } byValueKind { valueKind count } sums { unit targetTotal } } } }`,
    ],
    [
      'nested lists with filters',
      6,
      `query($code: String!) { plan(code: $code) { measures(filter: { search: "の" }) { title
        outcomeIndicators(filter: { kind: OUTCOME }) { name targets(filter: { fiscalYear: 2021 }) { value { raw } } }
        projects(filter: { planCode: $code }) { title indicators(filter: { planCode: $code }) { name } } } } }`,
    ],
    [
      'the reporting status of the plan, every policy and every measure',
      7,
      `query($code: String!) { plan(code: $code) { reporting(fiscalYear: 2021) { indicatorsTotal approved closed }
        policies { reporting(fiscalYear: 2021) { indicatorsTotal approved closed }
          measures { title reporting(fiscalYear: 2021) { indicatorsTotal approved closed } } } } }`,
    ],
  ])('%s costs the same number of statements at both sizes', async (_what, budget, query) => {
    const small = await app.gql(query, { code: 'arakawa' });
    const large = await app.gql(query, { code: 'arakawa-x10' });
    expect(small.errors).toBeUndefined();
    expect(large.errors).toBeUndefined();
    expect(JSON.stringify(large.data)).not.toBe(JSON.stringify(small.data));
    expect(large.extensions?.sqlStatements).toBe(small.extensions?.sqlStatements);
    expect(small.extensions?.sqlStatements).toBeLessThanOrEqual(budget);
  });
});

describe('a single indicator with its series (bench workload 4)', () => {
  const SERIES = `query($id: ID!) { node(id: $id) { ... on Indicator { id name unit direction
    series { fiscalYear { year label } baseline { raw } target { raw number } actual { raw number } } } } }`;
  interface Series {
    node: { series: { fiscalYear: { year: number }; actual: { raw: string } | null }[] };
  }

  it('costs one statement (the node with its years, cells and shown actuals), for the public and a token holder', async () => {
    const a = await setUpActuals(app);
    const name = 'ツイッターの投稿回数';
    await a.approved(name, 2021, '1,000回');
    const draft = await a.record(a.tokens.editor, name, 2022, '1,100回');
    expect(draft.errors).toBeUndefined();
    const id = await a.indicatorId(name);

    const pub = await app.gql<Series>(SERIES, { id });
    expect(pub.errors).toBeUndefined();
    const actuals = (r: typeof pub) => r.data!.node.series.map((p) => [p.fiscalYear.year, p.actual?.raw ?? null]);
    expect(actuals(pub)).toEqual([
      [2020, null],
      [2021, '1,000回'],
      [2022, null],
      [2023, null],
      [2024, null],
      [2025, null],
      [2026, null],
    ]);
    // node(id:) and its series are one statement, with the approved actual among its years: 4-5 before, then 2.
    expect(pub.extensions?.sqlStatements).toBe(1);

    const holder = await app.gqlAs<Series>(a.tokens.editor, SERIES, { id });
    expect(holder.errors).toBeUndefined();
    expect(actuals(holder).slice(1, 3)).toEqual([
      [2021, '1,000回'],
      [2022, '1,100回'],
    ]);
    expect(holder.extensions?.sqlStatements).toBe(1);
  });
});

describe('a page of cells (bench workload 3)', () => {
  const IND = 'id name unit kind direction cumulative group unlabeledCells lineageReason';
  const FN = 'id marker text category';
  const page = (nodes: string, fragments = '') => `query($code: String!) {
    targets(filter: { planCode: $code, fiscalYear: 2021, footnoteCategory: COVID_ADJUSTMENT }, first: 50) { ${nodes} } }
    ${fragments}`;
  interface Page {
    targets: {
      nodes?: { id: string; indicator: { id: string }; footnotes: { id: string }[] }[];
      edges?: { node: { id: string; indicator: { id: string }; footnotes: { id: string }[] } }[];
    };
  }

  it.each([
    ['nodes', `nodes { id indicator { ${IND} } footnotes { ${FN} } }`, ''],
    [
      'edges through a fragment',
      'edges { node { ...Cell } }',
      `fragment Cell on Target { id indicator { ${IND} } footnotes { ${FN} } }`,
    ],
  ])(
    'is one statement with its indicators and footnotes (%s), the rows the loaders read',
    async (_what, nodes, fragments) => {
      for (const code of ['arakawa', 'arakawa-x10']) {
        const res = await app.gql<Page>(page(nodes, fragments), { code });
        expect(res.errors).toBeUndefined();
        // The page, its indicators and its footnotes in one statement (3 before).
        expect(res.extensions?.sqlStatements).toBe(1);
        const cells = res.data!.targets.nodes ?? res.data!.targets.edges!.map((e) => e.node);
        expect(cells.length).toBeGreaterThan(0);
        expect(cells.some((c) => c.footnotes.length > 0)).toBe(true);
        // The same cells one by one through node(id:), read by the loaders: equal.
        for (const cell of cells.slice(0, 5)) {
          const one = await app.gql<{ node: unknown }>(
            `query($id: ID!) { node(id: $id) { ... on Target { id indicator { ${IND} } footnotes { ${FN} } } } }`,
            { id: cell.id },
          );
          expect(one.data!.node).toEqual(cell);
        }
      }
    },
  );

  it('reads no indicator or footnote when none is selected', async () => {
    const res = await app.gql(page('nodes { id value { raw } }'), { code: 'arakawa' });
    expect(res.errors).toBeUndefined();
    expect(res.extensions?.sqlStatements).toBe(1);
  });
});
