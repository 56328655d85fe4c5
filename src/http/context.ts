import type { HeaderMap } from '@apollo/server';
import type { DataSource } from 'typeorm';
import type { QueryStats } from '../db/query-counter';
import type { Context } from '../graphql/context';
import { createRequestContext } from '../context';
import { authenticate } from '../services/auth';
import { unavailableError } from './errors';
import type { RequestScope } from './request';

/** The GraphQL context as the HTTP edge sees it: the resolvers' context plus the request, for plugins. */
export type HttpContext = Context & { request: RequestScope };

/**
 * The context of one HTTP request (a batch shares it, hence its loaders). The one place where the
 * transport meets the transport-free request context (src/context).
 */
export async function createContext(
  db: DataSource,
  headers: HeaderMap,
  request: RequestScope,
  stats: QueryStats,
): Promise<HttpContext> {
  let auth: Awaited<ReturnType<typeof authenticate>>;
  try {
    auth = await authenticate(db, headers.get('authorization'));
  } catch (error) {
    // Logged without the header; the client learns only that the database is unavailable.
    request.log.warn(
      { requestId: request.requestId, error: error instanceof Error ? error.message : String(error) },
      'authentication failed: database unavailable',
    );
    throw unavailableError(request.requestId);
  }
  return { ...createRequestContext({ db, stats, user: auth.user, invalidToken: auth.invalidToken }), request };
}
