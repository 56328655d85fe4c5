import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../support/app';
import { operation } from '../support/operations';

// Batched HTTP requests (a JSON array of operations): up to 20, one context and so one set of
// DataLoaders per HTTP request, and the SQL statement counter counts the whole HTTP request (the
// x-sql-statements header; each member's extensions.sqlStatements is the count so far).

let app: TestApp;
let measureIds: string[];
let indicatorIds: string[];

beforeAll(async () => {
  app = await startTestApp();
  const ids = await send({ query: '{ measures(first: 10) { nodes { id } } indicators(first: 10) { nodes { id } } }' });
  const data = ids.body as { data: { measures: { nodes: { id: string }[] }; indicators: { nodes: { id: string }[] } } };
  measureIds = data.data.measures.nodes.map((n) => n.id);
  indicatorIds = data.data.indicators.nodes.map((n) => n.id);
});
afterAll(async () => {
  await app?.close();
});

interface Result {
  data?: unknown;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
  extensions?: { sqlStatements?: number };
}

async function send(body: unknown) {
  const res = await fetch(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    statements: Number(res.headers.get('x-sql-statements')),
    cacheControl: res.headers.get('cache-control'),
    body: (await res.json()) as unknown,
  };
}

const MEASURE = `query($id: ID!) { node(id: $id) { ... on Measure { title policy { title }
  outcomeIndicators { name targets { value { raw } footnotes { marker } } }
  projects { title indicators { name targets { id } } } } } }`;
const INDICATOR = `query($id: ID!) { node(id: $id) { ... on Indicator { name measures { title }
  targets { value { raw } footnotes { marker } } footnotes { text } } } }`;

async function singles(ops: unknown[]): Promise<number[]> {
  const counts: number[] = [];
  for (const op of ops) {
    const res = await send(op);
    expect((res.body as Result).errors).toBeUndefined();
    counts.push(res.statements);
  }
  return counts;
}

describe('a batch shares one set of DataLoaders', () => {
  it('10 operations of one shape cost what the slowest costs alone', async () => {
    const ops = indicatorIds.map((id) => ({ query: INDICATOR, variables: { id } }));
    expect(ops).toHaveLength(10);
    const alone = await singles(ops);
    const batch = await send(ops);
    expect(batch.status).toBe(200);
    const results = batch.body as Result[];
    expect(results).toHaveLength(10);
    for (const r of results) expect(r.errors).toBeUndefined();
    expect(batch.statements).toBeLessThanOrEqual(Math.max(...alone) + 1);
  });

  it('10 operations of two shapes cost no more than the slowest plus the other shape’s levels', async () => {
    const ops = [
      ...measureIds.slice(0, 5).map((id) => ({ query: MEASURE, variables: { id } })),
      ...indicatorIds.slice(0, 5).map((id) => ({ query: INDICATOR, variables: { id } })),
    ];
    const alone = await singles(ops);
    const batch = await send(ops);
    const sum = alone.reduce((a, b) => a + b, 0);
    expect(batch.statements).toBeLessThanOrEqual(Math.max(...alone) + Math.min(...alone) + 1);
    expect(batch.statements).toBeLessThan(sum / 4);
  });

  it('the statement count is per HTTP request: the header has the total, each member the count so far', async () => {
    const ops = [
      { query: operation('whole-plan'), variables: { code: 'arakawa' } },
      ...indicatorIds.slice(0, 3).map((id) => ({ query: INDICATOR, variables: { id } })),
    ];
    const batch = await send(ops);
    const results = batch.body as Result[];
    for (const r of results) {
      expect(r.extensions?.sqlStatements).toBeGreaterThan(0);
      expect(r.extensions!.sqlStatements!).toBeLessThanOrEqual(batch.statements);
    }
    expect(Math.max(...results.map((r) => r.extensions!.sqlStatements!))).toBe(batch.statements);
    expect(batch.cacheControl).toBe('no-store');
  });

  it('the report batch in schema/operations/ runs as one request, cheaper than its members one by one', async () => {
    const file = join(__dirname, '..', '..', 'schema', 'operations', 'report-batch.json');
    if (!existsSync(file)) return;
    const ops = JSON.parse(readFileSync(file, 'utf8')) as unknown[];
    const alone = await singles(ops);
    const batch = await send(ops);
    expect(batch.status).toBe(200);
    for (const r of batch.body as Result[]) expect(r.errors).toBeUndefined();
    expect(batch.statements).toBeLessThanOrEqual(alone.reduce((a, b) => a + b, 0));
  });
});

describe('batch errors', () => {
  it('one failing member does not fail the others', async () => {
    const res = await send([
      { query: '{ plans { code } }' },
      { query: '{ plans { nope } }' },
      { query: '{ plan(code: "nowhere") { code } }' },
    ]);
    expect(res.status).toBe(200);
    const [a, b, c] = res.body as Result[];
    expect(a.data).toEqual({ plans: [{ code: 'arakawa' }] });
    expect(b.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(c.data).toEqual({ plan: null });
  });

  it('a malformed member or an empty batch is a 400 naming the problem', async () => {
    const bad = await send([{ query: '{ plans { code } }' }, 42]);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('Batch member 1 is not a GraphQL request');
    const empty = await send([]);
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.body)).toContain('No operations found in request.');
  });
});
