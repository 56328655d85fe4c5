import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { toGlobalId } from 'graphql-relay';
import { loadConfig } from '../config';
import { lockDataDir } from '../db/data-dir-lock';
import { openDatabase } from '../db/data-source';
import { parseGlobalId } from '../graphql/global-id';
import { createToken, listTokens, revokeToken, TokenError } from '../services/auth';

const USAGE = `Usage:
  npm run token -- create --role editor|approver|admin --name NAME [--measure ID ...]
  npm run token -- list
  npm run token -- revoke ID
  npm run token -- measures      (each measure's ID for --measure, with its plan and title)

Works on DATABASE_URL, or on the embedded database in DATA_DIR (default ./.data) while the server is
stopped. The database is migrated first. "create" prints the token once, alone on its last line: only
its hash is stored. --measure ID (repeatable) limits an editor to those measures: ID is the measure's
global ID from the API (Measure.id) or its database id. Without it an editor may write to every measure.`;

/** A measure named by its global ID (as the API shows it) or its database id. */
function measureIdOf(arg: string): number {
  if (/^[0-9]+$/.test(arg)) return Number(arg);
  try {
    return parseGlobalId(arg, 'Measure').id;
  } catch {
    throw new TokenError(`--measure takes a measure's ID from the API (Measure.id) or its database id, not "${arg}".`);
  }
}

async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      name: { type: 'string' },
      measure: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const config = loadConfig(process.env);
  const unlock = config.databaseUrl ? () => undefined : lockDataDir(config.dataDir);
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    switch (command) {
      case 'create': {
        if (!values.role || !values.name) {
          console.error(USAGE);
          return 2;
        }
        const measureIds = (values.measure ?? []).map(measureIdOf);
        const { id, token } = await createToken(db.dataSource, { role: values.role, name: values.name, measureIds });
        const scope = measureIds.length > 0 ? `measures ${measureIds.join(', ')}` : 'every measure';
        console.log(`Created ${values.role} token #${id} "${values.name}" (${scope}). It is shown only now:`);
        console.log(token);
        return 0;
      }
      case 'list': {
        for (const t of await listTokens(db.dataSource)) {
          const scope = t.measureIds.length > 0 ? `measures ${t.measureIds.join(', ')}` : 'every measure';
          const state = t.revokedAt ? `revoked ${t.revokedAt.toISOString()}` : 'active';
          console.log(`#${t.id}\t${t.role}\t${t.name}\t${scope}\t${state}`);
        }
        return 0;
      }
      case 'revoke': {
        const id = Number(rest[0]);
        if (!Number.isInteger(id)) {
          console.error(USAGE);
          return 2;
        }
        if (!(await revokeToken(db.dataSource, id))) {
          console.error(`No active token #${id}.`);
          return 1;
        }
        console.log(`Revoked token #${id}.`);
        return 0;
      }
      case 'measures': {
        const rows = (await db.dataSource.query(
          'SELECT m.id, p.code AS plan, m.title FROM measure m JOIN plan p ON p.id = m.plan_id ORDER BY p.code, m.id',
        )) as { id: number; plan: string; title: string }[];
        for (const m of rows) console.log(`${toGlobalId('Measure', String(m.id))}\t${m.plan}\t${m.title}`);
        return 0;
      }
      default:
        console.error(USAGE);
        return 2;
    }
  } finally {
    await db.close();
    unlock();
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof TokenError ? error.message : `token command failed: ${String(error)}`);
    process.exit(1);
  },
);
