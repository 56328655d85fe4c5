import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { openDatabase } from '../../src/db/data-source';
import { seedBundledPlans } from '../../src/import/bundled';
import { adminQuery, databaseUrl, env } from './database';
import { postgresAvailable, startPostgresInstance } from './postgres-instance';

// A seeded database on a PostgreSQL server that several processes can share (LISTEN/NOTIFY across processes,
// two dispatchers, a server killed with kill -9): a scratch copy of the run's template on DATABASE_URL, or, on
// an embedded (PGlite) run, a throwaway PostgreSQL server of its own (as the fault tests do). `empty` gives a
// database with no tables at all (openDatabase migrates it), as a server has on its first start.

export interface ServerDatabase {
  url: string;
  close(): Promise<void>;
}

export async function openServerDatabase(options: { empty?: boolean } = {}): Promise<ServerDatabase> {
  const template = env.templateDb();
  if (env.serverUrl && template) {
    const name = `plangraph_w_${randomBytes(6).toString('hex')}`;
    await adminQuery(options.empty ? `CREATE DATABASE ${name}` : `CREATE DATABASE ${name} TEMPLATE ${template}`);
    return {
      url: databaseUrl(env.serverUrl, name),
      close: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
    };
  }
  if (!postgresAvailable()) throw new Error('PostgreSQL binaries not found (set PG_BIN): these tests need a server');
  const pg = await startPostgresInstance();
  const admin = new Client({ connectionString: pg.url('postgres') });
  await admin.connect();
  await admin.query('CREATE DATABASE plangraph');
  await admin.end();
  if (!options.empty) {
    const setup = await openDatabase({ databaseUrl: pg.url('plangraph') });
    await seedBundledPlans(setup.dataSource);
    await setup.close();
  }
  return {
    url: pg.url('plangraph'),
    async close() {
      pg.destroy();
    },
  };
}
