import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import { withQueryStats, type QueryStats } from './db/query-counter';
import type { Context } from './graphql/context';
import { createLoaders } from './loaders';
import { authenticate } from './services/auth';

export const GRAPHQL_PATH = '/graphql';
const MAX_BODY_BYTES = 1_000_000;

export interface ServerOptions {
  schema: GraphQLSchema;
  db: DataSource;
  port: number;
  host?: string;
  /** Adds `extensions.sqlStatements` to every response (tests and diagnostics). */
  exposeStatementCount?: boolean;
}

export interface RunningServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `Request body over ${MAX_BODY_BYTES} bytes.`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseBody(text: string, contentType: string | undefined): unknown {
  if (text === '') return undefined;
  if (contentType?.includes('application/json')) {
    try {
      return JSON.parse(text);
    } catch {
      throw new HttpError(400, 'Request body is not valid JSON.');
    }
  }
  return text;
}

function statementCountPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind === 'single') {
            response.body.singleResult.extensions = {
              ...response.body.singleResult.extensions,
              sqlStatements: contextValue.stats.statements,
            };
          }
        },
      };
    },
  };
}

/**
 * HTTP + Apollo wiring only: POST/GET /graphql, GET /healthz. A plain node:http server, so the
 * request's SQL statements can be counted around the whole execution (AsyncLocalStorage).
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const apollo = new ApolloServer<Context>({
    schema: options.schema,
    plugins: options.exposeStatementCount ? [statementCountPlugin()] : [],
    introspection: true,
    // main.ts owns the process signals and stops the HTTP server before Apollo.
    stopOnTerminationSignals: false,
  });
  await apollo.start();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok' }));
      return;
    }
    if (url.pathname !== GRAPHQL_PATH) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`Not found. The GraphQL endpoint is ${GRAPHQL_PATH}.\n`);
      return;
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const body = parseBody(await readBody(req), req.headers['content-type']);
    const stats: QueryStats = { statements: 0 };
    const response = await withQueryStats(stats, () =>
      apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
        context: async () => {
          const auth = await authenticate(options.db, headers.get('authorization'));
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
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
    } else {
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    }
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      const message = error instanceof HttpError ? error.message : 'Internal server error.';
      if (!res.headersSent) res.writeHead(status, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          errors: [{ message, extensions: { code: status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST' } }],
        }),
      );
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';
  return {
    url: `http://${host}:${port}${GRAPHQL_PATH}`,
    port,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await apollo.stop();
    },
  };
}
