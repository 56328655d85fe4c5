import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger, QueryRunner } from 'typeorm';

/** Statistics of one unit of work (a GraphQL request, a CLI command): how many SQL statements it sent. */
export interface QueryStats {
  statements: number;
}

// The only per-request AsyncLocalStorage of the read path: TypeORM's logger has no other way to reach
// the request. It holds the request context's own stats object (RequestContext.stats), nothing else.
const scope = new AsyncLocalStorage<QueryStats>();

/**
 * Runs `fn` counting every statement TypeORM sends inside it into `stats` — the request context's
 * (src/context: runCounted(ctx, fn)); the server wraps each HTTP request's execution in it.
 */
export function withQueryStats<T>(stats: QueryStats, fn: () => T): T {
  return scope.run(stats, fn);
}

/**
 * A TypeORM logger that counts statements per unit of work (see withQueryStats) and reports failing
 * and slow queries. Counting lives here, not in tests, so the N+1 test measures exactly what the
 * server sends and a request can report its own statement count.
 */
export class CountingLogger implements Logger {
  constructor(private readonly sink?: (level: 'info' | 'warn' | 'error', message: string) => void) {}

  logQuery(_query: string, _parameters?: unknown[], _queryRunner?: QueryRunner): void {
    const stats = scope.getStore();
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
