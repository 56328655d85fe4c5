import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { migrations } from '../../migrations';
import { entities } from '../entities';
import { SnakeEmbeddedNamingStrategy } from './naming';
import { CountingLogger } from './query-counter';

export type LogSink = (level: 'warn' | 'error', message: string) => void;

export interface DatabaseConfig {
  /** postgres://… of a PostgreSQL server; when absent, an embedded PGlite is used. */
  databaseUrl?: string;
  /** Folder of the embedded database (created if missing). Ignored with databaseUrl or pglite. */
  dataDir?: string;
  /** An already opened PGlite (tests load a prepared dump into memory). Takes precedence over dataDir. */
  pglite?: PGlite;
  log?: LogSink;
}

export interface Database {
  dataSource: DataSource;
  /** 'embedded' (PGlite, PostgreSQL compiled to WebAssembly) or 'server'. */
  kind: 'embedded' | 'server';
  /** The embedded database, when kind is 'embedded'. */
  pglite?: PGlite;
  close(): Promise<void>;
}

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

/** Data source options for a PostgreSQL server (also what ormconfig.ts gives the TypeORM CLI). */
export function serverOptions(databaseUrl: string, log?: LogSink): DataSourceOptions {
  return { ...baseOptions(log), url: databaseUrl, poolSize: 10, applicationName: 'plangraph' };
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
    dataSource = new DataSource(serverOptions(config.databaseUrl, config.log));
  } else {
    pglite = config.pglite;
    if (!pglite) {
      const dataDir = config.dataDir ?? './.data';
      // PGlite does not create parent folders.
      mkdirSync(dataDir, { recursive: true });
      pglite = await PGlite.create({ dataDir });
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
  const owned = pglite && !config.pglite ? pglite : undefined;
  return {
    dataSource,
    kind: pglite ? 'embedded' : 'server',
    pglite,
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      if (owned && !owned.closed) await owned.close();
    },
  };
}
