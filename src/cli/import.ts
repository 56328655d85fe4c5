import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { lockDataDir } from '../db/data-dir-lock';
import { openDatabase } from '../db/data-source';
import { bundledDefaults, readOverrides } from '../import/bundled';
import { reportFatal, startupMessage } from '../startup-errors';
import { importPlan } from '../import/import-plan';

const USAGE = `Usage: npm run import -- <file> --plan-code <code> [--title <title>] [--overrides <file.json>] [--replace]
                         [--previous <code>]

Imports a plan document (the Arakawa chapter's style) into the database named by DATABASE_URL, or into
the embedded database in DATA_DIR (default ./.data; stop the server first). Prints what it created and
every warning. Importing the same file again changes nothing.
With --previous, the document is the next term of that plan: its policies, measures, projects and indicators
are matched to the previous term's (Plan.previous/next, Indicator.predecessor, Plan.changesFromPrevious);
what cannot be matched is a warning with the closest candidates. The overrides file's "lineage" key forces or
forbids indicator matches.`;

/** A failure already said as a sentence. */
class CliError extends Error {}

/** The file's text, or a sentence saying why it cannot be read (never a bare ENOENT). */
function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why =
      code === 'ENOENT'
        ? 'does not exist'
        : code === 'EACCES' || code === 'EPERM'
          ? 'cannot be read (permission denied)'
          : code === 'EISDIR'
            ? 'is a folder, not a file'
            : 'cannot be read';
    throw new CliError(`The ${what} ${path} ${why}; check the path (relative to ${process.cwd()}).`);
  }
}

async function run(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'plan-code': { type: 'string' },
      title: { type: 'string' },
      overrides: { type: 'string' },
      replace: { type: 'boolean', default: false },
      previous: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const file = positionals[0];
  const code = values['plan-code'];
  if (!file || !code || positionals.length > 1) {
    console.error(USAGE);
    return 2;
  }
  const text = readText(file, 'plan document');
  const defaults = bundledDefaults(file, code);
  const overridesPath = values.overrides ?? defaults.overridesPath;
  if (values.overrides) readText(values.overrides, 'overrides file');
  const config = loadConfig(process.env);
  const unlock = config.databaseUrl ? () => undefined : lockDataDir(config.dataDir);
  let db: Awaited<ReturnType<typeof openDatabase>>;
  try {
    db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  } catch (error) {
    unlock();
    const line = startupMessage(error, { databaseUrl: config.databaseUrl });
    if (line) throw new CliError(line);
    throw error;
  }
  try {
    const result = await importPlan(db.dataSource, {
      code,
      text,
      sourceName: basename(file),
      title: values.title ?? defaults.title,
      overrides: overridesPath ? readOverrides(overridesPath) : undefined,
      replace: values.replace,
      previous: values.previous,
    });
    const verb = { created: 'Created', unchanged: 'Already imported, unchanged:', replaced: 'Replaced' }[result.status];
    const c = result.counts;
    console.log(`${verb} plan "${result.code}" from ${basename(file)}`);
    console.log(
      `  policies ${c.policies}, measures ${c.measures}, projects ${c.projects}, indicators ${c.indicators}, ` +
        `targets ${c.targets}, footnotes ${c.footnotes}`,
    );
    console.log(`  warnings: ${result.warnings.length}`);
    for (const warning of result.warnings) console.log(`  - ${warning}`);
    return 0;
  } finally {
    await db.close();
    unlock();
  }
}

run().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.exit(reportFatal(`import failed, nothing was written: ${message}`, error));
  },
);
