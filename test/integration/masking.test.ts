import { createLogger } from '../../src/logger';
import { createToken } from '../../src/services/auth';
import { setUpActuals, RECORD, type Actuals } from '../support/actuals';
import { startTestApp, type TestApp } from '../support/app';

// Unexpected errors reach the client as a generic message with a request id; the details (SQL,
// constraint names, stack) go only to the log, which never holds a token. Faults are caused for real
// in this file's private copy of the database: a renamed table, a failing CHECK constraint.

let app: TestApp;
let prod: TestApp;
let actuals: Actuals;
const lines: string[] = [];
const logged = () => lines.join('');

beforeAll(async () => {
  const log = createLogger('debug', { write: (line: string) => void lines.push(line) });
  app = await startTestApp(undefined, { log });
  prod = await startTestApp(app.db, { log, production: true });
  actuals = await setUpActuals(app);
});
afterAll(async () => {
  await prod?.server.stop();
  await app?.close();
});

interface Res {
  status: number;
  requestId: string | null;
  text: string;
  body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

async function post(url: string, query: string, variables?: unknown, token?: string): Promise<Res> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  return {
    status: res.status,
    requestId: res.headers.get('x-request-id'),
    text,
    body: JSON.parse(text) as Res['body'],
  };
}

const LEAKS =
  /SELECT|INSERT|relation|constraint|footnote_moved|boom|QueryFailedError|stack|at \w+ \(|node_modules|\.ts:\d+/i;

function expectMasked(res: Res) {
  const error = res.body.errors?.[0];
  expect(error).toMatchObject({
    message: 'Internal server error. Quote the request id when reporting it.',
    extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: res.requestId },
  });
  expect(Object.keys(error!.extensions!).sort()).toEqual(['code', 'requestId']);
  expect(res.text).not.toMatch(LEAKS);
}

describe('masking', () => {
  it('a failing SELECT: generic message and request id for the client, SQL and error in the log', async () => {
    await app.db.dataSource.query('ALTER TABLE footnote RENAME TO footnote_moved');
    try {
      for (const url of [app.url, prod.url]) {
        const res = await post(url, '{ footnotes(first: 3) { nodes { marker text } } }');
        expect(res.status).toBe(200);
        expectMasked(res);
        const entries = lines.filter((l) => l.includes(res.requestId!) && l.includes('masked'));
        expect(entries).toHaveLength(1);
        expect(entries[0]).toMatch(/relation \\"footnote\\" does not exist/);
        expect(entries[0]).toMatch(/SELECT/);
        expect(entries[0]).toContain('"stack"');
      }
    } finally {
      await app.db.dataSource.query('ALTER TABLE footnote_moved RENAME TO footnote');
    }
    const ok = await post(app.url, '{ footnotes(first: 1) { totalCount } }');
    expect(ok.body.errors).toBeUndefined();
  });

  it('a constraint violation inside a mutation: masked, and nothing written', async () => {
    const before = await actuals.revisionCount();
    await app.db.dataSource.query('ALTER TABLE actual_revision ADD CONSTRAINT boom CHECK (false) NOT VALID');
    try {
      const res = await post(
        app.url,
        RECORD,
        { input: { indicatorId: await actuals.indicatorId('経常収支比率'), fiscalYear: 2021, value: '88.0%' } },
        actuals.tokens.editor,
      );
      expectMasked(res);
      expect(logged()).toMatch(/violates check constraint \\"boom\\"/);
    } finally {
      await app.db.dataSource.query('ALTER TABLE actual_revision DROP CONSTRAINT boom');
    }
    expect(await actuals.revisionCount()).toBe(before);
    const [row] = (await app.db.dataSource.query(`SELECT count(*)::int AS n FROM actual`)) as {
      n: number;
    }[];
    expect(row.n).toBe(0);
  });

  it('deliberate errors pass through unchanged, with their extensions', async () => {
    const res = await post(
      app.url,
      'mutation { submitActual(id: "QWN0dWFsOjk5OTk5") { id } }',
      undefined,
      actuals.tokens.editor,
    );
    expect(res.body.errors?.[0].extensions?.code).toMatch(/NOT_FOUND|BAD_USER_INPUT/);
    expect(res.body.errors?.[0].message).not.toMatch(/Internal server error/);
    const anon = await post(app.url, 'mutation { submitActual(id: "x") { id } }');
    expect(anon.body.errors?.[0]).toMatchObject({
      message: 'This operation needs a bearer token: send "Authorization: Bearer <token>".',
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });

  it('a NUL byte in a text argument is the caller’s input: BAD_USER_INPUT, not an internal error', async () => {
    const res = await post(app.url, 'query($s: String!) { indicators(filter: { search: $s }) { totalCount } }', {
      s: 'a\u0000b',
    });
    expect(res.body.errors?.[0]).toMatchObject({
      message: 'A text argument contains a character that cannot be stored or searched (U+0000).',
      extensions: { code: 'BAD_USER_INPUT', requestId: res.requestId },
    });
    expect(res.text).not.toMatch(LEAKS);
  });
});

describe('request log', () => {
  it('one JSON line per request: request id, operation name, duration, SQL statements, status', async () => {
    const res = await post(app.url, 'query PlanTitles { plans { title } }');
    const line = lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.requestId === res.requestId && l.status);
    expect(line).toMatchObject({
      service: 'plangraph',
      requestId: res.requestId,
      method: 'POST',
      path: '/graphql',
      operations: ['PlanTitles'],
      status: 200,
      sqlStatements: expect.any(Number),
      durationMs: expect.any(Number),
    });
  });

  it('never holds a token, the Authorization header or variables', async () => {
    const { token } = await createToken(app.db.dataSource, { role: 'editor', name: 'log-test' });
    await post(app.url, '{ plans { code } }', undefined, token);
    await post(
      app.url,
      'query($s: String!) { plan(code: $s) { code } }',
      { s: 'secret-variable-value' },
      'plg_not_a_real_token_123',
    );
    await post(app.url, RECORD, { input: { indicatorId: 'x', fiscalYear: 2021, value: 'secret-value-42' } }, token);
    const all = logged();
    expect(all).not.toContain(token);
    expect(all).not.toContain(token.slice(4, 20));
    expect(all).not.toContain('plg_not_a_real_token_123');
    expect(all).not.toMatch(/bearer/i);
    expect(all).not.toContain('secret-variable-value');
    expect(all).not.toContain('secret-value-42');
    for (const token of Object.values(actuals.tokens)) expect(all).not.toContain(token);
  });
});
