#!/usr/bin/env node
// plangraph benchmark: ours vs PostGraphile v5 vs the SQL floor. See bench/README.md.
//   node bench.mjs [--size S|M|L[,…]] [--workload 1,2,…] [--duration 5] [--rounds 2] [--connections 1,10]
//                  [--soak 600] [--reload] [--out results/latest.json] [--no-markdown]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import os from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { databaseUrl, loadSize, READONLY_ROLE, SIZES } from './lib/load.mjs';
import { httpWorker, runLoop } from './lib/loop.mjs';
import { renderMarkdown } from './lib/report.mjs';
import { BENCH, ROOT } from './lib/paths.mjs';
import { startProxy } from './lib/pgproxy.mjs';
import { cpuMs, cpuWatch, memory } from './lib/proc.mjs';
import { startServer } from './lib/servers.mjs';
import { countObjects, inlineFragments, WORKLOADS, workloadParams } from './lib/workloads.mjs';

const OPTIONS = {
  size: { type: 'string' },
  workload: { type: 'string' },
  duration: { type: 'string', default: '5' },
  rounds: { type: 'string', default: '2' },
  connections: { type: 'string', default: '1,10' },
  soak: { type: 'string', default: '0' },
  reload: { type: 'boolean', default: false },
  out: { type: 'string', default: join(BENCH, 'results/latest.json') },
  markdown: { type: 'string', default: join(ROOT, 'docs/benchmarks.md') },
  'no-markdown': { type: 'boolean', default: false },
  'port-base': { type: 'string', default: '4700' },
  'plain-load': { type: 'boolean', default: false },
  profile: { type: 'boolean', default: false },
  render: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
};
const USAGE = `Usage: node bench.mjs [options]   (npm run bench -- [options])
  --size S|M|L[,…]        sizes to run (default: the full run, see bench/README.md)
  --workload 1,2,…        workloads to run (default: each at its default size)
  --duration <s>          seconds per measurement (default 5)
  --rounds <n>            rounds per measurement; the median is reported (default 2)
  --connections 1,10      connection counts (default 1,10)
  --soak <s>              soak duration in seconds (default 0: none)
  --reload                reload the data sets even if present
  --out <file>            JSON results (default bench/results/latest.json)
  --markdown <file>       Markdown report (default docs/benchmarks.md)
  --no-markdown           do not write the Markdown report
  --port-base <port>      first port used by the servers (default 4700)
  --plain-load            load data without the bench's tuning
  --profile               write CPU profiles to bench/results/profiles
  --render <json>         render the Markdown report from a results file and exit
  -h, --help              print this help and exit`;

let parsed;
try {
  parsed = parseArgs({ options: OPTIONS });
} catch (e) {
  console.error(`${e.message}\n\n${USAGE}`);
  process.exit(2);
}
if (parsed.values.help) {
  console.log(USAGE);
  process.exit(0);
}
const opt = parsed.values;

const BASE_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const DURATION = Number(opt.duration);
const ROUNDS = Number(opt.rounds);
const CONNECTIONS = opt.connections.split(',').map(Number);
const PORT = Number(opt['port-base']);
const PROFILE_DIR = join(BENCH, 'results/profiles');
const log = (...a) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...a);
const median = (xs) => {
  const s = xs.filter((x) => x != null && !Number.isNaN(x)).sort((a, b) => a - b);
  if (!s.length) return null;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// The default full run: each workload at its size, workload 3 also at S (cost independent of size) and 4 at S.
const FULL = [
  ['S', 1],
  ['S', 3],
  ['S', 4],
  ['S', 5],
  ['M', 2],
  ['M', 3],
  ['L', 3],
  ['L', 4],
];
function plan() {
  const sizes = opt.size ? opt.size.split(',') : null;
  const wls = opt.workload ? opt.workload.split(',').map(Number) : null;
  if (!sizes && !wls) return FULL;
  if (!sizes) return wls.map((w) => [WORKLOADS[w].defaultSize, w]);
  return sizes.flatMap((s) => (wls ?? FULL.filter(([fs]) => fs === s).map(([, w]) => w)).map((w) => [s, w]));
}

async function gql(url, body) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = await res.json();
  return json;
}
const dataOf = (json, who) => {
  if (json.errors) throw new Error(`${who}: ${JSON.stringify(json.errors).slice(0, 800)}`);
  return json.data;
};

