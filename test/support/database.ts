import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createPGlite } from '../../src/db/pglite';
import { Client } from 'pg';
import { openDatabase, type Database } from '../../src/db/data-source';

// One migrated, seeded database is built per test run (global-setup.ts); every test file gets its own
// copy of it: a PGlite loaded from the dump, or a server database created from the template.

export const env = {
  /** Server under test (postgres://…); unset → embedded PGlite. */
  serverUrl: process.env.DATABASE_URL || undefined,
  dumpFile: () => process.env.PLANGRAPH_TEST_DUMP,
  templateDb: () => process.env.PLANGRAPH_TEST_TEMPLATE,
};

export function databaseUrl(base: string, database: string): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function adminQuery(sql: string): Promise<void> {
  const client = new Client({ connectionString: env.serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface TestDatabase extends Database {
  /** Name of the scratch database on the server, if any. */
  name?: string;
}

/** A private copy of the seeded database for one test file. */
export async function openSeededCopy(): Promise<TestDatabase> {
  if (env.serverUrl) {
    const template = env.templateDb();
    if (!template) throw new Error('PLANGRAPH_TEST_TEMPLATE is not set: run the tests through jest (global setup)');
    const name = `plangraph_t_${randomBytes(6).toString('hex')}`;
    await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    const db = await openDatabase({ databaseUrl: databaseUrl(env.serverUrl, name) });
    return {
      ...db,
      name,
      async close() {
        await db.close();
        await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      },
    };
  }
  const dump = env.dumpFile();
  if (!dump) throw new Error('PLANGRAPH_TEST_DUMP is not set: run the tests through jest (global setup)');
  const pglite = await createPGlite({ loadDataDir: new Blob([readFileSync(dump)]) });
  const db = await openDatabase({ pglite });
  return {
    ...db,
    async close() {
      await db.close();
      await pglite.close();
    },
  };
}

/** An empty, migrated database (no plan imported) for tests of the importer and the constraints. */
export async function openEmpty(): Promise<TestDatabase> {
  if (env.serverUrl) {
    const name = `plangraph_e_${randomBytes(6).toString('hex')}`;
    await adminQuery(`CREATE DATABASE ${name}`);
    const db = await openDatabase({ databaseUrl: databaseUrl(env.serverUrl, name) });
    return {
      ...db,
      name,
      async close() {
        await db.close();
        await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      },
    };
  }
  const pglite = await createPGlite();
  const db = await openDatabase({ pglite });
  return {
    ...db,
    async close() {
      await db.close();
      await pglite.close();
    },
  };
}
