import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { openDatabase, type Database } from '../../src/db/data-source';
import { createSchema } from '../../src/graphql/schema';
import { seedBundledPlans } from '../../src/import/bundled';
import { createLogger } from '../../src/logger';
import { createToken } from '../../src/services/auth';
import { startServer, type RunningServer } from '../../src/server';
import { RECORD } from '../support/actuals';
import { postgresAvailable, startPostgresInstance, type PostgresInstance } from '../support/postgres-instance';

// Database faults, for real: these tests start their own PostgreSQL server in a temp folder (initdb,
// pg_ctl) on a free port — whatever DATABASE_URL says, since stopping the shared server is not
// allowed — and then lock, cancel, terminate and kill it under a running plangraph. They run on the
// embedded (PGlite) test run too: PGlite lives inside the process, so "the database stopped" or "the
// connection was killed" has no meaning there, and the faults are only meaningful on a server.

const root = join(__dirname, '..', '..');
const STATEMENT_TIMEOUT_MS = 1_500;
let pg: PostgresInstance;
let db: Database;
let server: RunningServer;
let base: string;
let editorToken: string;
const lines: string[] = [];

beforeAll(async () => {
  if (!postgresAvailable()) throw new Error('PostgreSQL binaries not found (set PG_BIN): the fault tests need them');
  pg = await startPostgresInstance();
  await admin('CREATE DATABASE plangraph', [], 'postgres');
  const setup = await openDatabase({ databaseUrl: pg.url('plangraph') });
  await seedBundledPlans(setup.dataSource);
  editorToken = (await createToken(setup.dataSource, { role: 'editor', name: 'fault-editor' })).token;
  await setup.close();
  db = await openDatabase({
    databaseUrl: pg.url('plangraph'),
    statementTimeoutMs: STATEMENT_TIMEOUT_MS,
    connectTimeoutMs: 1_000,
  });
  server = await startServer({
    schema: await createSchema(),
    db: db.dataSource,
    port: 0,
    log: createLogger('info', { write: (l: string) => void lines.push(l) }),
    rateLimit: false,
    readiness: db.readiness,
  });
  base = server.url.replace(/\/graphql$/, '');
}, 120_000);

let stopped = false;
async function stopInProcessServer(): Promise<void> {
  if (stopped) return;
  stopped = true;
  await server?.stop({ timeoutMs: 1_000 });
  await db?.close();
}

afterAll(async () => {
  await stopInProcessServer();
  pg?.destroy();
});

