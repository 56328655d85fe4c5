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

async function post(
  url: string,
  query: string,
  variables?: unknown,
  token?: string,
  operationName?: string,
): Promise<Res> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables, operationName }),
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

describe('client input is never an internal error (a typed code, no error-level log line)', () => {
  const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
  const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`, 'utf8').toString('base64');
  const errorLines = (requestId: string | null) =>
    lines.filter((l) => l.includes(`"requestId":"${requestId}"`) && /"level":50/.test(l));

  async function expectInputError(res: Res, codes: RegExp = /^(BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED)$/) {
    const error = res.body.errors?.[0];
    expect({ status: res.status, code: error?.extensions?.code }).toEqual({
      status: res.status,
      code: expect.stringMatching(codes),
    });
    expect(res.status).toBeLessThan(500);
    expect(res.text).not.toMatch(/Internal server error/);
    expect(errorLines(res.requestId)).toEqual([]);
  }

  it.each([
    ['Indicator', '99999999999'],
    ['Indicator', '2147483648'],
    ['Measure', '9007199254740991'],
    ['Footnote', '-1'],
  ])('a global ID %s:%s beyond int4', async (type, id) => {
    const res = await post(app.url, 'query($id: ID!) { node(id: $id) { id } }', { id: gid(type, id) });
    await expectInputError(res);
    const measures = await post(app.url, 'query($id: ID!) { indicators(filter: { measureId: $id }) { totalCount } }', {
      id: gid('Measure', id),
    });
    expect(measures.text).not.toMatch(/Internal server error/);
  });

  it('first beyond int4 and huge fiscal years', async () => {
    await expectInputError(await post(app.url, '{ indicators(first: 2147483648) { totalCount } }'));
    await expectInputError(
      await post(app.url, 'query($n: Int) { indicators(first: $n) { totalCount } }', { n: 2147483648 }),
    );
    for (const year of [2147483647, -2147483648, 99999]) {
      const res = await post(
        app.url,
        'query($y: Int) { targets(filter: { fiscalYear: $y }, first: 1) { totalCount nodes { fiscalYear { label } } } }',
        { y: year },
      );
      expect(res.text).not.toMatch(/Internal server error/);
      expect(errorLines(res.requestId)).toEqual([]);
      const progress = await post(
        app.url,
        'query($y: Int!) { indicators(first: 2) { nodes { progress(fiscalYear: $y) { status } } } }',
        { y: year },
      );
      expect(progress.text).not.toMatch(/Internal server error/);
      expect(errorLines(progress.requestId)).toEqual([]);
    }
  });

  it('recordActual with a fiscal year or expectedRevision at the edge of int4', async () => {
    const indicatorId = await actuals.indicatorId('経常収支比率');
    for (const input of [
      { indicatorId, fiscalYear: 2147483647, value: '88.0%' },
      { indicatorId, fiscalYear: 2021, value: '88.0%', expectedRevision: 2147483647 },
      { indicatorId, fiscalYear: 2021, value: '88.0%', expectedRevision: -2147483648 },
    ]) {
      const res = await post(app.url, RECORD, { input }, actuals.tokens.editor);
      await expectInputError(res, /^(BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED|CONFLICT|NOT_FOUND)$/);
    }
  });

  it('importActuals: ids, fiscal years and expected revisions beyond int4 are per-row errors', async () => {
    const indicatorId = await actuals.indicatorId('経常収支比率');
    const big = gid('Indicator', '99999999999');
    const csv = [
      'indicator_id,fiscal_year,value,note,expected_revision',
      `${indicatorId},99999999999,88.0%,,`,
      `${indicatorId},2147483648,88.0%,,`,
      `${indicatorId},2021,88.0%,,99999999999`,
      `${big},2021,88.0%,,`,
    ].join('\n');
    for (const dryRun of [true, false]) {
      const res = await post(
        app.url,
        'mutation($csv: String!, $d: Boolean!) { importActuals(csv: $csv, dryRun: $d) { applied errors { line code } } }',
        { csv, d: dryRun },
        actuals.tokens.editor,
      );
      expect(res.text).not.toMatch(/Internal server error/);
      expect(errorLines(res.requestId)).toEqual([]);
    }
  });

  it.each([
    ['base64 of garbage', b64('garbage')],
    ['not base64 at all', '!!!'],
    ['a wrong-typed sort value', b64('cursor:v2:{"v":["abc"],"id":1}')],
    ['an object as sort value', b64('cursor:v2:{"v":[{"x":1}],"id":1}')],
    ['an id beyond int4', b64('cursor:v2:{"v":[2021],"id":99999999999}')],
    ['a sort value beyond int4', b64('cursor:v2:{"v":[99999999999],"id":1}')],
    ['a float id', b64('cursor:v2:{"v":[2021],"id":1.5}')],
  ])('a forged cursor: %s', async (_what, cursor) => {
    for (const query of [
      'query($c: String) { targets(first: 2, after: $c, orderBy: [{ field: FISCAL_YEAR }]) { totalCount } }',
      'query($c: String) { targets(last: 2, before: $c, orderBy: [{ field: FISCAL_YEAR }]) { totalCount } }',
    ]) {
      await expectInputError(await post(app.url, query, { c: cursor }));
    }
    // Under another order the same cursor may fit (a string sort value for NAME): never an internal error.
    for (const query of [
      'query($c: String) { indicators(first: 2, after: $c) { totalCount } }',
      'query($c: String) { indicators(first: 2, after: $c, orderBy: [{ field: NAME }]) { totalCount } }',
      'query($c: String) { footnotes(last: 2, before: $c, orderBy: [{ field: MARKER }]) { totalCount } }',
    ]) {
      const res = await post(app.url, query, { c: cursor });
      expect(res.text).not.toMatch(/Internal server error/);
      expect(errorLines(res.requestId)).toEqual([]);
    }
  });

  it('an operation name the document does not have, or none for a document of two operations', async () => {
    const doc = 'query A { plans { code } } query B { __typename }';
    const unknown = await post(app.url, doc, undefined, undefined, 'C');
    await expectInputError(unknown, /^OPERATION_RESOLUTION_FAILURE$/);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors?.[0].message).toBe('Unknown operation named "C".');
    const single = await post(app.url, 'query A { plans { code } }', undefined, undefined, 'B');
    await expectInputError(single, /^OPERATION_RESOLUTION_FAILURE$/);
    const none = await post(app.url, doc);
    await expectInputError(none, /^OPERATION_RESOLUTION_FAILURE$/);
    expect(none.body.errors?.[0].message).toMatch(/operation name/);
    const named = await post(app.url, doc, undefined, undefined, 'B');
    expect(named.body).toMatchObject({ data: { __typename: 'Query' } });
  });

  it('a subscription over plain HTTP', async () => {
    for (const url of [app.url, prod.url]) {
      const res = await post(url, 'subscription { fiscalYearChanged(planCode: "arakawa") { kind } }');
      await expectInputError(res, /^BAD_REQUEST$/);
      expect(res.status).toBe(400);
      // Not a valid subscription (an introspection field at its root): refused by validation.
      const invalid = await post(url, 'subscription { __typename }');
      await expectInputError(invalid);
      expect(invalid.status).toBe(400);
    }
  });

  it('a persisted-query hash that does not match its query; an unsupported version', async () => {
    const mismatch = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: '{ plans { code } }',
        extensions: { persistedQuery: { version: 1, sha256Hash: 'ab'.repeat(32) } },
      }),
    });
    const mismatchBody = (await mismatch.json()) as Res['body'];
    expect(mismatch.status).toBe(400);
    expect(mismatchBody.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(errorLines(mismatch.headers.get('x-request-id'))).toEqual([]);
    const version = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: '{ plans { code } }',
        extensions: { persistedQuery: { version: 2, sha256Hash: 'ab'.repeat(32) } },
      }),
    });
    const versionBody = (await version.json()) as Res['body'];
    expect(version.status).toBe(400);
    expect(versionBody.errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_NOT_SUPPORTED');
    expect(errorLines(version.headers.get('x-request-id'))).toEqual([]);
  });

  it('production: no "Did you mean" hint, variable coercion errors included', async () => {
    const query = 'query($k: IndicatorKind) { indicators(filter: { kind: $k }) { totalCount } }';
    const dev = await post(app.url, query, { k: 'OUTCOM' });
    expect(dev.text).toMatch(/Did you mean/);
    const res = await post(prod.url, query, { k: 'OUTCOM' });
    expect(res.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.text).not.toMatch(/Did you mean/);
    const literal = await post(prod.url, '{ indicators(filter: { kind: OUTCOM }) { totalCount } }');
    expect(literal.text).not.toMatch(/Did you mean/);
    const input = await post(prod.url, 'query($f: IndicatorFilter) { indicators(filter: $f) { totalCount } }', {
      f: { kindd: 'OUTCOME' },
    });
    expect(input.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(input.text).not.toMatch(/Did you mean/);
  });
});
