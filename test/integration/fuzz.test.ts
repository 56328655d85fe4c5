import fc from 'fast-check';
import {
  getNamedType,
  getNullableType,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLInputType,
  type GraphQLInterfaceType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { createLogger } from '../../src/logger';
import { createToken } from '../../src/services/auth';
import { createSchema } from '../../src/graphql/schema';
import { startTestApp, type TestApp } from '../support/app';

// Property-based fuzzing over HTTP for a bounded time: random bytes, random JSON bodies, and operations
// shaped by the schema with hostile arguments and variables (wrong types, huge and negative numbers,
// injection strings, NUL bytes, deep nesting). Whatever is sent: no 5xx, no stack trace, no SQL or
// internals in any response, no masked INTERNAL_SERVER_ERROR (client input is never an internal error:
// each one found is a bug, and fails the run with its request and the server's error), and the server
// still answers afterwards. A failure names its seed; set FUZZ_SEED to replay the run.

const TIME_LIMIT_MS = Number(process.env.FUZZ_MS || 20_000);
const seed = Number(process.env.FUZZ_SEED || Date.now() % 2_147_483_647);

let app: TestApp;
let schema: GraphQLSchema;
let token: string;

beforeAll(async () => {
  app = await startTestApp(undefined, {
    log: createLogger('error', {
      write: (line: string) => {
        const entry = JSON.parse(line) as { level?: number; msg?: string; fault?: string; error?: unknown };
        faults.push(`${entry.msg}: ${JSON.stringify(entry.error).slice(0, 400)}`);
      },
    }),
  });
  schema = await createSchema();
  token = (await createToken(app.db.dataSource, { role: 'admin', name: 'fuzz-admin' })).token;
});
afterAll(async () => {
  await app?.close();
});

/** What may never appear in a response: stack frames, SQL and driver errors, file paths. */
const LEAKS = [
  /\bat \S+ \(\S+:\d+:\d+\)/,
  /"stacktrace"/,
  /QueryFailedError|EntityNotFound|TypeORM/,
  /relation "|syntax error at or near|violates|duplicate key|invalid input syntax|invalid byte sequence/,
  /node_modules|\/work\/|src\/\w+\.ts/,
];
const CODES = new Set([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
  'PAYLOAD_TOO_LARGE',
  'METHOD_NOT_ALLOWED',
  'INTERNAL_SERVER_ERROR',
  'TIMEOUT',
]);
/** Error-level lines of the server log (a masked internal error, a failed request). */
const faults: string[] = [];
const replay = `(FUZZ_SEED=${seed} replays this run)`;

async function send(init: RequestInit & { url?: string }): Promise<void> {
  faults.length = 0;
  const res = await fetch(init.url ?? app.url, init);
  const text = await res.text();
  const context = `${init.method} ${String(init.body ?? init.url).slice(0, 500)} → ${res.status} ${text.slice(0, 500)}`;
  if (res.status >= 500) throw new Error(`5xx ${replay}: ${context}`);
  for (const leak of LEAKS) if (leak.test(text)) throw new Error(`leak ${leak}: ${context}`);
  if (!text || !/json/.test(res.headers.get('content-type') ?? '')) return;
  const body = JSON.parse(text) as unknown;
  for (const result of Array.isArray(body) ? body : [body]) {
    for (const error of (result as { errors?: { extensions?: { code?: string } }[] }).errors ?? []) {
      const code = error.extensions?.code ?? '';
      if (!CODES.has(code)) throw new Error(`unexpected error code ${code} ${replay}: ${context}`);
      if (code === 'INTERNAL_SERVER_ERROR') {
        throw new Error(`INTERNAL_SERVER_ERROR ${replay}: ${context}\nserver log: ${faults.join('\n')}`);
      }
    }
  }
  if (faults.length > 0) throw new Error(`error logged ${replay}: ${context}\nserver log: ${faults.join('\n')}`);
}

const hostileString = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom(
    "' OR 1=1 --",
    '"; DROP TABLE plan; --',
    '%_%',
    '\\',
    '\u0000',
    'a\u0000b',
    '\uD800',
    '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
    '令和3年度',
    'x'.repeat(5_000),
    '${jndi:ldap://x}',
    '<script>alert(1)</script>',
    'UGxhbjox',
    'TWVhc3VyZTox',
    'SW5kaWNhdG9yOjE=',
    'QWN0dWFsOjE=',
    'Y3Vyc29yOjE=',
    // Indicator:99999999999, Measure:2147483648 (beyond int4) and forged cursors (wrong-typed sort
    // value, id beyond int4, an object as sort value).
    'SW5kaWNhdG9yOjk5OTk5OTk5OTk5',
    'TWVhc3VyZToyMTQ3NDgzNjQ4',
    'Y3Vyc29yOnYyOnsidiI6WyJ4Il0sImlkIjoxfQ',
    'Y3Vyc29yOnYyOnsidiI6W10sImlkIjo5OTk5OTk5OTk5OX0',
    'Y3Vyc29yOnYyOnsidiI6W3t9XSwiaWQiOjF9',
    '',
  ),
);
const hostileInt = fc.oneof(
  fc.integer(),
  fc.constantFrom(0, -1, 1, 100, 101, 2021, 2147483647, -2147483648, 2020, 1e9),
);
const hostileNumber = fc.oneof(hostileInt, fc.double(), fc.constantFrom(1e308, -0, 2 ** 53));
const anyJson = fc.jsonValue({ maxDepth: 4 });

