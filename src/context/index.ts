import type { DataSource } from 'typeorm';
import { countedDataSource, type QueryStats } from '../db/query-counter';
import { createLoaders, type Loaders } from '../loaders';
import type { User } from '../services/auth';
import { createViewer, type Viewer } from './viewer';

export { createViewer, type ActualScope, type Viewer } from './viewer';

/**
 * Everything one unit of work (a GraphQL request, a CLI command, a test) reads with: the database, who
 * is asking, the request's DataLoaders and its statement count. It knows nothing of HTTP or GraphQL;
 * the server builds one per request, a test or a command builds one with `createRequestContext`.
 */
export interface RequestContext {
  /** The database, as a view that counts every statement sent through it into `stats` (db/query-counter). */
  db: DataSource;
  viewer: Viewer;
  /** Created lazily, on first use, and never shared between contexts. */
  loaders: Loaders;
  /** SQL statements sent so far for this unit of work (see db/query-counter). */
  stats: QueryStats;
}

export function createRequestContext(options: {
  db: DataSource;
  user?: User | null;
  invalidToken?: boolean;
  stats?: QueryStats;
}): RequestContext {
  const stats = options.stats ?? { statements: 0 };
  const db = countedDataSource(options.db, stats);
  return {
    db,
    viewer: createViewer(options.user ?? null, options.invalidToken ?? false),
    loaders: createLoaders(db),
    stats,
  };
}