function firstDifference(a, b, path = '$') {
  if (isDeepStrictEqual(a, b)) return null;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null)
    return `${path}: ${JSON.stringify(a)?.slice(0, 200)} ≠ ${JSON.stringify(b)?.slice(0, 200)}`;
  if (Array.isArray(a) && Array.isArray(b) && a.length !== b.length) return `${path}: length ${a.length} ≠ ${b.length}`;
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const d = firstDifference(a[k], b[k], `${path}.${k}`);
    if (d) return d;
  }
  return `${path}: differs`;
}

/** Our server takes a JSON array as a batch once batching has landed; otherwise the batch is 10 requests. */
async function oursBatching(url) {
  const json = await gql(url, [{ query: '{ __typename }' }, { query: '{ __typename }' }]).catch(() => null);
  return Array.isArray(json);
}

/** Request bodies per workload and server (a list of bodies for a batch sent as separate requests). */
function bodies(wl, params, batching) {
  const inline = (o) => ({ ...o, query: inlineFragments(o.query) });
  const ours = Array.isArray(wl.ours(params)) ? wl.ours(params).map(inline) : inline(wl.ours(params));
  const pgl = wl.pgl(params);
  if (!wl.batch) return { ours: [JSON.stringify(ours)], pgl: [JSON.stringify(pgl)] };
  return {
    ours: batching ? [JSON.stringify(ours)] : ours.map((o) => JSON.stringify(o)),
    pgl: pgl.map((o) => JSON.stringify(o)),
  };
}

async function send(url, list) {
  const out = [];
  for (const body of list) {
    const json = await gql(url, JSON.parse(body));
    if (Array.isArray(json)) out.push(...json);
    else out.push(json);
  }
  return out;
}

// ------------------------------------------------------------------------------------------------ phases
/** Check phase: both servers behind statement-counting proxies; equality of ours, PostGraphile and floor. */
async function checkPhase(size, workloads, params, client) {
  const spec = SIZES[size];
  const upstream = new URL(BASE_URL);
  const proxies = {
    ours: await startProxy(upstream.hostname, Number(upstream.port || 5432)),
    pgl: await startProxy(upstream.hostname, Number(upstream.port || 5432)),
  };
  const viaProxy = (user, port) => {
    const u = new URL(databaseUrl(BASE_URL, spec.db));
    u.port = String(port);
    if (user) u.username = user;
    return u.toString();
  };
  const servers = {
    ours: await startServer('ours', { databaseUrl: viaProxy(null, proxies.ours.port), port: PORT }),
    pgl: await startServer('pgl', { databaseUrl: viaProxy(READONLY_ROLE, proxies.pgl.port), port: PORT + 1 }),
  };
  const batching = await oursBatching(servers.ours.url);
  const results = {};
  try {
    for (const w of workloads) {
      try {
        const wl = WORKLOADS[w];
        const b = bodies(wl, params, batching);
        const answers = {};
        for (const who of ['ours', 'pgl']) {
          const raw = await send(servers[who].url, b[who]);
          const data = raw.map((j) => dataOf(j, `${who} W${w}`));
          answers[who] = wl.batch
            ? who === 'ours'
              ? wl.normOursBatch(data)
              : wl.normPglBatch(data)
            : who === 'ours'
              ? wl.normOurs(data[0])
              : wl.normPgl(data[0]);
        }
        const diff = firstDifference(answers.ours, answers.pgl);
        if (diff) throw new Error(`W${w} at ${size}: ours and PostGraphile differ at ${diff}`);
        let floorDiff = null;
        if (wl.floor) {
          const f = wl.floor(params);
          const row = (await client.query(f.sql, f.params)).rows[0];
          floorDiff = firstDifference(answers.ours, wl.normFloor(Object.values(row)[0]));
          if (floorDiff) throw new Error(`W${w} at ${size}: ours and the floor SQL differ at ${floorDiff}`);
        }
        // Statements per request: 10 requests after the one above (warm caches), counted on the wire.
        const statements = {};
        const dbBytes = {};
        for (const who of ['ours', 'pgl']) {
          const p = proxies[who].stats;
          const before = { s: p.statements, b: p.bytesIn };
          for (let k = 0; k < 10; k += 1) await send(servers[who].url, b[who]);
          statements[who] = (p.statements - before.s) / 10;
          dbBytes[who] = Math.round((p.bytesIn - before.b) / 10);
        }
        const responseBytes = Buffer.byteLength(JSON.stringify(answers.ours));
        results[w] = {
          equal: true,
          floorEqual: wl.floor ? true : null,
          statements,
          dbBytes,
          objects: countObjects(answers.ours),
          responseBytes,
        };
        log(
          `W${w}@${size}: same data from ours, PostGraphile${wl.floor ? ' and the floor' : ''} (${results[w].objects} objects); SQL statements/request ours ${statements.ours}, PostGraphile ${statements.pgl}`,
        );
      } catch (error) {
        // A refused or different answer skips the workload (it is reported), the rest of the run goes on.
        results[w] = { error: String(error.message ?? error).slice(0, 500) };
        log(`W${w}@${size}: SKIPPED — ${results[w].error}`);
      }
    }
  } finally {
    await servers.ours.stop();
    await servers.pgl.stop();
    await proxies.ours.close();
    await proxies.pgl.close();
  }
  return { results, batching };
}