/** A GraphQL literal for an input type: mostly well-typed, sometimes deliberately not. */
function literal(g: fc.GeneratorValue, type: GraphQLInputType, depth = 0): string {
  if (g(fc.integer, { min: 0, max: 9 }) === 0) {
    return g(fc.constantFrom, '"wrong"', '42', 'null', '[1, 2]', '{ x: 1 }', 'true', 'ENUMLIKE', '$undeclared');
  }
  const inner = getNullableType(type) as GraphQLInputType;
  if (isListType(inner)) {
    const n = g(fc.integer, { min: 0, max: 3 });
    return `[${Array.from({ length: n }, () => literal(g, inner.ofType as GraphQLInputType, depth + 1)).join(', ')}]`;
  }
  if (isEnumType(inner)) return g(fc.constantFrom, ...inner.getValues().map((v) => v.name));
  if (isInputObjectType(inner)) {
    if (depth > 3) return '{}';
    const fields = Object.values(inner.getFields()).filter((f) => isNonNullType(f.type) || g(fc.boolean));
    return `{ ${fields.map((f) => `${f.name}: ${literal(g, f.type, depth + 1)}`).join(', ')} }`;
  }
  if (isScalarType(inner)) {
    switch (inner.name) {
      case 'Int':
        return String(g(() => hostileInt));
      case 'Float':
        return String(g(() => fc.oneof(hostileInt, fc.constantFrom(0.5, -1.5, 1e300))));
      case 'Boolean':
        return String(g(fc.boolean));
      default:
        return JSON.stringify(g(() => hostileString));
    }
  }
  return 'null';
}

/** A variable value for an input type: mostly well-typed JSON, sometimes any JSON at all. */
function variable(g: fc.GeneratorValue, type: GraphQLInputType, depth = 0): unknown {
  if (g(fc.integer, { min: 0, max: 7 }) === 0) return g(() => anyJson);
  const inner = getNullableType(type) as GraphQLInputType;
  if (isListType(inner)) {
    return Array.from({ length: g(fc.integer, { min: 0, max: 3 }) }, () =>
      variable(g, inner.ofType as GraphQLInputType, depth + 1),
    );
  }
  if (isEnumType(inner)) return g(fc.constantFrom, ...inner.getValues().map((v) => v.name));
  if (isInputObjectType(inner)) {
    if (depth > 3) return {};
    const out: Record<string, unknown> = {};
    for (const f of Object.values(inner.getFields())) {
      if (isNonNullType(f.type) || g(fc.boolean)) out[f.name] = variable(g, f.type, depth + 1);
    }
    return out;
  }
  if (isScalarType(inner)) {
    if (inner.name === 'Int') return g(() => hostileInt);
    if (inner.name === 'Float') return g(() => hostileNumber);
    if (inner.name === 'Boolean') return g(fc.boolean);
    return g(() => hostileString);
  }
  return null;
}

interface Built {
  query: string;
  variables: Record<string, unknown>;
}

