import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { adminQuery, env } from './database';

export default async function globalTeardown(): Promise<void> {
  const template = env.templateDb();
  if (env.serverUrl && template) await adminQuery(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
  const dump = env.dumpFile();
  if (dump) rmSync(dirname(dump), { recursive: true, force: true });
}
