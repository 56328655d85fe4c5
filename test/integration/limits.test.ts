import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isNonNullType,
  isScalarType,
  parse,
  typeFromAST,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { createSchema } from '../../src/graphql/schema';
import { DEFAULT_LIMITS, measureOperation } from '../../src/http/limits';
import { DEFAULT_RATE_LIMITS } from '../../src/http/rate-limit';
import { createToken } from '../../src/services/auth';
import { startTestApp, type TestApp } from '../support/app';

// Every refusal of an operation limit is a 4xx with a message saying which limit, never a 500, and the
// server keeps serving. The limits are calibrated so that every example operation in schema/operations/
// passes them: the first test runs each file (more appear over time) through them.

const operationsDir = join(__dirname, '..', '..', 'schema', 'operations');
let app: TestApp;
let schema: GraphQLSchema;

beforeAll(async () => {
  app = await startTestApp();
  schema = await createSchema();
});
afterAll(async () => {
  await app?.close();
});

interface Body {
  data?: unknown;
  errors?: { message: string; extensions?: { code?: string; limit?: string } & Record<string, unknown> }[];
}

async function post(body: unknown, headers: Record<string, string> = {}, url = app.url) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: JSON.parse(text) as Body };
}

/** A value of the right type for every required variable (page sizes at their maximum, 100). */
function sampleVariables(source: string): Record<string, unknown> {
  const doc = parse(source);
  const values: Record<string, unknown> = {};
  for (const def of doc.definitions) {
    if (def.kind !== 'OperationDefinition') continue;
    for (const v of (def as OperationDefinitionNode).variableDefinitions ?? []) {
      const type = typeFromAST(schema, v.type as never) as GraphQLInputType | undefined;
      if (!type || !isNonNullType(type)) {
        if (/^(first|last)$/.test(v.variable.name.value)) values[v.variable.name.value] = 100;
        continue;
      }
      const named = getNamedType(type);
      const name = v.variable.name.value;
      if (isScalarType(named)) {
        values[name] =
          named.name === 'Int'
            ? /first|last/.test(name)
              ? 100
              : 2021
            : named.name === 'Float'
              ? 1
              : named.name === 'Boolean'
                ? true
                : /code/i.test(name)
                  ? 'arakawa'
                  : 'TWVhc3VyZToxOjE=';
      } else if (isEnumType(named)) values[name] = named.getValues()[0].value;
      else if (isInputObjectType(named)) values[name] = {};
    }
  }
  return values;
}

function refusedBy(body: Body): string[] {
  return (body.errors ?? [])
    .filter((e) => e.extensions?.limit || e.extensions?.code === 'GRAPHQL_PARSE_FAILED')
    .map((e) => e.message);
}

describe('calibration: every operation in schema/operations/ passes every limit', () => {
  const files = readdirSync(operationsDir).filter((f) => f.endsWith('.graphql'));
  const batches = readdirSync(operationsDir).filter((f) => f.endsWith('.json'));

  it('there are example operations to check', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s is within the limits, measured and over HTTP', async (file) => {
    const source = readFileSync(join(operationsDir, file), 'utf8');
    const variables = sampleVariables(source);
    const m = measureOperation(schema, source, variables);
    expect(m.depth).toBeLessThanOrEqual(DEFAULT_LIMITS.depth);
    expect(m.aliases).toBeLessThanOrEqual(DEFAULT_LIMITS.aliases);
    expect(m.directives).toBeLessThanOrEqual(DEFAULT_LIMITS.directives);
    expect(m.tokens).toBeLessThanOrEqual(DEFAULT_LIMITS.tokens);
    expect(m.cost).not.toBeNull();
    expect(m.cost!).toBeLessThanOrEqual(DEFAULT_LIMITS.cost);
    // Anonymous callers can run every example operation on a fresh rate-limit budget.
    expect(m.cost!).toBeLessThanOrEqual(DEFAULT_RATE_LIMITS.perAddress);
    expect(Buffer.byteLength(source)).toBeLessThan(DEFAULT_LIMITS.bodyBytes);
    const res = await post({ query: source, variables });
    expect(refusedBy(res.json)).toEqual([]);
    expect(res.status).toBeLessThan(500);
  });

  it.each(batches)('%s (a batch) is within the limits, each member and as a batch over HTTP', async (file) => {
    const batch = JSON.parse(readFileSync(join(operationsDir, file), 'utf8')) as { query: string }[];
    expect(batch.length).toBeLessThanOrEqual(DEFAULT_LIMITS.batch);
    for (const member of batch) {
      const m = measureOperation(schema, member.query, sampleVariables(member.query));
      expect(m.cost).not.toBeNull();
      expect(m.depth).toBeLessThanOrEqual(DEFAULT_LIMITS.depth);
      expect(m.aliases).toBeLessThanOrEqual(DEFAULT_LIMITS.aliases);
      expect(m.directives).toBeLessThanOrEqual(DEFAULT_LIMITS.directives);
      expect(m.tokens).toBeLessThanOrEqual(DEFAULT_LIMITS.tokens);
      expect(m.cost!).toBeLessThanOrEqual(DEFAULT_LIMITS.cost);
    }
    const res = await post(batch);
    expect(res.status).toBe(200);
    const results = JSON.parse(res.text) as Body[];
    expect(results).toHaveLength(batch.length);
    for (const r of results) expect(refusedBy(r)).toEqual([]);
  });
});

