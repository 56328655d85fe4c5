import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Operators (issue 11): start-up errors say what to change, the bundled plan re-imports as the same import,
// JSON logs are one short line per event and per request, and the first start prints how to get an admin token.
// Always on the embedded database, so that "no data folder was created" can be checked.

const root = join(__dirname, '..', '..');
let scratch: string;
const children = new Set<ChildProcess>();

function baseEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...extra };
  delete env.NODE_ENV;
  delete env.DEBUG;
  delete env.LOG_FORMAT;
  if (!('DATABASE_URL' in extra)) delete env.DATABASE_URL;
  return env;
}

beforeAll(() => {
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  scratch = mkdtempSync(join(tmpdir(), 'plangraph-ops-'));
}, 180_000);

afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(scratch, { recursive: true, force: true });
});

function node(script: string[], env: NodeJS.ProcessEnv) {
  const result = spawnSync(process.execPath, script, { cwd: root, env, encoding: 'utf8', timeout: 90_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const main = join(root, 'dist', 'src', 'main.js');
const importCli = join(root, 'dist', 'src', 'cli', 'import.js');

async function occupiedPort(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

function expectOneSentence(stderr: string): void {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('start-up errors', () => {
  it('a port in use names PORT and fails before a new data folder is created', async () => {
    const { server, port } = await occupiedPort();
    const dataDir = join(scratch, 'never-created');
    try {
      const result = node([main], baseEnv({ PORT: String(port), DATA_DIR: dataDir }));
      expect(result.status).not.toBe(0);
      expect(result.stderr).toContain('PORT');
      expect(result.stderr).toContain(`Port ${port} on 127.0.0.1 is already in use`);
      expectOneSentence(result.stderr);
      expect(existsSync(dataDir)).toBe(false);
    } finally {
      server.close();
    }
  }, 60_000);

  it('a refused connection names DATABASE_URL and the address, never the password', async () => {
    const { server, port } = await occupiedPort();
    server.close(); // a port nobody listens on
    const url = `postgres://someone:s3cret-pw@127.0.0.1:${port}/plangraph`;
    const result = node([main], baseEnv({ DATABASE_URL: url }));
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('DATABASE_URL');
    expect(result.stderr).toContain(`127.0.0.1:${port}`);
    expect(result.stderr).not.toContain('s3cret-pw');
    expectOneSentence(result.stderr);
    const imported = node(
      [importCli, join(root, 'seeds', 'arakawa-plan-chapter7.txt'), '--plan-code', 'x'],
      baseEnv({ DATABASE_URL: url }),
    );
    expect(imported.status).not.toBe(0);
    expect(imported.stderr).toContain('DATABASE_URL');
    expect(imported.stderr).toContain(`127.0.0.1:${port}`);
    expectOneSentence(imported.stderr);
  }, 60_000);

  it('a missing import file is a sentence, not ENOENT, and opens no database', () => {
    const dataDir = join(scratch, 'import-missing');
    const result = node([importCli, 'no/such/plan.txt', '--plan-code', 'nope'], baseEnv({ DATA_DIR: dataDir }));
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('The plan document no/such/plan.txt does not exist');
    expect(result.stderr).not.toContain('ENOENT');
    expectOneSentence(result.stderr);
    expect(existsSync(dataDir)).toBe(false);

    const overrides = node(
      [importCli, join(root, 'seeds', 'arakawa-plan-chapter7.txt'), '--plan-code', 'x', '--overrides', 'missing.json'],
      baseEnv({ DATA_DIR: dataDir }),
    );
    expect(overrides.stderr).toContain('The overrides file missing.json does not exist');
    expect(overrides.stderr).not.toContain('ENOENT');
  });

  it('the importer names the heading it could not read, never a constraint', () => {
    const file = join(scratch, 'no-policy.txt');
    writeFileSync(
      file,
      [
        '# 計画推進',
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
    const result = node([importCli, file, '--plan-code', 'no-policy'], baseEnv({ DATA_DIR: join(scratch, 'bad-doc') }));
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('nothing was written');
    expect(result.stderr).toContain('政策');
    expect(result.stderr).toContain('「市民参加の推進」');
    expect(result.stderr).not.toMatch(/_check|constraint|violates/);
    expectOneSentence(result.stderr);
  }, 60_000);
});

interface Started {
  child: ChildProcess;
  url: string;
  out: () => string;
}

async function start(env: NodeJS.ProcessEnv): Promise<Started> {
  const child = spawn(process.execPath, [main], { cwd: root, env });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 90_000);
    child.stdout.on('data', () => {
      const match = /listening on (http:\/\/[^\s"]+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
  return { child, url, out: () => out };
}

async function stop(s: Started): Promise<number | null> {
  return new Promise((resolve) => {
    s.child.once('exit', (code) => resolve(code));
    s.child.kill('SIGTERM');
  });
}

describe('first start, logs and the bundled re-import', () => {
  it('prints the first admin token command once, logs short JSON lines, one per request; the bundled plan re-imports unchanged', async () => {
    const env = baseEnv({ DATA_DIR: join(scratch, 'first-start') });
    const first = await start(env);
    const startLines = first.out().trim().split('\n');
    for (const line of startLines) {
      expect(() => JSON.parse(line) as unknown).not.toThrow();
      expect(Buffer.byteLength(line)).toBeLessThan(600);
    }
    expect(first.out()).toContain('npm run token -- create --role admin --name');
    expect(first.out().match(/npm run token -- create/g)).toHaveLength(1);

    const before = first.out().length;
    for (let i = 0; i < 2; i += 1) {
      const res = await fetch(first.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ plans { code } }' }),
      });
      expect(res.status).toBe(200);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    const requestLines = first
      .out()
      .slice(before)
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { requestId?: string; path?: string });
    expect(requestLines).toHaveLength(2);
    expect(requestLines.every((l) => l.requestId && l.path === '/graphql')).toBe(true);
    expect(await stop(first)).toBe(0);

    const again = node([importCli, 'seeds/arakawa-plan-chapter7.txt', '--plan-code', 'arakawa'], env);
    expect(again.stderr).toBe('');
    expect(again.stdout).toContain('Already imported, unchanged: plan "arakawa"');

    const second = await start(env);
    expect(second.out()).not.toContain('npm run token');
    expect(second.out()).not.toContain('imported bundled plan');
    expect(await stop(second)).toBe(0);
  }, 180_000);
});

describe('logs at a terminal', () => {
  it('are readable lines, not JSON, when stdout is a terminal (util-linux script gives the server a pseudo-TTY)', async () => {
    const env = baseEnv({ DATA_DIR: join(scratch, 'tty') });
    const child = spawn(
      'script',
      ['-qfec', `${JSON.stringify(process.execPath)} ${JSON.stringify(main)}`, '/dev/null'],
      {
        cwd: root,
        env,
        detached: true,
      },
    );
    children.add(child);
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 90_000);
        child.stdout.on('data', () => {
          if (/listening on http/.test(out)) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.once('exit', (code) => {
          clearTimeout(timer);
          reject(new Error(`script exited with ${code}:\n${out}`));
        });
      });
      const lines = out.replace(/\r/g, '').trim().split('\n');
      expect(lines.length).toBeGreaterThan(2);
      for (const line of lines) expect(line).toMatch(/^\d\d:\d\d:\d\d\.\d{3} (INFO|WARN) /);
      expect(out).toMatch(/INFO {2}plangraph is listening on http/);
    } finally {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  }, 120_000);
});
