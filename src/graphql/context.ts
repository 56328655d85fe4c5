import type { DataSource } from 'typeorm';
import type { QueryStats } from '../db/query-counter';
import type { Loaders } from '../loaders';
import type { User } from '../services/auth';

/** Everything a resolver may use for one request. Built per request by the server. */
export interface Context {
  db: DataSource;
  loaders: Loaders;
  /** SQL statements sent so far for this request. */
  stats: QueryStats;
  /** The token holder making the request; null for anonymous callers. */
  user: User | null;
  /** True when an Authorization header was sent but its token is unknown or revoked. */
  invalidToken: boolean;
}