function nested(depth: number): string {
  // plan → policies → measures → policy → measures → policy …: valid at any depth.
  let inner = 'title';
  for (let i = 0; i < depth; i += 1) inner = i % 2 === 0 ? `measures { ${inner} }` : `policy { ${inner} }`;
  return `{ plan(code: "arakawa") { policies { ${inner} } } }`;
}

describe('operation limits: a 400 naming the limit, and the server keeps serving', () => {
  afterEach(async () => {
    const ok = await post({ query: '{ plans { code } }' });
    expect(ok.status).toBe(200);
    expect(ok.json.data).toEqual({ plans: [{ code: 'arakawa' }] });
  });

  it('depth', async () => {
    const ok = await post({ query: nested(DEFAULT_LIMITS.depth - 3) });
    expect(ok.json.errors).toBeUndefined();
    const res = await post({ query: nested(DEFAULT_LIMITS.depth + 5) });
    expect(res.status).toBe(400);
    expect(res.json.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/depth limit of 12 exceeded/i),
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'depth' },
    });
  });

  it('depth through fragments', async () => {
    const fragments = Array.from({ length: 16 }, (_, i) =>
      i === 0
        ? 'fragment F0 on Measure { title }'
        : `fragment F${i} on Measure { policy { measures { ...F${i - 1} } } }`,
    ).join('\n');
    const res = await post({ query: `{ measures { nodes { ...F15 } } }\n${fragments}` });
    expect(res.status).toBe(400);
    expect(res.json.errors?.[0].extensions?.limit).toBe('depth');
  });

  it('aliases', async () => {
    const fields = Array.from({ length: DEFAULT_LIMITS.aliases + 1 }, (_, i) => `a${i}: plans { code }`).join(' ');
    const res = await post({ query: `{ ${fields} }` });
    expect(res.status).toBe(400);
    expect(res.json.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/aliases limit of 30 exceeded, found 31/i),
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'aliases' },
    });
  });

  it('directives', async () => {
    const fields = Array.from({ length: DEFAULT_LIMITS.directives + 1 }, () => 'code @include(if: true)').join(' ');
    const res = await post({ query: `{ plans { ${fields} } }` });
    expect(res.status).toBe(400);
    expect(res.json.errors?.[0].extensions?.limit).toBe('directives');
  });

  it('tokens (Apollo parseOptions.maxTokens): a 400, not the 500 of a token plugin', async () => {
    const res = await post({ query: `{ plans { ${'code '.repeat(DEFAULT_LIMITS.tokens)} } }` });
    expect(res.status).toBe(400);
    expect(res.json.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/more th[ae]t 3000 tokens/),
      extensions: { code: 'GRAPHQL_PARSE_FAILED' },
    });
  });

  it('a syntax error is a 400 with the parser message', async () => {
    const res = await post({ query: '{ plans { code ' });
    expect(res.status).toBe(400);
    expect(res.json.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/^Syntax Error/),
      extensions: { code: 'GRAPHQL_PARSE_FAILED' },
    });
  });

  it('cost, with page sizes from first (literal or variable)', async () => {
    const query = `query($n: Int) { indicators(first: $n) { nodes { measures { outcomeIndicators { targets { footnotes { targets { id } } } } } } } }`;
    const small = await post({ query, variables: { n: 1 } });
    expect(small.json.errors).toBeUndefined();
    const big = await post({ query, variables: { n: 100 } });
    expect(big.status).toBe(400);
    expect(big.json.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/^Query cost \d+ is over the limit of 100000/),
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'cost' },
    });
    // Estimates are remembered per document and page-size variables (src/http/limits.ts): both stay right.
    expect((await post({ query, variables: { n: 1 } })).json.errors).toBeUndefined();
    expect((await post({ query, variables: { n: 100 } })).status).toBe(400);
    // Default page size (50) when first is omitted.
    const dflt = await post({ query: query.replace('(first: $n)', '') });
    expect(dflt.status).toBe(400);
  });

  it('a fragment bomb is refused before it is expanded', async () => {
    const fragments = Array.from({ length: 12 }, (_, i) =>
      i === 0
        ? 'fragment F0 on Query { plans { code } }'
        : `fragment F${i} on Query { ...F${i - 1} ...F${i - 1} ...F${i - 1} ...F${i - 1} }`,
    ).join('\n');
    const started = Date.now();
    const res = await post({ query: `{ ...F11 }\n${fragments}` });
    expect(res.status).toBe(400);
    expect(res.json.errors?.[0].message).toMatch(/recursively requests too many selections/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('page size over 100: BAD_USER_INPUT with a readable message', async () => {
    const res = await post({ query: '{ indicators(first: 101) { totalCount } }' });
    expect(res.json.errors?.[0]).toMatchObject({
      message: 'Invalid argument: first must not be greater than 100.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});

describe('HTTP limits', () => {
  it('a body over 100 kB is a 413, announced or not', async () => {
    const query = `{ plans { code } } # ${'x'.repeat(DEFAULT_LIMITS.bodyBytes)}`;
    const res = await post({ query });
    expect(res.status).toBe(413);
    expect(res.json.errors?.[0].message).toBe('Request body is over the limit of 100000 bytes.');
    // Streamed without a Content-Length.
    const chunks = [JSON.stringify({ query }).slice(0, 60_000), JSON.stringify({ query }).slice(60_000)];
    const streamed = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new ReadableStream({
        start(c) {
          for (const chunk of chunks) c.enqueue(new TextEncoder().encode(chunk));
          c.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect((await post({ query: '{ plans { code } }' })).status).toBe(200);
  });

  it('a batch of 20 is served, 21 refused with 400', async () => {
    const op = { query: '{ plans { code } }' };
    const ok = await post(Array.from({ length: 20 }, () => op));
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.text)).toHaveLength(20);
    const res = await post(Array.from({ length: 21 }, () => op));
    expect(res.status).toBe(400);
    expect(res.json.errors?.[0].message).toBe('A batch may hold at most 20 operations; this one has 21. Split it.');
  });

  it('a mutation over GET is a 405; a GET without a CSRF preflight header is a 400', async () => {
    const q = encodeURIComponent('mutation { submitActual(id: "x") { id } }');
    const get = await fetch(`${app.url}?query=${q}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    const csrf = await fetch(`${app.url}?query=${encodeURIComponent('{ plans { code } }')}`);
    expect(csrf.status).toBe(400);
    expect(await csrf.text()).toMatch(/CSRF/);
  });

  it('other methods are a 405', async () => {
    const res = await fetch(app.url, { method: 'PUT', body: '{}' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, POST');
  });
});

describe('rate limits: budgets of estimated cost units', () => {
  const cheap = { query: '{ plans { code } }' }; // cost 5: a list of (assumed) 5 plans
  const heavy = { query: '{ indicators(first: 100) { nodes { name measures { title } } } }' }; // cost 601
  const limitedApp = (rateLimit: { perAddress: number; perToken: number }) => startTestApp(app.db, { rateLimit });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it('an operation costs its estimate (the same as the cost limit measures)', () => {
    expect(measureOperation(schema, cheap.query).cost).toBe(5);
    expect(measureOperation(schema, heavy.query).cost).toBe(601);
  });

  it('per client address: 429 with Retry-After once the budget is spent', async () => {
    const limited = await limitedApp({ perAddress: 50, perToken: 0 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 10; i += 1) statuses.push((await post(cheap, {}, limited.url)).status);
      expect(statuses).toEqual(Array.from({ length: 10 }, () => 200));
      const res = await post(cheap, {}, limited.url);
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(res.json.errors?.[0]).toMatchObject({
        message: expect.stringMatching(/^Too many requests for this client address: at most 50 cost units per 60 s/),
        extensions: { code: 'RATE_LIMITED' },
      });
      // A spent budget refuses a batch at the door.
      expect((await post([cheap], {}, limited.url)).status).toBe(429);
    } finally {
      await limited.server.stop();
    }
  });

  it('a batch of heavy operations is charged by cost, not by count: the rest of the batch is refused', async () => {
    const limited = await limitedApp({ perAddress: 1_000, perToken: 0 });
    try {
      const res = await post(
        Array.from({ length: 20 }, () => heavy),
        {},
        limited.url,
      );
      const results = JSON.parse(res.text) as Body[];
      expect(results).toHaveLength(20);
      expect(results[0].errors).toBeUndefined();
      expect(results.slice(1).map((r) => r.errors?.[0]?.extensions?.code)).toEqual(
        Array.from({ length: 19 }, () => 'RATE_LIMITED'),
      );
      // What is left of the budget (399 units) still serves cheap operations.
      expect((await post(cheap, {}, limited.url)).status).toBe(200);
      expect((await post(heavy, {}, limited.url)).status).toBe(429);
    } finally {
      await limited.server.stop();
    }
  });

  it('a token holder spends the token’s budget, not the address’s; a forged token spends the address’s', async () => {
    const limited = await limitedApp({ perAddress: 10, perToken: 30 });
    const { token } = await createToken(app.db.dataSource, { role: 'editor', name: 'rate-token' });
    const { token: other } = await createToken(app.db.dataSource, { role: 'editor', name: 'rate-token-2' });
    try {
      // 6 × 5 units: over the address budget (10), within the token budget (30).
      const statuses: number[] = [];
      for (let i = 0; i < 6; i += 1) statuses.push((await post(cheap, bearer(token), limited.url)).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
      const res = await post(cheap, bearer(token), limited.url);
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(res.json.errors?.[0].message).toMatch(/^Too many requests for this token: at most 30 cost units/);
      expect((await post(cheap, bearer(other), limited.url)).status).toBe(200);
      // Unknown tokens and anonymous callers share the address's budget (10): a forged token's 401 costs
      // INVALID_TOKEN_UNITS (10), so the anonymous read after it (5 units) is over.
      const forged = await post(cheap, bearer('plg_forged_token_value'), limited.url);
      expect(forged.status).toBe(401);
      const spent = await post(cheap, {}, limited.url);
      expect(spent.status).toBe(429);
      expect(spent.json.errors?.[0].message).toMatch(/^Too many requests for this client address/);
    } finally {
      await limited.server.stop();
    }
  });

  it('importActuals is charged by its CSV rows', async () => {
    const limited = await limitedApp({ perAddress: 0, perToken: 3_000 });
    const { token } = await createToken(app.db.dataSource, { role: 'editor', name: 'rate-import' });
    const csv = [
      'plan_code,indicator_name,fiscal_year,value,note',
      ...Array.from({ length: 100 }, () => 'arakawa,経常収支比率,2021,88.0%,'),
    ].join('\n');
    const importCsv = {
      query: 'mutation($csv: String!) { importActuals(csv: $csv, dryRun: true) { rows } }',
      variables: { csv },
    };
    try {
      // 100 rows × 20 units: a second import of the same size is over the budget of 3000.
      const first = await post(importCsv, bearer(token), limited.url);
      expect(first.json.errors).toBeUndefined();
      const second = await post(importCsv, bearer(token), limited.url);
      expect(second.status).toBe(429);
      expect(second.json.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
      expect((await post(cheap, bearer(token), limited.url)).status).toBe(200);
    } finally {
      await limited.server.stop();
    }
  });
});

describe('production and development', () => {
  const introspection = '{ __schema { queryType { name } } }';

  it('production: no introspection, no field suggestions', async () => {
    const prod = await startTestApp(app.db, { production: true });
    try {
      const res = await post({ query: introspection }, {}, prod.url);
      expect(res.status).toBe(400);
      expect(res.json.errors?.[0].message).toMatch(/introspection is not allowed/i);
      const typo = await post({ query: '{ plans { titel } }' }, {}, prod.url);
      expect(typo.status).toBe(400);
      expect(typo.json.errors?.[0].message).toBe('Cannot query field "titel" on type "Plan".');
      expect(typo.text).not.toMatch(/Did you mean/);
    } finally {
      await prod.server.stop();
    }
  });

  it('development: introspection and suggestions on', async () => {
    const res = await post({ query: introspection });
    expect(res.json.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    const typo = await post({ query: '{ plans { titel } }' });
    expect(typo.json.errors?.[0].message).toMatch(/Did you mean "title"\?/);
  });
});
