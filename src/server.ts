import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import {
  ApolloServerPluginLandingPageLocalDefault,
  ApolloServerPluginLandingPageProductionDefault,
} from '@apollo/server/plugin/landingPage/default';
import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import type { Readiness } from './db/data-source';
import { withQueryStats, type QueryStats } from './db/query-counter';
import type { Context } from './graphql/context';
import { formatError, HttpError, INTERNAL_MESSAGE, unavailableError } from './http/errors';
import { checkBatchShape } from './http/batch';
import { createDashboard } from './http/dashboard';
import { applyCors, corsOrigins, type CorsOrigins } from './http/cors';
import { readBody, parseBody } from './http/body';
import { exampleOperations, exampleVariables } from './http/explorer';
import { costLimitPlugin, DEFAULT_LIMITS, limitRules, type OperationLimits } from './http/limits';
import { cacheHintPlugin, operationNamePlugin, statementCountPlugin, unavailableStatusPlugin } from './http/plugins';
import { RateLimits, type RateLimitOptions } from './http/rate-limit';
import { requestIdFrom, runInRequestScope, type RequestScope } from './http/request-scope';
import { createLoaders } from './loaders';
import { createLogger, type Logger } from './logger';
import { authenticate } from './services/auth';

export const GRAPHQL_PATH = '/graphql';

/** max-age (seconds) of cacheable responses: anonymous queries of plan data. */
export const PUBLIC_MAX_AGE = 60;