async function backendPids(client, db, who) {
  const cond = who === 'ours' ? `application_name = 'plangraph'` : `usename = '${READONLY_ROLE}'`;
  const { rows } = await client.query(`SELECT pid FROM pg_stat_activity WHERE datname = $1 AND ${cond}`, [db]);
  return rows.map((r) => r.pid);
}

async function autocannonRun(url, body, connections, seconds) {
  const r = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    connections,
    duration: seconds,
    pipelining: 1,
  });
  if (r.non2xx || r.errors) throw new Error(`autocannon: ${r.non2xx} non-2xx, ${r.errors} errors at ${url}`);
  // autocannon's percentiles are whole milliseconds; the mean is exact (at 1 connection it is 1 / throughput).
  return {
    total: r.requests.total,
    rps: r.requests.total / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    mean: r.latency.average,
  };
}

/** One timed run of one server: load, CPU of the server process and of its PostgreSQL backends. */
async function timedRun(server, list, connections, client, db) {
  const watch = cpuWatch(() => backendPids(client, db, server.kind));
  await watch.ready;
  const cpu0 = cpuMs(server.pid);
  const r =
    list.length === 1
      ? await autocannonRun(server.url, list[0], connections, DURATION)
      : await runLoop({ connections, durationMs: DURATION * 1000, makeWorker: () => httpWorker(server.url, list) });
  const cpu = cpuMs(server.pid) - cpu0;
  const dbCpu = await watch.stop();
  return { ...r, cpuMsPerReq: cpu / r.total, dbCpuMsPerReq: dbCpu / r.total, ...memory(server.pid) };
}

async function floorRun(wl, params, connections, url) {
  const f = wl.floor(params);
  return runLoop({
    connections,
    durationMs: DURATION * 1000,
    makeWorker: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      return {
        run: () => c.query({ text: f.sql, values: f.params, name: `floor-${f.sql.length}` }),
        close: () => c.end(),
      };
    },
  });
}

