import type { DataSource } from 'typeorm';
import type { QueryStats } from '../db/query-counter';
import type { Loaders } from '../loaders';

/** Everything a resolver may use for one request. Built per request by the server. */
export interface Context {
  db: DataSource;
  loaders: Loaders;
  /** SQL statements sent so far for this request. */
  stats: QueryStats;
}