async function admin<T = unknown>(sql: string, params: unknown[] = [], database = 'plangraph'): Promise<T[]> {
  const client = new Client({ connectionString: pg.url(database) });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** An open transaction holding a lock, to keep plangraph's statements waiting. */
async function holdLock(sql: string): Promise<{ release(): Promise<void>; client: Client }> {
  const client = new Client({ connectionString: pg.url('plangraph') });
  client.on('error', () => undefined); // the server may be killed under it
  await client.connect();
  await client.query('BEGIN');
  await client.query(sql);
  return {
    client,
    async release() {
      await client.query('ROLLBACK').catch(() => undefined);
      await client.end().catch(() => undefined);
    },
  };
}

interface Res {
  status: number;
  text: string;
  retryAfter: string | null;
  body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

async function gql(query: string, variables?: unknown, token?: string, url = server.url): Promise<Res> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  return {
    status: res.status,
    text,
    retryAfter: res.headers.get('retry-after'),
    body: JSON.parse(text) as Res['body'],
  };
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check().catch(() => false)) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const waitingOnLock = async (n: number) =>
  (
    await admin<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'plangraph' AND wait_event_type = 'Lock'`,
    )
  )[0].n >= n;

const LEAKS = /SELECT|INSERT|relation|ECONNREFUSED|127\.0\.0\.1|terminat|at \w+ \(|node_modules/i;

describe('database faults', () => {
  it('a slow statement is cancelled by statement_timeout, cleanly, and nothing piles up', async () => {
    const lock = await holdLock('LOCK TABLE plan IN ACCESS EXCLUSIVE MODE');
    try {
      const started = Date.now();
      const results = await Promise.all(Array.from({ length: 5 }, () => gql('{ plans { code } }')));
      const elapsed = Date.now() - started;
      expect(elapsed).toBeLessThan(STATEMENT_TIMEOUT_MS + 3_000);
      for (const res of results) {
        expect(res.status).toBe(200);
        expect(res.body.errors?.[0]).toMatchObject({
          message: 'The operation took too long and was cancelled; ask for less data.',
          extensions: { code: 'TIMEOUT', requestId: expect.any(String) },
        });
        expect(res.text).not.toMatch(LEAKS);
      }
      const active = await admin<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'plangraph' AND state = 'active'`,
      );
      expect(active[0].n).toBe(0);
    } finally {
      await lock.release();
    }
    expect((await gql('{ plans { code } }')).body.data).toEqual({ plans: [{ code: 'arakawa' }] });
    expect(lines.join('')).toMatch(/canceling statement due to statement timeout/);
  });

  it('a mutation whose connection is killed inside its transaction leaves nothing behind', async () => {
    const found = await gql('{ indicators(filter: { planCode: "arakawa", search: "経常収支比率" }) { nodes { id } } }');
    const indicatorId = (found.body.data as { indicators: { nodes: { id: string }[] } }).indicators.nodes[0].id;
    const count = async () =>
      (
        await admin<{ a: number; r: number }>(
          'SELECT (SELECT count(*) FROM actual)::int AS a, (SELECT count(*) FROM actual_revision)::int AS r',
        )
      )[0];
    const before = await count();
    // SHARE mode lets the mutation read and write `actual`, but its INSERT into actual_revision waits.
    const lock = await holdLock('LOCK TABLE actual_revision IN SHARE MODE');
    let res: Res;
    try {
      const pending = gql(RECORD, { input: { indicatorId, fiscalYear: 2021, value: '88.0%' } }, editorToken);
      await waitFor('the mutation to wait on actual_revision', () => waitingOnLock(1), 10_000);
      // Half-way: the transaction has already written to `actual`.
      const [inside] = await admin<{ pid: number; wrote: boolean }>(
        `SELECT a.pid, EXISTS (SELECT 1 FROM pg_locks l WHERE l.pid = a.pid AND l.relation = 'actual'::regclass
                AND l.mode = 'RowExclusiveLock') AS wrote
           FROM pg_stat_activity a WHERE a.application_name = 'plangraph' AND a.wait_event_type = 'Lock'`,
      );
      expect(inside.wrote).toBe(true);
      await admin('SELECT pg_terminate_backend($1)', [inside.pid]);
      res = await pending;
    } finally {
      await lock.release();
    }
    expect(res.body.data ?? null).toBeNull();
    expect(res.body.errors?.[0]).toMatchObject({
      message: 'The database is unavailable; try again in a few seconds.',
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    });
    expect(res.status).toBe(503);
    expect(res.text).not.toMatch(LEAKS);
    expect(await count()).toEqual(before);
    // The pool replaced the dead connection: the same mutation now goes through.
    const again = await gql(RECORD, { input: { indicatorId, fiscalYear: 2021, value: '88.0%' } }, editorToken);
    expect(again.body.errors).toBeUndefined();
    expect(await count()).toEqual({ a: before.a + 1, r: before.r + 1 });
  });

  it.each(['the connection terminated', 'PostgreSQL killed'])(
    'importActuals losing its database half-way (%s): 503 SERVICE_UNAVAILABLE, nothing written',
    async (how) => {
      const count = async () => (await admin<{ r: number }>('SELECT count(*)::int AS r FROM actual_revision'))[0].r;
      const before = await count();
      const csv = [
        'plan_code,indicator_name,fiscal_year,value,note',
        'arakawa,経常収支比率,2022,87.0%,',
        'arakawa,経常収支比率,2023,86.0%,',
      ].join('\n');
      const lock = await holdLock('LOCK TABLE actual_revision IN SHARE MODE');
      let res: Res;
      try {
        const pending = gql(
          'mutation($csv: String!) { importActuals(csv: $csv, dryRun: false) { applied rows } }',
          { csv },
          editorToken,
        );
        await waitFor('the import to wait on actual_revision', () => waitingOnLock(1), 10_000);
        if (how === 'PostgreSQL killed') {
          pg.kill();
        } else {
          const [inside] = await admin<{ pid: number }>(
            `SELECT pid FROM pg_stat_activity WHERE application_name = 'plangraph' AND wait_event_type = 'Lock'`,
          );
          await admin('SELECT pg_terminate_backend($1)', [inside.pid]);
        }
        res = await pending;
      } finally {
        await lock.release();
        if (how === 'PostgreSQL killed') pg.start();
      }
      expect(lines.filter((l) => l.includes('"fault":"internal"'))).toEqual([]);
      expect(res.body.errors?.[0]).toMatchObject({
        message: 'The database is unavailable; try again in a few seconds.',
        extensions: { code: 'SERVICE_UNAVAILABLE', requestId: expect.any(String) },
      });
      expect(res.status).toBe(503);
      expect(res.retryAfter).toBe('5');
      expect(res.text).not.toMatch(LEAKS);
      await waitFor('/readyz to report ready', async () => (await fetch(`${base}/readyz`)).status === 200, 15_000);
      expect(await count()).toBe(before);
    },
    60_000,
  );

  it('PostgreSQL killed with requests in flight: clean errors, the process serves on, /readyz follows, recovery without restart', async () => {
    const lock = await holdLock('LOCK TABLE plan IN ACCESS EXCLUSIVE MODE');
    const inFlight = Promise.all([
      gql('{ plans { code } }'),
      gql('{ plans { code } }', undefined, editorToken),
      gql('{ plan(code: "arakawa") { title } }'),
    ]);
    await waitFor('requests waiting in the database', () => waitingOnLock(3), 10_000);
    pg.kill();
    try {
      for (const res of await inFlight) {
        expect(res.status).toBe(503);
        expect(res.retryAfter).toBe('5');
        expect(res.body.errors?.[0]).toMatchObject({
          message: 'The database is unavailable; try again in a few seconds.',
          extensions: { code: 'SERVICE_UNAVAILABLE', requestId: expect.any(String) },
        });
        expect(res.text).not.toMatch(LEAKS);
      }
      const notReadyAfter = await waitFor(
        '/readyz to report not ready',
        async () => (await fetch(`${base}/readyz`)).status === 503,
        5_000,
      );
      expect(notReadyAfter).toBeLessThan(5_000);
      expect(await (await fetch(`${base}/readyz`)).json()).toEqual({
        status: 'not ready',
        reason: 'database unreachable',
      });
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      // While it is down: anonymous and authenticated requests alike get a clean 503.
      for (const token of [undefined, editorToken]) {
        const down = await gql('{ plans { code } }', undefined, token);
        expect(down.status).toBe(503);
        expect(down.body.errors?.[0].extensions?.code).toBe('SERVICE_UNAVAILABLE');
        expect(down.text).not.toMatch(LEAKS);
      }
    } finally {
      await lock.release();
      pg.start();
    }
    await waitFor('/readyz to report ready', async () => (await fetch(`${base}/readyz`)).status === 200, 15_000);
    expect((await gql('{ plans { code } }')).body).toMatchObject({ data: { plans: [{ code: 'arakawa' }] } });
    expect((await gql('{ plans { code } }', undefined, editorToken)).body.errors).toBeUndefined();
  }, 60_000);
});