/** Timed phase: servers direct to PostgreSQL; per workload and connection count, A B A B … then the floor. */
async function timedPhase(size, workloads, params, client, batching) {
  const spec = SIZES[size];
  const url = databaseUrl(BASE_URL, spec.db);
  const roUrl = (() => {
    const u = new URL(url);
    u.username = READONLY_ROLE;
    return u.toString();
  })();
  const servers = {
    ours: await startServer('ours', {
      databaseUrl: url,
      port: PORT,
      nodeArgs: opt.profile ? ['--cpu-prof', '--cpu-prof-dir', PROFILE_DIR] : [],
    }),
    pgl: await startServer('pgl', {
      databaseUrl: roUrl,
      port: PORT + 1,
      nodeArgs: opt.profile ? ['--cpu-prof', '--cpu-prof-dir', join(PROFILE_DIR, 'postgraphile')] : [],
    }),
  };
  const out = {};
  try {
    for (const w of workloads) {
      const wl = WORKLOADS[w];
      const b = bodies(wl, params, batching);
      // Warm-up: JIT, plan caches, pools.
      for (const who of ['ours', 'pgl'])
        await runLoop({ connections: 10, durationMs: 1500, makeWorker: () => httpWorker(servers[who].url, b[who]) });
      out[w] = {};
      for (const c of CONNECTIONS) {
        const runs = { ours: [], pgl: [] };
        for (let r = 0; r < ROUNDS; r += 1) {
          for (const who of r % 2 === 0 ? ['ours', 'pgl'] : ['pgl', 'ours'])
            runs[who].push(await timedRun(servers[who], b[who], c, client, spec.db));
        }
        const med = (who, k) => median(runs[who].map((x) => x[k]));
        const row = {};
        for (const who of ['ours', 'pgl']) {
          row[who] = {
            rps: med(who, 'rps'),
            p50: med(who, 'p50'),
            p99: med(who, 'p99'),
            mean: med(who, 'mean'),
            cpuMsPerReq: med(who, 'cpuMsPerReq'),
            dbCpuMsPerReq: med(who, 'dbCpuMsPerReq'),
            peakMb: Math.max(...runs[who].map((x) => x.peakMb)),
            rounds: runs[who],
          };
        }
        if (wl.floor) {
          const fr = await floorRun(wl, params, c, url);
          row.floor = { rps: fr.rps, p50: fr.p50, p99: fr.p99, mean: fr.mean };
        }
        out[w][c] = row;
        log(
          `W${w}@${size} c=${c}: ours ${row.ours.rps.toFixed(1)} req/s p50 ${row.ours.p50} ms | PostGraphile ${row.pgl.rps.toFixed(1)} req/s p50 ${row.pgl.p50} ms` +
            (row.floor ? ` | floor ${row.floor.rps.toFixed(1)}/s p50 ${row.floor.p50.toFixed(2)} ms` : '') +
            ` | ratio ${(row.ours.rps / row.pgl.rps).toFixed(2)}`,
        );
      }
    }
    out.peak = { ours: memory(servers.ours.pid), pgl: memory(servers.pgl.pid) };
  } finally {
    await servers.ours.stop();
    await servers.pgl.stop();
  }
  return out;
}

/** Soak: ours alone at 10 connections on workload 3 at L for `seconds`; RSS sampled every 10 s. */
async function soak(seconds, params, size = 'L') {
  const spec = SIZES[size];
  const server = await startServer('ours', { databaseUrl: databaseUrl(BASE_URL, spec.db), port: PORT });
  const body = JSON.stringify(WORKLOADS[3].ours(params));
  const samples = [];
  const t0 = Date.now();
  const timer = setInterval(
    () => samples.push({ s: Math.round((Date.now() - t0) / 1000), ...memory(server.pid) }),
    10_000,
  );
  try {
    const r = await autocannonRun(server.url, body, 10, seconds);
    return { size, workload: 3, seconds, ...r, samples };
  } finally {
    clearInterval(timer);
    samples.push({ s: Math.round((Date.now() - t0) / 1000), ...memory(server.pid) });
    await server.stop();
  }
}

/** Files that differ from HEAD when the run starts (the results of earlier runs aside). */
function uncommittedFiles() {
  try {
    // Porcelain lines are "XY path"; not trimmed, since X may be a space.
    return execFileSync('git', ['-C', ROOT, 'status', '--porcelain', '--untracked-files=all'])
      .toString()
      .split('\n')
      .map((line) => line.slice(3))
      .filter((file) => file && !file.startsWith('bench/results/'));
  } catch {
    return null;
  }
}

