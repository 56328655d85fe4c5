import { startTestApp, type TestApp } from '../support/app';
import { setUpActuals, type Actuals } from '../support/actuals';

// Progress.explanation(language:) over HTTP: the same sentence in English (the default) and Japanese.

let app: TestApp;
let a: Actuals;

const QUERY = `query($id: ID!, $year: Int!) { node(id: $id) { ... on Indicator { progress(fiscalYear: $year) {
  status en: explanation ja: explanation(language: JA) plain: explanation(language: null) } } } }`;

beforeAll(async () => {
  app = await startTestApp();
  a = await setUpActuals(app);
  await a.approved('経常収支比率', 2021, '93.0%');
});
afterAll(async () => {
  await app?.close();
});

describe('Progress.explanation(language)', () => {
  it('gives the Japanese sentence with language: JA, English by default and for null', async () => {
    const res = await app.gql<{ node: { progress: { status: string; en: string; ja: string; plain: string } } }>(
      QUERY,
      {
        id: await a.indicatorId('経常収支比率'),
        year: 2021,
      },
    );
    expect(res.errors).toBeUndefined();
    const p = res.data!.node.progress;
    expect(p.status).toBe('ACHIEVED');
    expect(p.ja).toBe('令和3年度: 93.0%(目標 90%程度、低いほど良い、許容幅5%)— 達成');
    expect(p.en).toBe('FY2021: 93.0% against the target 90%程度 (about 90% within 5%, lower is better) — achieved.');
    expect(p.plain).toBe(p.en);
  });

  it('refuses an unknown language as a validation error, not an internal one', async () => {
    const res = await app.gql(
      `query($id: ID!) { node(id: $id) { ... on Indicator { progress(fiscalYear: 2021) { explanation(language: FR) } } } }`,
      { id: await a.indicatorId('経常収支比率') },
    );
    expect(res.status).toBe(400);
    expect(res.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors?.[0].message).toMatch(/Language/);
  });
});
