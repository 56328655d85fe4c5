import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Reads an example operation from schema/operations/ (each one is run by a test). */
export function operation(name: string): string {
  return readFileSync(join(__dirname, '..', '..', 'schema', 'operations', `${name}.graphql`), 'utf8');
}
