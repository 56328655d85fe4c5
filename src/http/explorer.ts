import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** schema/operations/, found from the sources (src/http) and from the compiled code (dist/src/http). */
function operationsDir(): string | undefined {
  for (const dir of [
    join(__dirname, '..', '..', 'schema', 'operations'),
    join(__dirname, '..', '..', '..', 'schema', 'operations'),
  ]) {
    try {
      readdirSync(dir);
      return dir;
    } catch {
      // try the next one
    }
  }
  return undefined;
}

/** Every example operation of schema/operations/, in one document for the explorer (run any of them). */
export function exampleOperations(): string {
  const dir = operationsDir();
  if (!dir) return '{ plans { code title } }';
  return readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8').trim())
    .join('\n\n');
}

/** Sample values for the examples' variables, by name: the plan code given, and harmless defaults. */
export function exampleVariables(document: string, planCode: string | undefined): Record<string, unknown> {
  const names = new Set([...document.matchAll(/\$([A-Za-z_]\w*)\s*:/g)].map((m) => m[1]));
  const values: Record<string, unknown> = {};
  for (const name of names) {
    if (/code$/i.test(name) && planCode) values[name] = planCode;
    else if (/search|name|text/i.test(name)) values[name] = '';
  }
  return values;
}