function machine() {
  const v = (cmd, args) => {
    try {
      return execFileSync(cmd, args).toString().trim();
    } catch {
      return null;
    }
  };
  const pkg = (dir, name) => {
    try {
      return JSON.parse(readFileSync(join(dir, 'node_modules', name, 'package.json'), 'utf8')).version;
    } catch {
      return null;
    }
  };
  return {
    cpu: os.cpus()[0]?.model,
    cores: os.cpus().length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    versions: {
      plangraph: JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version,
      plangraphCommit: v('git', ['-C', ROOT, 'rev-parse', 'HEAD']),
      // Files that differ from that commit when the run started (the results of earlier runs aside).
      plangraphUncommitted: uncommittedFiles(),
      '@apollo/server': pkg(ROOT, '@apollo/server'),
      graphql: pkg(ROOT, 'graphql'),
      'type-graphql': pkg(ROOT, 'type-graphql'),
      typeorm: pkg(ROOT, 'typeorm'),
      postgraphile: pkg(BENCH, 'postgraphile'),
      'postgraphile-plugin-connection-filter': pkg(BENCH, 'postgraphile-plugin-connection-filter'),
      autocannon: pkg(BENCH, 'autocannon'),
    },
  };
}

async function main() {
  if (opt.render) {
    // Re-renders the markdown of an earlier run (e.g. after bench/analysis.md was updated).
    writeFileSync(opt.markdown, renderMarkdown(JSON.parse(readFileSync(opt.render, 'utf8'))));
    log(`table: ${opt.markdown}`);
    return;
  }
  const matrix = plan();
  const sizes = [...new Set(matrix.map(([s]) => s))];
  const report = {
    startedAt: new Date().toISOString(),
    machine: machine(),
    settings: { durationS: DURATION, rounds: ROUNDS, connections: CONNECTIONS },
    loads: {},
    sizes: {},
  };
  const admin = new pg.Client({ connectionString: BASE_URL });
  await admin.connect();
  report.machine.postgres = (await admin.query('SHOW server_version')).rows[0].server_version;
  await admin.end();
  for (const size of sizes) {
    const workloads = matrix.filter(([s]) => s === size).map(([, w]) => w);
    log(`size ${size}: loading (if needed) …`);
    report.loads[size] = await loadSize(BASE_URL, size, { log, reload: opt.reload, plainLoad: opt['plain-load'] });
    const client = new pg.Client({ connectionString: databaseUrl(BASE_URL, SIZES[size].db) });
    await client.connect();
    try {
      const params = await workloadParams(client, SIZES[size].planCode);
      const counts = (
        await client.query(
          `SELECT (SELECT count(*) FROM indicator)::int AS indicators, (SELECT count(*) FROM target)::int AS targets, (SELECT count(*) FROM actual)::int AS actuals`,
        )
      ).rows[0];
      log(`size ${size}: checking equality and counting statements (workloads ${workloads.join(', ')}) …`);
      const check = await checkPhase(size, workloads, params, client);
      log(`size ${size}: timed runs (${ROUNDS} rounds × ${DURATION} s, connections ${CONNECTIONS.join('/')}) …`);
      const ok = workloads.filter((w) => !check.results[w].error);
      const timed = ok.length ? await timedPhase(size, ok, params, client, check.batching) : {};
      report.sizes[size] = { counts, params, batching: check.batching, check: check.results, timed };
    } finally {
      await client.end();
    }
  }
  if (Number(opt.soak) > 0) {
    const client = new pg.Client({ connectionString: databaseUrl(BASE_URL, SIZES.L.db) });
    await client.connect();
    const params = await workloadParams(client, SIZES.L.planCode);
    await client.end();
    log(`soak: ${opt.soak} s at 10 connections, workload 3 at L …`);
    report.soak = await soak(Number(opt.soak), params);
  }
  report.finishedAt = new Date().toISOString();
  mkdirSync(join(opt.out, '..'), { recursive: true });
  writeFileSync(opt.out, JSON.stringify(report, null, 2));
  log(`results: ${opt.out}`);
  if (!opt['no-markdown']) {
    mkdirSync(join(opt.markdown, '..'), { recursive: true });
    writeFileSync(opt.markdown, renderMarkdown(report));
    log(`table: ${opt.markdown}`);
  } else {
    console.log(renderMarkdown(report));
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