/** A random operation over the schema: fields, arguments (inline or as variables), aliases, fragments, directives. */
function operation(g: fc.GeneratorValue): Built {
  const variables: Record<string, unknown> = {};
  const declarations: string[] = [];
  const selection = (type: GraphQLObjectType | GraphQLInterfaceType, depth: number): string => {
    const fields = Object.values(type.getFields());
    const count = g(fc.integer, { min: 1, max: 4 });
    const parts: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const field = fields[g(fc.nat, { max: fields.length - 1 })];
      const alias = g(fc.integer, { min: 0, max: 4 }) === 0 ? `a${depth}_${i}: ` : '';
      const args = field.args
        .filter((a) => isNonNullType(a.type) || g(fc.boolean))
        .map((a) => {
          if (g(fc.boolean)) return `${a.name}: ${literal(g, a.type)}`;
          const name = `v${declarations.length}`;
          declarations.push(`$${name}: ${String(a.type)}`);
          variables[name] = variable(g, a.type);
          return `${a.name}: $${name}`;
        });
      const directive = g(fc.integer, { min: 0, max: 5 }) === 0 ? ` @include(if: ${g(fc.boolean)})` : '';
      const head = `${alias}${field.name}${args.length ? `(${args.join(', ')})` : ''}${directive}`;
      const named = getNamedType(field.type);
      if (isObjectType(named) || isAbstractType(named)) {
        if (depth >= 6) {
          parts.push(`${head} { __typename }`);
        } else if (isAbstractType(named)) {
          const possible = schema.getPossibleTypes(named);
          const target = possible[g(fc.nat, { max: possible.length - 1 })];
          parts.push(`${head} { __typename ... on ${target.name} { ${selection(target, depth + 1)} } }`);
        } else {
          parts.push(`${head} { ${selection(named, depth + 1)} }`);
        }
      } else {
        parts.push(head);
      }
    }
    return parts.join(' ');
  };
  const mutation = g(fc.integer, { min: 0, max: 3 }) === 0;
  const root = mutation ? schema.getMutationType()! : schema.getQueryType()!;
  const body = selection(root, 0);
  const vars = declarations.length ? `(${declarations.join(', ')})` : '';
  return { query: `${mutation ? 'mutation' : 'query'} Fuzz${vars} { ${body} }`, variables };
}

const post = (body: string, headers: Record<string, string> = {}) =>
  send({ method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('fuzz (fast-check, bounded)', () => {
  const params = { seed, numRuns: 100_000, interruptAfterTimeLimit: TIME_LIMIT_MS / 2, markInterruptAsFailure: false };

  it(
    'random bodies, content types, methods and query strings',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.record({ kind: fc.constant('text'), body: fc.string({ maxLength: 300 }) }),
            fc.record({ kind: fc.constant('json'), body: anyJson.map((v) => JSON.stringify(v)) }),
            fc.record({
              kind: fc.constant('request'),
              body: fc
                .record(
                  {
                    query: fc.oneof(fc.string({ maxLength: 200 }), anyJson),
                    variables: anyJson,
                    operationName: fc.oneof(fc.string({ maxLength: 20 }), anyJson),
                    extensions: anyJson,
                  },
                  { requiredKeys: [] },
                )
                .map((v) => JSON.stringify(v)),
            }),
          ),
          fc.constantFrom(
            'application/json',
            'text/plain',
            'application/graphql',
            'multipart/form-data',
            'application/x-www-form-urlencoded',
            '',
          ),
          fc.constantFrom('POST', 'GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'),
          fc.dictionary(
            fc.constantFrom('query', 'variables', 'operationName', 'extensions'),
            fc.string({ maxLength: 60 }),
          ),
          async (payload, contentType, method, search) => {
            const url = `${app.url}?${new URLSearchParams(search).toString()}`;
            const headers: Record<string, string> = contentType ? { 'content-type': contentType } : {};
            if (method === 'GET' && payload.kind === 'text') headers['apollo-require-preflight'] = '1';
            const withBody = method !== 'GET' && method !== 'OPTIONS';
            await send({ url, method, headers, body: withBody ? payload.body : undefined });
          },
        ),
        params,
      );
    },
    TIME_LIMIT_MS + 30_000,
  );

  it(
    'schema-shaped hostile operations and variables, anonymous and with a token, single and batched',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.gen(), fc.boolean(), fc.integer({ min: 0, max: 4 }), async (g, withToken, batch) => {
          const headers: Record<string, string> = withToken ? { authorization: `Bearer ${token}` } : {};
          if (batch < 2) {
            await post(JSON.stringify(operation(g)), headers);
          } else {
            await post(JSON.stringify(Array.from({ length: batch }, () => operation(g))), headers);
          }
        }),
        params,
      );
    },
    TIME_LIMIT_MS + 30_000,
  );

  it('the server still answers afterwards', async () => {
    const res = await app.gql<{ plans: { code: string }[] }>('{ plans { code } }');
    expect(res.status).toBe(200);
    expect(res.data?.plans.map((p) => p.code)).toContain('arakawa');
  });
});
