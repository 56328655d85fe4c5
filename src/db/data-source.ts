import { mkdirSync } from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { migrations } from '../../migrations';
import { entities } from '../entities';
import { SnakeEmbeddedNamingStrategy } from './naming';
import { createPGlite } from './pglite';
import { PreparingClient } from './prepared-client';
import { CountingLogger } from './query-counter';

export type LogSink = (level: 'info' | 'warn' | 'error', message: string) => void;

export interface DatabaseConfig {
  /** postgres://… of a PostgreSQL server; when absent, an embedded PGlite is used. */
  databaseUrl?: string;
  /** Folder of the embedded database (created if missing). Ignored with databaseUrl or pglite. */
  dataDir?: string;
  /** An already opened PGlite (tests load a prepared dump into memory). Takes precedence over dataDir. */
  pglite?: PGlite;
  log?: LogSink;
  /** PostgreSQL statement_timeout in ms: a slow statement is cancelled by the server (default 10 s). */
  statementTimeoutMs?: number;
  /** How long to wait for a connection from a PostgreSQL server, in ms (default 5 s). */
  connectTimeoutMs?: number;
}

export interface Readiness {
  ready: boolean;
  /** Why not, in words safe to show anyone (no SQL, no connection details). */
  reason?: string;
}

export interface Database {
  dataSource: DataSource;
  /** 'embedded' (PGlite, PostgreSQL compiled to WebAssembly) or 'server'. */
  kind: 'embedded' | 'server';
  /** The embedded database, when kind is 'embedded'. */
  pglite?: PGlite;
  /** Database reachable and every migration applied; answers within about two seconds. */
  readiness(): Promise<Readiness>;
  close(): Promise<void>;
}

export const DEFAULT_STATEMENT_TIMEOUT_MS = 10_000;
export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
const READINESS_TIMEOUT_MS = 2_000;

function baseOptions(log?: LogSink) {
  return {
    type: 'postgres' as const,
    entities,
    migrations,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    namingStrategy: new SnakeEmbeddedNamingStrategy(),
    logger: new CountingLogger(log),
    // 'query' must be on for the counter to see every statement; the logger itself prints only problems.
    logging: ['query', 'error', 'warn'] as ('query' | 'error' | 'warn')[],
    maxQueryExecutionTime: 1000,
  };
}

/**
 * Data source options for a PostgreSQL server (also what ormconfig.ts gives the TypeORM CLI). The server
 * cancels a statement after statement_timeout and ends a session left idle inside a transaction; the
 * client gives up on a connection attempt after connectTimeoutMs and on a statement the server never
 * answers (a dead host) a little after statement_timeout, so requests fail cleanly instead of piling up.
 */
export function serverOptions(
  databaseUrl: string,
  log?: LogSink,
  timeouts: { statementTimeoutMs?: number; connectTimeoutMs?: number } = {},
): DataSourceOptions {
  const statementTimeout = timeouts.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
  return {
    ...baseOptions(log),
    url: databaseUrl,
    poolSize: 10,
    applicationName: 'plangraph',
    connectTimeoutMS: timeouts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    extra: {
      statement_timeout: statementTimeout,
      idle_in_transaction_session_timeout: statementTimeout * 3,
      query_timeout: statementTimeout + 5_000,
      keepAlive: true,
      idleTimeoutMillis: 30_000,
      // Reads as named prepared statements, parsed and planned once per connection (src/db/prepared-client.ts).
      Client: PreparingClient,
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Readiness probe: a round trip to the database and the list of applied migrations. */
function readinessProbe(dataSource: DataSource): () => Promise<Readiness> {
  let inFlight: Promise<Readiness> | undefined;
  const expected = dataSource.migrations.map((m) => m.name ?? m.constructor.name);
  const probe = async (): Promise<Readiness> => {
    if (!dataSource.isInitialized) return { ready: false, reason: 'database closed' };
    try {
      const rows = (await withTimeout(
        dataSource.query('SELECT name FROM typeorm_migrations'),
        READINESS_TIMEOUT_MS,
        'timed out',
      )) as { name: string }[];
      const applied = new Set(rows.map((r) => r.name));
      const pending = expected.filter((name) => !applied.has(name));
      if (pending.length > 0) return { ready: false, reason: `${pending.length} migration(s) not applied` };
      return { ready: true };
    } catch (error) {
      const timedOut = error instanceof Error && error.message === 'timed out';
      return { ready: false, reason: timedOut ? 'database did not answer in time' : 'database unreachable' };
    }
  };
  // One probe at a time: a storm of /readyz calls while the database hangs must not pile up queries.
  return () => {
    inFlight ??= probe().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };
}

/**
 * Opens the database and applies pending migrations. PGlite serves one connection: the pg config
 * from createPgConfig fixes the pool at one, which is why code inside a transaction must use the
 * transaction's manager (anything else would wait for the only connection forever).
 */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  let dataSource: DataSource;
  let pglite: PGlite | undefined;
  if (config.databaseUrl && !config.pglite) {
    dataSource = new DataSource(
      serverOptions(config.databaseUrl, config.log, {
        statementTimeoutMs: config.statementTimeoutMs,
        connectTimeoutMs: config.connectTimeoutMs,
      }),
    );
  } else {
    pglite = config.pglite;
    if (!pglite) {
      const dataDir = config.dataDir ?? './.data';
      // PGlite does not create parent folders.
      mkdirSync(dataDir, { recursive: true });
      pglite = await createPGlite({ dataDir });
    }
    dataSource = new DataSource({ ...baseOptions(config.log), extra: createPgConfig(pglite) });
  }
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  if (pglite) {
    // PGlite keeps its one session for the life of the data source, so a SET holds for every request.
    await dataSource.query(
      `SET statement_timeout = ${Math.trunc(config.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS)}`,
    );
  }
  const owned = pglite && !config.pglite ? pglite : undefined;
  return {
    dataSource,
    kind: pglite ? 'embedded' : 'server',
    pglite,
    readiness: readinessProbe(dataSource),
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      if (owned && !owned.closed) await owned.close();
    },
  };
}
