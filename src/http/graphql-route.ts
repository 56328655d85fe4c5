import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { DataSource } from 'typeorm';
import type { QueryStats } from '../db/query-counter';
import { checkBatchShape } from './batch';
import { readBody, parseBody } from './body';
import { createContext, type HttpContext } from './context';
import { authenticate } from '../services/auth';
import { HttpError, UNAVAILABLE_MESSAGE, UNAVAILABLE_RETRY_AFTER } from './errors';
import type { OperationLimits } from './limits';
import { INVALID_TOKEN_UNITS, RateLimited, type RateLimits } from './rate-limit';
import type { RequestScope } from './request';

export interface GraphqlRoute {
  apollo: ApolloServer<HttpContext>;
  db: DataSource;
  limits: OperationLimits;
  rateLimits?: RateLimits;
  exposeStatementCount: boolean;
}

function headerMap(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

/**
 * POST/GET /graphql: body and batch limits, then Apollo with one context per HTTP request (a batch's
 * operations share its loaders), whose db counts the request's statements; the operations charge the rate limits.
 */
export async function serveGraphql(
  route: GraphqlRoute,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  scope: RequestScope,
): Promise<void> {
  const { apollo, limits, rateLimits } = route;
  if (rateLimits) {
    scope.caller = rateLimits.caller(req);
    await rateLimits.refuseSpent(scope.caller).catch((e: unknown) => {
      throw e instanceof RateLimited ? e.toHttpError() : e;
    });
  }
  const body = parseBody(await readBody(req, limits.bodyBytes), req.headers['content-type']);
  if (Array.isArray(body)) {
    if (body.length > limits.batch) {
      throw new HttpError(
        400,
        `A batch may hold at most ${limits.batch} operations; this one has ${body.length}. Split it.`,
      );
    }
    checkBatchShape(body);
  }
  const headers = headerMap(req);
  const stats: QueryStats = { statements: 0 };
  scope.stats = stats;
  const auth = await authenticateOrRefuse(route, headers.get('authorization'), scope);
  // The context's db counts the statements of the request into `stats` (src/db/query-counter.ts).
  const response = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
    context: () => createContext(route.db, auth, scope, stats),
  });
  for (const [key, value] of response.headers) res.setHeader(key, value);
  if (Array.isArray(body)) res.setHeader('cache-control', 'no-store');
  res.appendHeader('vary', 'authorization');
  if (route.exposeStatementCount) res.setHeader('x-sql-statements', String(stats.statements));
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
}

/**
 * The caller behind the Authorization header. An unknown, revoked or malformed bearer token is refused
 * with 401 on every operation, reads included (a client must learn that its token expired, not silently
 * see the public data). The refusal costs the client address a small fixed charge (INVALID_TOKEN_UNITS),
 * never the operation's cost, and is refused with 429 once the address budget is spent.
 */
async function authenticateOrRefuse(
  route: GraphqlRoute,
  header: string | undefined,
  scope: RequestScope,
): Promise<Awaited<ReturnType<typeof authenticate>>> {
  let auth: Awaited<ReturnType<typeof authenticate>>;
  try {
    auth = await authenticate(route.db, header);
  } catch (error) {
    // Logged without the header; the client learns only that the database is unavailable.
    scope.log.warn(
      { requestId: scope.requestId, error: error instanceof Error ? error.message : String(error) },
      'authentication failed: database unavailable',
    );
    throw new HttpError(503, UNAVAILABLE_MESSAGE, 'SERVICE_UNAVAILABLE', {
      'retry-after': String(UNAVAILABLE_RETRY_AFTER),
    });
  }
  if (!auth.invalidToken) return auth;
  if (route.rateLimits && scope.caller) {
    await route.rateLimits
      .charge(route.rateLimits.bucket(scope.caller, false), INVALID_TOKEN_UNITS)
      .catch((e: unknown) => {
        throw e instanceof RateLimited ? e.toHttpError() : e;
      });
  }
  throw new HttpError(
    401,
    'The bearer token is unknown, revoked or malformed: send "Authorization: Bearer <token>" with a valid token, or no Authorization header for public data.',
    'UNAUTHENTICATED',
    { 'www-authenticate': 'Bearer realm="plangraph", error="invalid_token"' },
  );
}
