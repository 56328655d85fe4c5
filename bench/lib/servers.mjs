// Starts and stops the two servers under test as child processes (so their CPU and memory can be read
// from /proc): ours (the project's dist/src/main.js) and PostGraphile v5 (bench/servers/postgraphile.mjs).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { BENCH, ROOT } from './paths.mjs';

async function waitReady(url, child, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null)
      throw new Error(`server exited with ${child.exitCode}: ${child.output.join('').slice(-2000)}`);
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query":"{ __typename }"}',
      });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server at ${url} not ready after ${timeoutMs} ms`);
}

function launch(args, env, node = process.execPath) {
  const child = spawn(node, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.output = [];
  const keep = (d) => {
    child.output.push(d.toString());
    if (child.output.length > 200) child.output.shift();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  return child;
}

export async function startServer(kind, { databaseUrl, port, nodeArgs = [], root = ROOT, node }) {
  const child =
    kind === 'ours'
      ? launch(
          [...nodeArgs, join(root, 'dist/src/main.js')],
          {
            DATABASE_URL: databaseUrl,
            PORT: String(port),
            LOG_LEVEL: 'warn',
            NODE_ENV: 'production',
            // One load generator on one address: the per-address rate limit would throttle it (PostGraphile has none).
            RATE_LIMIT_PER_ADDRESS: '0',
            RATE_LIMIT_PER_TOKEN: '0',
          },
          node,
        )
      : launch(
          [
            ...nodeArgs,
            '--require',
            join(BENCH, 'servers/with-resolvers.cjs'),
            join(BENCH, 'servers/postgraphile.mjs'),
          ],
          {
            DATABASE_URL: databaseUrl,
            PORT: String(port),
            GRAPHILE_ENV: 'production',
          },
          node,
        );
  const url = `http://127.0.0.1:${port}/graphql`;
  await waitReady(url, child);
  return {
    kind,
    url,
    pid: child.pid,
    child,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