export interface ServerOptions {
  schema: GraphQLSchema;
  db: DataSource;
  port: number;
  host?: string;
  /** Adds `extensions.sqlStatements` to every response (tests and diagnostics). */
  exposeStatementCount?: boolean;
  /** Production: no introspection, no field suggestions, no explorer. Default: NODE_ENV === 'production'. */
  production?: boolean;
  /** Where request lines and errors go; default: a pino logger at `info` on stdout. */
  log?: Logger;
  /** Rate limits; default 600 operations a minute per address, 1200 per token. `false` turns them off. */
  rateLimit?: RateLimitOptions | false;
  /** Operation limits; defaults in DEFAULT_LIMITS (documented in README.md). */
  limits?: Partial<OperationLimits>;
  /** /readyz: database reachable and migrated. Default: a `SELECT 1` through `db`. */
  readiness?: () => Promise<Readiness>;
  /** A plan code for the explorer's example variables. */
  examplePlanCode?: string;
  /** Browser origins admitted (CORS_ORIGINS); default: http://localhost:* and http://127.0.0.1:* unless production. */
  cors?: CorsOrigins;
  /** The built dashboard served at / (default: dist/dashboard, see src/http/dashboard.ts). */
  dashboardDir?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  /**
   * Stops accepting connections, lets in-flight requests finish (at most `timeoutMs`, default 10 s, then
   * their connections are closed) and stops Apollo. The database is the caller's to close.
   */
  stop(options?: { timeoutMs?: number }): Promise<void>;
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

/**
 * HTTP + Apollo wiring: POST/GET /graphql, GET /healthz and /readyz. A plain node:http server, so the
 * request's SQL statements can be counted around the whole execution (AsyncLocalStorage), batches share
 * one context (one set of DataLoaders), and limits, rate limits, request ids and the request log sit
 * around Apollo rather than inside it.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const production = options.production ?? process.env.NODE_ENV === 'production';
  const limits: OperationLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const cors = corsOrigins(options.cors, production);
  const dashboard = createDashboard(options.dashboardDir);
  const log = options.log ?? createLogger('info');
  const rateLimits =
    options.rateLimit === false ? undefined : new RateLimits(options.rateLimit ?? { perAddress: 600, perToken: 1200 });
  const readiness =
    options.readiness ??
    (async (): Promise<Readiness> => {
      try {
        await options.db.query('SELECT 1');
        return { ready: true };
      } catch {
        return { ready: false, reason: 'database unreachable' };
      }
    });

  const document = exampleOperations();
  const plugins: ApolloServerPlugin<Context>[] = [
    operationNamePlugin(),
    costLimitPlugin<Context>(options.schema, limits.cost),
    // Apollo's own cache-control plugin wraps every resolver (measured in docs/benchmarks.md); our
    // schema has no per-field hints, so cacheHintPlugin sets the same header from the operation alone.
    ApolloServerPluginCacheControlDisabled(),
    cacheHintPlugin(PUBLIC_MAX_AGE),
    unavailableStatusPlugin(),
    production
      ? ApolloServerPluginLandingPageProductionDefault({ footer: false })
      : ApolloServerPluginLandingPageLocalDefault({
          footer: false,
          includeCookies: false,
          document,
          variables: exampleVariables(document, options.examplePlanCode),
        }),
  ];
  if (options.exposeStatementCount) plugins.push(statementCountPlugin());

  const apollo = new ApolloServer<Context>({
    schema: options.schema,
    plugins,
    formatError,
    introspection: !production,
    hideSchemaDetailsFromClientErrors: production,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: true,
    csrfPrevention: true,
    validationRules: limitRules(limits),
    parseOptions: { maxTokens: limits.tokens },
    maxRecursiveSelections: limits.recursiveSelections,
    logger: {
      debug: (m) => log.debug(String(m)),
      info: (m) => log.info(String(m)),
      warn: (m) => log.warn(String(m)),
      error: (m) => log.error(String(m)),
    },
    // main.ts owns the process signals and stops the HTTP server before Apollo.
    stopOnTerminationSignals: false,
  });
  await apollo.start();

  let draining = false;
  let inFlight = 0;
  let idle: (() => void) | undefined;

  const graphql = async (req: IncomingMessage, res: ServerResponse, url: URL, scope: RequestScope) => {
    await rateLimits?.charge(req, 1);
    const body = parseBody(await readBody(req, limits.bodyBytes), req.headers['content-type']);
    if (Array.isArray(body)) {
      if (body.length > limits.batch) {
        throw new HttpError(
          400,
          `A batch may hold at most ${limits.batch} operations; this one has ${body.length}. Split it.`,
        );
      }
      checkBatchShape(body);
      if (body.length > 1) await rateLimits?.charge(req, body.length - 1);
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const stats: QueryStats = { statements: 0 };
    scope.stats = stats;
    const response = await withQueryStats(stats, () =>
      apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
        // Called once per HTTP request: the operations of a batch share the context, hence the loaders.
        context: async () => {
          let auth: Awaited<ReturnType<typeof authenticate>>;
          try {
            auth = await authenticate(options.db, headers.get('authorization'));
          } catch (error) {
            // Logged without the header; the client learns only that the database is unavailable.
            scope.log.warn(
              { requestId: scope.requestId, error: error instanceof Error ? error.message : String(error) },
              'authentication failed: database unavailable',
            );
            throw unavailableError();
          }
          return {
            db: options.db,
            loaders: createLoaders(options.db),
            stats,
            user: auth.user,
            invalidToken: auth.invalidToken,
          };
        },
      }),
    );
    for (const [key, value] of response.headers) res.setHeader(key, value);
    if (Array.isArray(body)) res.setHeader('cache-control', 'no-store');
    res.appendHeader('vary', 'authorization');
    if (options.exposeStatementCount) res.setHeader('x-sql-statements', String(stats.statements));
    res.statusCode = response.status ?? 200;
    if (Array.isArray(body) && res.statusCode === 400 && response.body.kind === 'complete') {
      // Apollo gives a whole batch the 400 of one refused member; the others' results are in it too.
      const results = JSON.parse(response.body.string) as unknown;
      if (Array.isArray(results) && results.some((r) => (r as { data?: unknown }).data !== undefined)) {
        res.statusCode = 200;
      }
    }
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
    } else {
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, scope: RequestScope): Promise<void> => {
    if (applyCors(cors, req, res)) return;
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      throw new HttpError(400, 'Malformed request URL.');
    }
    if (url.pathname === '/healthz') {
      sendJson(res, 200, { status: 'ok' });
      return;
    }
    if (url.pathname === '/readyz') {
      const state: Readiness = draining ? { ready: false, reason: 'shutting down' } : await readiness();
      sendJson(
        res,
        state.ready ? 200 : 503,
        state.ready ? { status: 'ready' } : { status: 'not ready', reason: state.reason },
      );
      return;
    }
    if (url.pathname !== GRAPHQL_PATH) {
      if (dashboard.serve(req, res, url)) return;
      throw new HttpError(404, `Not found. The GraphQL endpoint is ${GRAPHQL_PATH}.`, 'NOT_FOUND');
    }
    if (draining) {
      throw new HttpError(503, 'The server is shutting down; retry on another instance.', 'SERVICE_UNAVAILABLE', {
        connection: 'close',
        'retry-after': '1',
      });
    }
    if (req.method !== 'GET' && req.method !== 'POST') {
      throw new HttpError(405, `${GRAPHQL_PATH} accepts GET (queries) and POST.`, 'METHOD_NOT_ALLOWED', {
        allow: 'GET, POST',
      });
    }
    await graphql(req, res, url, scope);
  };

  const server: Server = createServer((req, res) => {
    const started = process.hrtime.bigint();
    const scope: RequestScope = {
      requestId: requestIdFrom(req.headers['x-request-id']),
      log,
      operations: [],
      faults: [],
    };
    res.setHeader('x-request-id', scope.requestId);
    inFlight += 1;
    res.once('close', () => {
      inFlight -= 1;
      const path = (req.url ?? '/').split('?')[0];
      const probe = path === '/healthz' || path === '/readyz';
      log[probe ? 'debug' : 'info']({
        requestId: scope.requestId,
        method: req.method,
        path: path.slice(0, 200),
        operations: scope.operations.length > 0 ? scope.operations : undefined,
        status: res.statusCode,
        durationMs: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
        sqlStatements: scope.stats?.statements,
        faults: scope.faults.length > 0 ? scope.faults : undefined,
        aborted: res.writableFinished ? undefined : true,
      });
      if (inFlight === 0) idle?.();
    });
    runInRequestScope(scope, () => handle(req, res, scope)).catch((error: unknown) => {
      if (error instanceof HttpError) {
        sendJson(
          res,
          error.status,
          { errors: [{ message: error.message, extensions: { code: error.code, requestId: scope.requestId } }] },
          error.headers,
        );
        return;
      }
      log.error(
        { requestId: scope.requestId, error: error instanceof Error ? error.stack : String(error) },
        'request failed',
      );
      sendJson(res, 500, {
        errors: [
          { message: INTERNAL_MESSAGE, extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: scope.requestId } },
        ],
      });
    });
  });
  // Slow-loris and stuck clients: bounded time for headers and for the whole request.
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';
  return {
    url: `http://${host}:${port}${GRAPHQL_PATH}`,
    port,
    async stop({ timeoutMs = 10_000 } = {}) {
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inFlight > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, timeoutMs);
          idle = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      server.closeAllConnections();
      await closed;
      await apollo.stop();
    },
  };
}
