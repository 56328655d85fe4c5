import { createSchema } from '../../src/graphql/schema';
import { startServer, type RunningServer } from '../../src/server';
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
  close(): Promise<void>;
}

/** The real HTTP server on a private copy of the seeded database, on a free port. */
export async function startTestApp(db?: TestDatabase): Promise<TestApp> {
  const database = db ?? (await openSeededCopy());
  const server: RunningServer = await startServer({
    schema: await createSchema(),
    db: database.dataSource,
    port: 0,
    exposeStatementCount: true,
  });
  return {
    url: server.url,
    db: database,
    async gql<T>(query: string, variables?: Record<string, unknown>) {
      const res = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as GqlResponse<T>;
      return { ...body, status: res.status };
    },
    async close() {
      await server.stop();
      await database.close();
    },
  };
}
