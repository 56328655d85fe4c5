import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';
import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import type { Readiness } from './db/data-source';
import { createApollo } from './http/apollo';
import { Drain } from './http/draining';
import { applyCors, corsOrigins, type CorsOrigins } from './http/cors';
import { createDashboard } from './http/dashboard';
import { HttpError } from './http/errors';
import { explorerPage } from './http/explorer-page';
import { serveGraphql, type GraphqlRoute } from './http/graphql-route';
import { DEFAULT_LIMITS, type OperationLimits } from './http/limits';
import { healthz, pingReadiness, readyz } from './http/probes';
import { DEFAULT_RATE_LIMITS, RateLimits, type RateLimitOptions } from './http/rate-limit';
import { logRequest, requestIdFrom, type RequestScope } from './http/request';
import { sendError } from './http/respond';
import { attachSubscriptions } from './http/subscriptions';
import { openEventFeed } from './services/event-feed';
import { startDispatcher, type DispatcherOptions } from './services/webhook-dispatcher';
import { createLogger, type Logger } from './logger';

export { PUBLIC_MAX_AGE } from './http/apollo';

export const GRAPHQL_PATH = '/graphql';

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
  /** Rate limits in cost units per window; defaults in DEFAULT_RATE_LIMITS. `false` turns them off. */
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
  /** The embedded database `db` runs on, if it does: subscriptions LISTEN through it (else through db's URL). */
  pglite?: PGlite;
  /** Webhook delivery timings (DEFAULT_DISPATCHER); `false`: this process delivers no webhooks. */
  webhooks?: Partial<DispatcherOptions> | false;
  /** How often a WebSocket connection's token is checked again, in ms (default 30 s; also on every event). */
  authRecheckMs?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  /**
   * Stops accepting connections, lets in-flight requests finish (at most `timeoutMs`, default 10 s, then
   * their connections are closed), closes WebSocket connections (1001), stops Apollo, the webhook dispatcher
   * (after the deliveries in flight) and the event feed. The database is the caller's to close.
   */
  stop(options?: { timeoutMs?: number }): Promise<void>;
}

/**
 * A plain node:http server composed of src/http: CORS, the explorer page, the probes, the dashboard, the GraphQL route (Apollo behind body,
 * batch and rate limits), a request id and log line per request, and graceful draining.
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const production = options.production ?? process.env.NODE_ENV === 'production';
  const limits: OperationLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const log = options.log ?? createLogger('info');
  const rateLimits = options.rateLimit === false ? undefined : new RateLimits(options.rateLimit ?? DEFAULT_RATE_LIMITS);
  const readiness = options.readiness ?? pingReadiness(options.db);
  const exposeStatementCount = options.exposeStatementCount ?? false;
  const apollo = await createApollo({
    schema: options.schema,
    production,
    limits,
    rateLimits,
    log,
    exposeStatementCount,
  });
  const cors = corsOrigins(options.cors, production);
  const dashboard = createDashboard(options.dashboardDir);
  const explorer = explorerPage({ production, endpoint: GRAPHQL_PATH, examplePlanCode: options.examplePlanCode });
  const graphql: GraphqlRoute = { apollo, db: options.db, limits, rateLimits, exposeStatementCount };
  const drain = new Drain();

  const route = async (req: IncomingMessage, res: ServerResponse, scope: RequestScope): Promise<void> => {
    if (applyCors(cors, req, res)) return;
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      throw new HttpError(400, 'Malformed request URL.');
    }
    if (explorer(req, res, url)) return;
    if (url.pathname === '/healthz') return healthz(res);
    if (url.pathname === '/readyz') return readyz(res, readiness, drain.draining);
    if (url.pathname !== GRAPHQL_PATH) {
      if (dashboard.serve(req, res, url)) return;
      throw new HttpError(404, `Not found. The GraphQL endpoint is ${GRAPHQL_PATH}.`, 'NOT_FOUND');
    }
    if (drain.draining) {
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
    await serveGraphql(graphql, req, res, url, scope);
  };

  const server = createServer((req, res) => {
    const started = process.hrtime.bigint();
    const scope: RequestScope = {
      requestId: requestIdFrom(req.headers['x-request-id']),
      log,
      operations: [],
      faults: [],
    };
    res.setHeader('x-request-id', scope.requestId);
    const leave = drain.enter();
    res.once('close', () => {
      logRequest(scope, req, res, started);
      leave();
    });
    route(req, res, scope).catch((error: unknown) => sendError(res, error, scope.requestId, log));
  });
  // Slow-loris and stuck clients: bounded time for headers and for the whole request.
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;
  server.keepAliveTimeout = 5_000;
  // Subscriptions (graphql-ws) on the same port and path; events from PostgreSQL's LISTEN, for every process.
  const feed = await openEventFeed({
    db: options.db,
    pglite: options.pglite,
    onError: (message) => log.warn(message),
  });
  const subscriptions = attachSubscriptions({
    server,
    path: GRAPHQL_PATH,
    schema: options.schema,
    db: options.db,
    feed,
    limits,
    production,
    log,
    authRecheckMs: options.authRecheckMs,
  });
  const dispatcher =
    options.webhooks === false
      ? undefined
      : startDispatcher(options.db, options.webhooks, (message) => log.warn(`webhook dispatcher: ${message}`));
  if (dispatcher) feed.subscribe(() => dispatcher.wake());
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}${GRAPHQL_PATH}`,
    port,
    async stop({ timeoutMs = 10_000 } = {}) {
      await subscriptions.close();
      await Promise.all([drain.stop(server, timeoutMs), dispatcher?.stop(timeoutMs)]);
      await apollo.stop();
      await feed.close();
    },
  };
}
