import { DataSource, type EntityManager, type Logger, type QueryRunner, type ReplicationMode } from 'typeorm';

/** Statistics of one unit of work (a GraphQL request, a CLI command): how many SQL statements it sent. */
export interface QueryStats {
  statements: number;
}

/** Where a counted query runner keeps the stats it counts into (TypeORM's QueryRunner.data is ours to use). */
const STATS = 'plangraphStats';

const BASE = Symbol('shared data source');
const VIEW_STATS = Symbol('view stats');
const VIEW_MANAGER = Symbol('view manager');

interface CountedView extends DataSource {
  [BASE]: DataSource;
  [VIEW_STATS]: QueryStats;
  [VIEW_MANAGER]?: EntityManager;
}

/** Per shared data source, the prototype of its counted views (made once, so a view costs one object). */
const viewPrototypes = new WeakMap<DataSource, object>();

function viewPrototype(base: DataSource): object {
  let proto = viewPrototypes.get(base);
  if (!proto) {
    proto = Object.create(base, {
      [BASE]: { value: base },
      createQueryRunner: {
        value(this: CountedView, mode?: ReplicationMode): QueryRunner {
          // DataSource's own createQueryRunner with `this` = the view: the runner's manager is the view's too.
          const runner = DataSource.prototype.createQueryRunner.call(this, mode);
          (runner.data as Record<string, unknown>)[STATS] = this[VIEW_STATS];
          return runner;
        },
      },
      // DataSource.transaction, getRepository and query reach the database through `this.manager`: the view's.
      manager: {
        get(this: CountedView): EntityManager {
          return (this[VIEW_MANAGER] ??= base.createEntityManager.call(this));
        },
      },
    }) as object;
    viewPrototypes.set(base, proto);
  }
  return proto;
}

/**
 * A view of `ds` for one unit of work (the request context's `db`, src/context): the same pool, driver and
 * metadata, but every query runner it creates — for `query`, repositories, query builders and transactions
 * alike — carries `stats`, and CountingLogger counts each statement sent through such a runner. This is how
 * a request counts its own statements without an AsyncLocalStorage (whose promise hooks cost every request
 * of every workload): statements are counted where they are sent, through the context's `db`. Work that
 * uses the shared data source itself (authentication at the door, the event feed, the webhook dispatcher)
 * is not counted into any request.
 */
export function countedDataSource(ds: DataSource, stats: QueryStats): DataSource {
  const view = Object.create(viewPrototype(sharedDataSource(ds))) as CountedView;
  view[VIEW_STATS] = stats;
  return view;
}

/** The data source a counted view was made from (caches that live as long as the data source key on it). */
export function sharedDataSource(ds: DataSource): DataSource {
  return (ds as { [BASE]?: DataSource })[BASE] ?? ds;
}

/**
 * A TypeORM logger that counts statements per unit of work (see countedDataSource) and reports failing
 * and slow queries. Counting lives here, not in tests, so the N+1 test measures exactly what the
 * server sends and a request can report its own statement count.
 */
export class CountingLogger implements Logger {
  constructor(private readonly sink?: (level: 'info' | 'warn' | 'error', message: string) => void) {}

  logQuery(_query: string, _parameters?: unknown[], queryRunner?: QueryRunner): void {
    const stats = (queryRunner?.data as Record<string, QueryStats | undefined> | undefined)?.[STATS];
    if (stats) stats.statements += 1;
  }

  logQueryError(error: string | Error, query: string): void {
    this.sink?.('error', `query failed: ${error instanceof Error ? error.message : error} — ${query}`);
  }

  logQuerySlow(time: number, query: string): void {
    this.sink?.('warn', `slow query (${time} ms): ${query}`);
  }

  logSchemaBuild(message: string): void {
    this.sink?.('info', message);
  }

  logMigration(message: string): void {
    this.sink?.('info', message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    this.sink?.(level === 'warn' ? 'warn' : 'info', String(message));
  }
}
