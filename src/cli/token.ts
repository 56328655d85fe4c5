import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { toGlobalId } from 'graphql-relay';
import { loadConfig, type Config } from '../config';
import { DataDirLockedError, lockDataDir } from '../db/data-dir-lock';
import { openDatabase } from '../db/data-source';
import { parseGlobalId } from '../graphql/global-id';
import { createToken, isRole, listTokens, revokeToken, TokenError } from '../services/auth';

const USAGE = `Usage:
  npm run token -- create --role editor|approver|admin --name NAME [--measure ID ...]
  npm run token -- list
  npm run token -- revoke ID
  npm run token -- measures      (each measure's ID for --measure, with its plan and title)

Works on DATABASE_URL, or on the embedded database in DATA_DIR (default ./.data). While the server
runs on the embedded database (it holds DATA_DIR), the command goes through that server's GraphQL API
instead: create, list and revoke then need an admin token in ADMIN_TOKEN (ADMIN_TOKEN=… npm run token
-- …); measures needs none. The output is the same either way. "create" prints the token once, alone
on its last line: only its hash is stored. --measure ID (repeatable) limits an editor to those
measures: ID is the measure's global ID from the API (Measure.id) or its database id. Without it an
editor may write to every measure.`;

/** A measure named by its global ID (as the API shows it) or its database id. */
function measureIdOf(arg: string): number {
  if (/^[0-9]+$/.test(arg)) return Number(arg);
  try {
    return parseGlobalId(arg, 'Measure').id;
  } catch {
    throw new TokenError(`--measure takes a measure's ID from the API (Measure.id) or its database id, not "${arg}".`);
  }
}

interface TokenRow {
  id: number;
  role: string;
  name: string;
  measureIds: number[];
  revokedAt: Date | null;
}

/** What the commands need, on the database itself or through the running server's API. */
interface Backend {
  create(input: { role: string; name: string; measureIds: number[] }): Promise<{ id: number; token: string }>;
  list(): Promise<TokenRow[]>;
  /** False when there is no such active token. */
  revoke(id: number): Promise<boolean>;
  /** Every measure, by plan code then database id. */
  measures(): Promise<{ id: number; plan: string; title: string }[]>;
  close(): Promise<void>;
}

async function direct(config: Config, unlock: () => void): Promise<Backend> {
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }).catch((error) => {
    unlock();
    throw error;
  });
  return {
    create: (input) => createToken(db.dataSource, input),
    list: () => listTokens(db.dataSource),
    revoke: (id) => revokeToken(db.dataSource, id),
    measures: async () =>
      (await db.dataSource.query(
        'SELECT m.id, p.code AS plan, m.title FROM measure m JOIN plan p ON p.id = m.plan_id ORDER BY p.code, m.id',
      )) as { id: number; plan: string; title: string }[],
    close: async () => {
      await db.close();
      unlock();
    },
  };
}

interface GraphqlError {
  message: string;
  extensions?: { code?: string };
}

/** An error the server answered; a refused ADMIN_TOKEN says which variable to change. */
class RemoteError extends Error {
  readonly code: string | undefined;
  constructor(error: GraphqlError) {
    const code = error.extensions?.code;
    super(
      code === 'UNAUTHENTICATED' || code === 'FORBIDDEN'
        ? `The running server refused ADMIN_TOKEN (${code}): ${error.message} Put an admin token in ADMIN_TOKEN.`
        : error.message,
    );
    this.code = code;
  }
}

