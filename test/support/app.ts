import { createSchema } from '../../src/graphql/schema';
import { createLogger } from '../../src/logger';
import { startServer, type RunningServer, type ServerOptions } from '../../src/server';
import { openSeededCopy, type TestDatabase } from './database';

export interface GqlResponse<T = Record<string, unknown>> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } & Record<string, unknown> }[];
  extensions?: { sqlStatements?: number } & Record<string, unknown>;
}

export interface TestApp {
  url: string;
  db: TestDatabase;
  /** POSTs a GraphQL operation over HTTP to the real server. */
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GqlResponse<T>>;
  /** The same with `Authorization: Bearer <token>`. */
  gqlAs<T = Record<string, unknown>>(
    token: string,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GqlResponse<T>>;
  /** The running server (tests of shutdown). */
  server: RunningServer;
  close(): Promise<void>;
}

/** What a test may change in the server: production mode, limits, rate limits, a logger to read. */
export type TestServerOptions = Partial<Omit<ServerOptions, 'schema' | 'db' | 'port'>>;

async function post<T>(
  url: string,
  headers: Record<string, string>,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GqlResponse<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as GqlResponse<T>;
  return { ...body, status: res.status };
}

/**
 * The real HTTP server on a private copy of the seeded database, on a free port. Tests run it without
 * rate limits and with logs off (LOG_LEVEL turns them on) unless `options` say otherwise.
 */
export async function startTestApp(db?: TestDatabase, options: TestServerOptions = {}): Promise<TestApp> {
  const database = db ?? (await openSeededCopy());
  const server: RunningServer = await startServer({
    log: createLogger(process.env.LOG_LEVEL || 'silent'),
    rateLimit: false,
    readiness: database.readiness,
    exposeStatementCount: true,
    ...options,
    schema: await createSchema(),
    db: database.dataSource,
    pglite: database.pglite,
    port: 0,
  });
  return {
    url: server.url,
    db: database,
    server,
    gql<T>(query: string, variables?: Record<string, unknown>) {
      return post<T>(server.url, {}, query, variables);
    },
    gqlAs<T>(token: string, query: string, variables?: Record<string, unknown>) {
      return post<T>(server.url, { authorization: `Bearer ${token}` }, query, variables);
    },
    async close() {
      await server.stop();
      await database.close();
    },
  };
}
