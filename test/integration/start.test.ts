import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { adminQuery, databaseUrl, env } from '../support/database';

// The README's promise, end to end: the compiled server starts on an empty database, migrates,
// imports the bundled plan once, answers over HTTP, stops on SIGTERM, and a second start reuses the
// data. The import command works on the same database while the server is stopped.

const root = join(__dirname, '..', '..');
let dataDir: string;
let childEnv: NodeJS.ProcessEnv;
let scratch: string | undefined;
const children = new Set<ChildProcess>();

beforeAll(async () => {
  execFileSync(
    process.execPath,
    [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  dataDir = mkdtempSync(join(tmpdir(), 'plangraph-start-'));
  childEnv = { ...process.env, PORT: '0', DATA_DIR: join(dataDir, 'nested', 'db'), LOG_LEVEL: 'info' };
  delete childEnv.DATABASE_URL;
  // As a user runs it: Jest's NODE_ENV=test would hide Apollo's production behaviour (signal handlers).
  delete childEnv.NODE_ENV;
  if (env.serverUrl) {
    scratch = `plangraph_s_${randomBytes(6).toString('hex')}`;
    await adminQuery(`CREATE DATABASE ${scratch}`);
    childEnv.DATABASE_URL = databaseUrl(env.serverUrl, scratch);
  }
}, 180_000);

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
  if (scratch) await adminQuery(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
});

interface Started {
  child: ChildProcess;
  url: string;
  log: () => string;
}

async function start(env: NodeJS.ProcessEnv = childEnv): Promise<Started> {
  const child = spawn(process.execPath, [join(root, 'dist', 'src', 'main.js')], { cwd: root, env });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 90_000);
    const check = () => {
      const match = /listening on (http:\/\/[^\s"]+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
  return { child, url, log: () => out };
}

async function stop(s: Started): Promise<number | null> {
  return new Promise((resolve) => {
    s.child.once('exit', (code) => resolve(code));
    s.child.kill('SIGTERM');
  });
}

interface Result {
  data?: Record<string, unknown>;
  errors?: { message: string; extensions?: { code?: string } }[];
}

async function query(url: string, q: string, variables: Record<string, unknown> = {}, token?: string): Promise<Result> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: q, variables }),
  });
  return (await res.json()) as Result;
}

function cli(name: string, args: string[], env: NodeJS.ProcessEnv = childEnv): string {
  return execFileSync(process.execPath, [join(root, 'dist', 'src', 'cli', `${name}.js`), ...args], {
    cwd: root,
    env,
    encoding: 'utf8',
  });
}