/** The running server's API, as an admin (ADMIN_TOKEN) — `measures` reads public data and needs no token. */
function remote(url: string, adminToken: string | undefined): Backend {
  const call = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(adminToken ? { authorization: `Bearer ${adminToken}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json().catch(() => ({}))) as { data?: T; errors?: GraphqlError[] };
    const error = body.errors?.[0];
    if (error) throw new RemoteError(error);
    if (!body.data) throw new TokenError(`The server at ${url} answered ${res.status} without data.`);
    return body.data;
  };
  const numeric = (globalId: string) => parseGlobalId(globalId, 'Measure').id;
  return {
    async create({ role, name, measureIds }) {
      if (!isRole(role)) throw new TokenError(`Unknown role "${role}": use editor, approver or admin.`);
      const input = {
        role: role.toUpperCase(),
        name,
        ...(measureIds.length > 0
          ? { measureIds: measureIds.map((id) => toGlobalId('Measure', String(id))) }
          : role === 'editor'
            ? { allMeasures: true }
            : {}),
      };
      const data = await call<{ createApiToken: { token: string; apiToken: { id: string } } }>(
        'mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { token apiToken { id } } }',
        { input },
      );
      return { id: Number(data.createApiToken.apiToken.id), token: data.createApiToken.token };
    },
    async list() {
      const data = await call<{
        apiTokens: { id: string; name: string; role: string; revokedAt: string | null; measures: { id: string }[] }[];
      }>('{ apiTokens { id name role revokedAt measures { id } } }');
      return data.apiTokens.map((t) => ({
        id: Number(t.id),
        name: t.name,
        role: t.role.toLowerCase(),
        revokedAt: t.revokedAt === null ? null : new Date(t.revokedAt),
        measureIds: t.measures.map((m) => numeric(m.id)).sort((x, y) => x - y),
      }));
    },
    async revoke(id) {
      try {
        await call('mutation ($id: ID!) { revokeApiToken(id: $id) { id } }', { id: String(id) });
        return true;
      } catch (error) {
        if (error instanceof RemoteError && error.code === 'BAD_USER_INPUT') return false;
        throw error;
      }
    },
    async measures() {
      const data = await call<{ plans: { code: string; measures: { id: string; title: string }[] }[] }>(
        '{ plans { code measures { id title } } }',
      );
      return data.plans
        .flatMap((p) => p.measures.map((m) => ({ id: numeric(m.id), plan: p.code, title: m.title })))
        .sort((x, y) => (x.plan < y.plan ? -1 : x.plan > y.plan ? 1 : x.id - y.id));
    },
    close: async () => undefined,
  };
}

/** The server's URL as a client reaches it (a server on every interface answers on loopback). */
function reachable(url: string): string {
  const parsed = new URL(url);
  if (parsed.hostname === '0.0.0.0') parsed.hostname = '127.0.0.1';
  if (parsed.hostname === '[::]') parsed.hostname = '[::1]';
  return parsed.toString();
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(new URL('/healthz', url), { signal: AbortSignal.timeout(3_000) });
    return res.ok;
  } catch {
    return false;
  }
}

/**
 * The database itself (DATABASE_URL, or the embedded one when no process holds it), else the server
 * that holds the embedded database, through its API — found by the URL it wrote into the lock (or
 * HOST and PORT) and checked on /healthz.
 */
async function openBackend(config: Config, command: string): Promise<Backend> {
  if (config.databaseUrl) return direct(config, () => undefined);
  let unlock: () => void;
  try {
    unlock = lockDataDir(config.dataDir);
  } catch (error) {
    if (!(error instanceof DataDirLockedError)) throw error;
    const url = reachable(error.url ?? `http://${config.host}:${config.port}/graphql`);
    if (!(await answers(url))) {
      throw new TokenError(
        `${error.message} No plangraph server answers at ${url}: if it is a server still starting, try again ` +
          'in a moment; otherwise wait for that process to finish.',
      );
    }
    const adminToken = process.env.ADMIN_TOKEN || undefined;
    if (!adminToken && command !== 'measures') {
      throw new TokenError(
        `The server at ${url} (process ${error.pid}) holds the embedded database in ${config.dataDir}, so ` +
          `"token ${command}" goes through its API, which needs an admin token: run it as ` +
          `ADMIN_TOKEN=<an admin token> npm run token -- ${command} …, or stop the server and run it again.`,
      );
    }
    console.error(`(the server at ${url} holds ${config.dataDir}: going through its API)`);
    return remote(url, adminToken);
  }
  return direct(config, unlock);
}

const scopeOf = (measureIds: number[]) =>
  measureIds.length > 0 ? `measures ${[...new Set(measureIds)].join(', ')}` : 'every measure';

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
  const known = ['create', 'list', 'revoke', 'measures'];
  const id = Number(rest[0]);
  if (
    !known.includes(command) ||
    (command === 'create' && (!values.role || !values.name)) ||
    (command === 'revoke' && !Number.isInteger(id))
  ) {
    console.error(USAGE);
    return 2;
  }
  const measureIds = (values.measure ?? []).map(measureIdOf);
  const backend = await openBackend(loadConfig(process.env), command);
  try {
    switch (command) {
      case 'create': {
        const role = values.role!;
        const name = values.name!;
        const created = await backend.create({ role, name, measureIds });
        console.log(`Created ${role} token #${created.id} "${name}" (${scopeOf(measureIds)}). It is shown only now:`);
        console.log(created.token);
        return 0;
      }
      case 'list': {
        for (const t of await backend.list()) {
          const state = t.revokedAt ? `revoked ${t.revokedAt.toISOString()}` : 'active';
          console.log(`#${t.id}\t${t.role}\t${t.name}\t${scopeOf(t.measureIds)}\t${state}`);
        }
        return 0;
      }
      case 'revoke': {
        if (!(await backend.revoke(id))) {
          console.error(`No active token #${id}.`);
          return 1;
        }
        console.log(`Revoked token #${id}.`);
        return 0;
      }
      default: {
        for (const m of await backend.measures()) {
          console.log(`${toGlobalId('Measure', String(m.id))}\t${m.plan}\t${m.title}`);
        }
        return 0;
      }
    }
  } finally {
    await backend.close();
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known = error instanceof TokenError || error instanceof RemoteError;
    console.error(known ? (error as Error).message : `token command failed: ${String(error)}`);
    process.exit(1);
  },
);
