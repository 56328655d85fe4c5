import type { DataSource } from 'typeorm';
import type { QueryStats } from '../db/query-counter';
import type { Context } from '../graphql/context';
import { createRequestContext } from '../context';
import type { User } from '../services/auth';
import type { RequestScope } from './request';

/** The GraphQL context as the HTTP edge sees it: the resolvers' context plus the request, for plugins. */
export type HttpContext = Context & { request: RequestScope };

/**
 * The context of one HTTP request (a batch shares it, hence its loaders), for the caller authenticated
 * by src/http/graphql-route.ts. The one place where the
 * transport meets the transport-free request context (src/context).
 */
export function createContext(
  db: DataSource,
  auth: { user: User | null; invalidToken: boolean },
  request: RequestScope,
  stats: QueryStats,
): Promise<HttpContext> {
  return Promise.resolve({
    ...createRequestContext({ db, stats, user: auth.user, invalidToken: auth.invalidToken }),
    request,
  });
}