describe('npm start', () => {
  it('starts on an empty database, imports the bundled plan once, and reuses it on the next start', async () => {
    const first = await start();
    expect(first.log()).toContain('imported bundled plan arakawa: 8 measures');
    expect(first.log()).toMatch(/GraphQL explorer: open http:\/\/127\.0\.0\.1:\d+\/graphql/);
    const res = await query(first.url, '{ plans { code policies { number } } }');
    expect(res.data).toEqual({ plans: [{ code: 'arakawa', policies: [{ number: 14 }, { number: 15 }] }] });
    expect(await stop(first)).toBe(0);

    const second = await start();
    expect(second.log()).not.toContain('imported bundled plan');
    const again = await query(second.url, '{ indicators(filter: { planCode: "arakawa" }) { totalCount } }');
    expect((again.data as { indicators: { totalCount: number } }).indicators.totalCount).toBeGreaterThan(50);
    expect(await stop(second)).toBe(0);
  }, 180_000);

  it('npm run import imports another document and prints a summary with every warning', () => {
    const file = join(dataDir, 'other-city.txt');
    writeFileSync(
      file,
      [
        '# 計画推進',
        '政策 3 : 開かれた市政',
        '## 施策名',
        '### 「市民参加の推進」',
        '#### 目的・方向性',
        '市民とともに進めます。',
        '#### 成果指標',
        '指標\t本年度 (見込み)\t実施計画 (第1期)\t\t\t基本計画 最終年度',
        '\t5年度\t6年度\t7年度\t8年度\t12年度',
        '審議会の公募委員の割合\t10%\t12%\t14%\t16%\t20%',
        '',
      ].join('\n'),
    );
    const output = execFileSync(
      process.execPath,
      [join(root, 'dist', 'src', 'cli', 'import.js'), file, '--plan-code', 'other-city'],
      {
        cwd: root,
        env: childEnv,
        encoding: 'utf8',
      },
    );
    expect(output).toContain('Created plan "other-city"');
    expect(output).toMatch(/policies 1, measures 1, projects 0, indicators 1, targets 5, footnotes 0/);
    expect(output).toMatch(/warnings: \d+/);

    const repeat = execFileSync(
      process.execPath,
      [join(root, 'dist', 'src', 'cli', 'import.js'), file, '--plan-code', 'other-city'],
      {
        cwd: root,
        env: childEnv,
        encoding: 'utf8',
      },
    );
    expect(repeat).toContain('Already imported, unchanged');
  }, 120_000);

  it('npm run token creates a token that works against the server, lists and revokes it; ADMIN_TOKEN registers an admin', async () => {
    const created = cli('token', ['create', '--role', 'editor', '--name', 'cli-editor']).trim().split('\n');
    const token = created[created.length - 1];
    expect(token).toMatch(/^plg_[A-Za-z0-9_-]{40,}$/);
    const adminToken = 'admin-token-for-tests-0123456789';
    const server = await start({ ...childEnv, ADMIN_TOKEN: adminToken });
    expect(server.log()).toContain('ADMIN_TOKEN registered');
    const found = await query(
      server.url,
      '{ indicators(filter: { planCode: "arakawa", search: "経常収支比率" }) { nodes { id } } }',
    );
    const indicatorId = (found.data as { indicators: { nodes: { id: string }[] } }).indicators.nodes[0].id;
    const record = `mutation($i: ID!) { recordActual(input: { indicatorId: $i, fiscalYear: 2021, value: "88.0%" }) { id status } }`;
    const recorded = await query(server.url, record, { i: indicatorId }, token);
    expect(recorded.errors).toBeUndefined();
    const id = (recorded.data as { recordActual: { id: string } }).recordActual.id;
    await query(server.url, 'mutation($id: ID!) { submitActual(id: $id) { status } }', { id }, token);
    const approved = await query(
      server.url,
      'mutation($id: ID!) { approveActual(id: $id) { status } }',
      { id },
      adminToken,
    );
    expect(approved.data).toEqual({ approveActual: { status: 'APPROVED' } });
    expect(await stop(server)).toBe(0);

    const list = cli('token', ['list']);
    const line = list.split('\n').find((l) => l.includes('cli-editor'))!;
    expect(line).toMatch(/editor\tcli-editor\tevery measure\tactive/);
    expect(list).not.toContain(token);
    const tokenId = /^#(\d+)/.exec(line)![1];
    expect(cli('token', ['revoke', tokenId])).toContain(`Revoked token #${tokenId}`);
    const measures = cli('token', ['measures']).trim().split('\n');
    const zaisei = measures.find((l) => l.endsWith('\tarakawa\t健全な財政運営'))!;
    expect(Buffer.from(zaisei.split('\t')[0], 'base64').toString()).toMatch(/^Measure:\d+$/);

    const again = await start();
    const refused = await query(again.url, record.replace('2021', '2022'), { i: indicatorId }, token);
    expect(refused.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(await stop(again)).toBe(0);
  }, 180_000);

  it('npm run token works while the embedded server runs: through its API with ADMIN_TOKEN, a sentence without it', async () => {
    // The embedded database is what the server holds (on a server run, a folder of its own).
    const embedded: NodeJS.ProcessEnv = { ...childEnv };
    delete embedded.ADMIN_TOKEN;
    if (embedded.DATABASE_URL) {
      delete embedded.DATABASE_URL;
      embedded.DATA_DIR = join(dataDir, 'embedded');
    }
    const adminToken = 'admin-token-while-running-0123456789';
    // PORT=0: the CLI finds the server by the URL it wrote into the data folder's lock.
    const server = await start({ ...embedded, ADMIN_TOKEN: adminToken });
    const tokenCli = join(root, 'dist', 'src', 'cli', 'token.js');

    const refused = spawnSync(process.execPath, [tokenCli, 'create', '--role', 'editor', '--name', 'x'], {
      cwd: root,
      env: embedded,
      encoding: 'utf8',
    });
    expect(refused.status).not.toBe(0);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain(
      `The server at ${server.url} (process ${server.child.pid}) holds the embedded database`,
    );
    expect(refused.stderr).toContain('ADMIN_TOKEN=<an admin token> npm run token -- create …, or stop the server');

    const forged = spawnSync(process.execPath, [tokenCli, 'list'], {
      cwd: root,
      env: { ...embedded, ADMIN_TOKEN: 'plg_not-a-token-of-this-server' },
      encoding: 'utf8',
    });
    expect(forged.status).toBe(1);
    expect(forged.stderr).toContain('The running server refused ADMIN_TOKEN (UNAUTHENTICATED)');

    const created = cli('token', ['create', '--role', 'editor', '--name', 'x'], {
      ...embedded,
      ADMIN_TOKEN: adminToken,
    })
      .trim()
      .split('\n');
    expect(created).toHaveLength(2);
    expect(created[0]).toMatch(/^Created editor token #\d+ "x" \(every measure\)\. It is shown only now:$/);
    const token = created[1];
    expect(token).toMatch(/^plg_[A-Za-z0-9_-]{40,}$/);
    const found = await query(
      server.url,
      '{ indicators(filter: { planCode: "arakawa", search: "経常収支比率" }) { nodes { id } } }',
    );
    const indicatorId = (found.data as { indicators: { nodes: { id: string }[] } }).indicators.nodes[0].id;
    const recorded = await query(
      server.url,
      'mutation($i: ID!) { recordActual(input: { indicatorId: $i, fiscalYear: 2024, value: "87.0%" }) { status recordedBy } }',
      { i: indicatorId },
      token,
    );
    expect(recorded).toEqual({ data: { recordActual: { status: 'DRAFT', recordedBy: 'x' } } });

    // measures reads public data: no token needed; list and revoke as admin, in the stopped server's format.
    const measures = cli('token', ['measures'], embedded).trim().split('\n');
    const zaisei = measures.find((l) => l.endsWith('\tarakawa\t健全な財政運営'))!;
    expect(Buffer.from(zaisei.split('\t')[0], 'base64').toString()).toMatch(/^Measure:\d+$/);
    const withAdmin = { ...embedded, ADMIN_TOKEN: adminToken };
    const line = cli('token', ['list'], withAdmin)
      .split('\n')
      .find((l) => /\teditor\tx\t/.test(l))!;
    expect(line).toMatch(/^#\d+\teditor\tx\tevery measure\tactive$/);
    const tokenId = /^#(\d+)/.exec(line)![1];
    expect(cli('token', ['revoke', tokenId], withAdmin)).toBe(`Revoked token #${tokenId}.\n`);
    const again = await query(server.url, '{ plans { code } }', {}, token);
    expect(again.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(await stop(server)).toBe(0);

    // Stopped: the same command works on the database itself, in the same format.
    expect(cli('token', ['list'], embedded)).toMatch(new RegExp(`#${tokenId}\teditor\tx\tevery measure\trevoked `));
  }, 180_000);

  it('npm run token on a folder held by a process that is no server: a sentence, exit 1, nothing touched', () => {
    const held = join(dataDir, 'held');
    mkdirSync(held, { recursive: true });
    // Held by a live process (this one) that wrote no URL; nothing listens on the PORT given.
    writeFileSync(join(held, 'plangraph.lock'), String(process.pid));
    const env: NodeJS.ProcessEnv = { ...childEnv, DATA_DIR: held, PORT: '1', ADMIN_TOKEN: 'x'.repeat(20) };
    delete env.DATABASE_URL;
    const res = spawnSync(process.execPath, [join(root, 'dist', 'src', 'cli', 'token.js'), 'list'], {
      cwd: root,
      env,
      encoding: 'utf8',
    });
    expect(res.status).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain(`The embedded database in ${held} is in use by process ${process.pid}.`);
    expect(res.stderr).toContain('No plangraph server answers at http://127.0.0.1:1/graphql');
    expect(readdirSync(held)).toEqual(['plangraph.lock']);
  });
});
