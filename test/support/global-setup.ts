import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPGlite } from '../../src/db/pglite';
import { openDatabase } from '../../src/db/data-source';
import { seedBundledPlans } from '../../src/import/bundled';
import { adminQuery, databaseUrl, env } from './database';
import { ensureDashboardBuilt } from './dashboard-build';

/** Builds the migrated, seeded database once per run; test files copy it (see database.ts). */
export default async function globalSetup(): Promise<void> {
  ensureDashboardBuilt();
  if (env.serverUrl) {
    const template = `plangraph_tpl_${randomBytes(6).toString('hex')}`;
    await adminQuery(`CREATE DATABASE ${template}`);
    const db = await openDatabase({ databaseUrl: databaseUrl(env.serverUrl, template) });
    await seedBundledPlans(db.dataSource);
    await db.close();
    process.env.PLANGRAPH_TEST_TEMPLATE = template;
    console.log(`\n[plangraph tests] PostgreSQL server ${new URL(env.serverUrl).host}, template ${template}`);
    return;
  }
  const pglite = await createPGlite();
  const db = await openDatabase({ pglite });
  await seedBundledPlans(db.dataSource);
  await db.dataSource.destroy();
  const dump = await pglite.dumpDataDir('none');
  await pglite.close();
  const dir = mkdtempSync(join(tmpdir(), 'plangraph-test-'));
  const file = join(dir, 'seeded.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  process.env.PLANGRAPH_TEST_DUMP = file;
  console.log('\n[plangraph tests] embedded PGlite (set DATABASE_URL to run on a PostgreSQL server)');
}