describe('SIGTERM (the compiled server as a process)', () => {
  let out: string;
  const children = new Set<ChildProcess>();

  beforeAll(async () => {
    // Only the child process may connect from here on (the test counts its connections).
    await stopInProcessServer();
    // A private build, so that a parallel test file's build of dist/ cannot interfere.
    out = join(root, '.test-cache', `faults-${process.pid}`);
    execFileSync(
      process.execPath,
      [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json', '--outDir', out],
      { cwd: root, stdio: 'inherit' },
    );
    mkdirSync(out, { recursive: true });
    symlinkSync(join(root, 'seeds'), join(out, 'seeds'));
    symlinkSync(join(root, 'schema'), join(out, 'schema'));
  }, 120_000);

  afterAll(() => {
    for (const child of children) child.kill('SIGKILL');
    rmSync(out, { recursive: true, force: true });
  });

  async function start(extraEnv: Record<string, string> = {}) {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: pg.url('plangraph'),
      PORT: '0',
      LOG_LEVEL: 'info',
      ...extraEnv,
    };
    delete env.NODE_ENV;
    const child = spawn(process.execPath, [join(out, 'src', 'main.js')], { cwd: root, env });
    children.add(child);
    let log = '';
    child.stdout.on('data', (d: Buffer) => (log += d.toString()));
    child.stderr.on('data', (d: Buffer) => (log += d.toString()));
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => {
        children.delete(child);
        resolve(code);
      }),
    );
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${log}`)), 60_000);
      const check = () => {
        const match = /listening on (http:\/\/[^\s"]+)/.exec(log);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      };
      child.stdout.on('data', check);
      void exited.then((code) => reject(new Error(`server exited with ${code}:\n${log}`)));
    });
    return { child, url, exited, log: () => log };
  }

  const connections = async () =>
    (
      await admin<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'plangraph'`)
    )[0].n;

  it('stops accepting, finishes the request in flight, closes the pool and exits 0', async () => {
    const s = await start({ SHUTDOWN_TIMEOUT_MS: '10000' });
    const lock = await holdLock('LOCK TABLE plan IN ACCESS EXCLUSIVE MODE');
    let res: Res;
    try {
      const pending = gql('{ plans { code } }', undefined, undefined, s.url);
      await waitFor('the request to wait in the database', () => waitingOnLock(1), 10_000);
      s.child.kill('SIGTERM');
      await waitFor(
        'the listener to close',
        async () => {
          try {
            await fetch(s.url.replace(/\/graphql$/, '/healthz'));
            return false;
          } catch {
            return true;
          }
        },
        5_000,
      );
      await lock.release();
      res = await pending;
    } finally {
      await lock.release();
    }
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ plans: [{ code: 'arakawa' }] });
    expect(await s.exited).toBe(0);
    expect(s.log()).toContain('database closed');
    await waitFor('the pool to be closed', async () => (await connections()) === 0, 5_000);
  }, 90_000);

  it('a request that does not finish in time is cut off after SHUTDOWN_TIMEOUT_MS, and the exit is still 0', async () => {
    const s = await start({ SHUTDOWN_TIMEOUT_MS: '1000', STATEMENT_TIMEOUT_MS: '30000' });
    const lock = await holdLock('LOCK TABLE plan IN ACCESS EXCLUSIVE MODE');
    try {
      const pending = gql('{ plans { code } }', undefined, undefined, s.url).catch((e: Error) => e);
      await waitFor('the request to wait in the database', () => waitingOnLock(1), 10_000);
      const started = Date.now();
      s.child.kill('SIGTERM');
      expect(await s.exited).toBe(0);
      expect(Date.now() - started).toBeLessThan(8_000);
      // The connection was closed under the request: the client sees a network error, not a response.
      expect(await pending).not.toHaveProperty('status');
    } finally {
      await lock.release();
    }
  }, 90_000);
});
