import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSchema } from '../graphql/schema';
import { printSchemaFile } from '../graphql/print';

/** Writes schema/schema.graphql from the code (`npm run schema`). A test fails when the file drifts. */
async function run(): Promise<void> {
  const path = join(process.cwd(), 'schema', 'schema.graphql');
  writeFileSync(path, printSchemaFile(await createSchema()));
  console.log(`wrote ${path}`);
}

run().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
