#!/usr/bin/env node
// A large import after a small one on the same connection (the case that made the L load quadratic):
//   node tools/import-warm.mjs [--indicators 10000] [--guard discard|none|custom] [--cold]
// Creates a scratch database on the server, migrates it, writes the bundled plan and then a synthetic plan of
// --indicators indicators with the project's writePlan (dist/), both through one QueryRunner, and prints the large
// import's wall time, the PostgreSQL backend's CPU time (/proc, so the server must be local) and the rows its
// scans read (pg_stat_xact_user_tables) against the rows it inserted. --guard replaces the writer's first
// statement (DISCARD PLANS): none drops it, custom runs SET LOCAL plan_cache_mode = force_custom_plan instead.
// --cold skips the small import. The scratch database is dropped at the end.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { parseBundledPlan, syntheticPlan } from '../lib/generate.mjs';
import { databaseUrl } from '../lib/load.mjs';
import { ROOT } from '../lib/paths.mjs';

const { values: opt } = parseArgs({
  options: {
    indicators: { type: 'string', default: '10000' },
    guard: { type: 'string', default: 'discard' },
    cold: { type: 'boolean', default: false },
  },
});
if (!['discard', 'none', 'custom'].includes(opt.guard))
  throw new Error(`--guard ${opt.guard}: discard, none or custom`);
const require = createRequire(join(ROOT, 'package.json'));
require('reflect-metadata');
const { openDatabase } = require(join(ROOT, 'dist/src/db/data-source.js'));
const { writePlan } = require(join(ROOT, 'dist/src/import/writer.js'));

let sawGuard = false;
/** The manager with the writer's guard statement replaced as --guard says. */
function guarded(m) {
  return new Proxy(m, {
    get(target, prop) {
      if (prop === 'query')
        return (sql, ...rest) => {
          sawGuard ||= sql === 'DISCARD PLANS';
          if (sql === 'DISCARD PLANS' && opt.guard === 'none') return Promise.resolve([]);
          if (sql === 'DISCARD PLANS' && opt.guard === 'custom')
            return target.query('SET LOCAL plan_cache_mode = force_custom_plan');
          return target.query(sql, ...rest);
        };
      const value = target[prop];
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

const BASE_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const name = `plangraph_import_warm_${process.pid}`;
const admin = new pg.Client({ connectionString: BASE_URL });
await admin.connect();
await admin.query(`CREATE DATABASE ${name}`);
const db = await openDatabase({ databaseUrl: databaseUrl(BASE_URL, name), statementTimeoutMs: 600_000 });
try {
  const { parsed } = parseBundledPlan();
  const big = syntheticPlan(parsed, Number(opt.indicators), 'import-warm');
  const runner = db.dataSource.createQueryRunner();
  await runner.connect();
  if (!opt.cold)
    await runner.manager.transaction((m) =>
      writePlan(guarded(m), parsed, { code: 'small', name: 's', sha256: '1'.repeat(64) }),
    );
  const [{ pid }] = await runner.query('SELECT pg_backend_pid() AS pid');
  const cpu = () => {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) * 10; // utime + stime, clock ticks of 10 ms
  };
  const c0 = cpu();
  const t0 = performance.now();
  const stats = await runner.manager.transaction(async (m) => {
    await writePlan(guarded(m), big, { code: 'big', name: 'b', sha256: '0'.repeat(64) });
    const [row] = await m.query(
      'SELECT sum(seq_tup_read + idx_tup_fetch)::bigint AS read, sum(n_tup_ins)::bigint AS inserted FROM pg_stat_xact_user_tables',
    );
    return row;
  });
  if (!sawGuard) throw new Error('the writer no longer starts with DISCARD PLANS: update --guard');
  const out = {
    indicators: Number(opt.indicators),
    guard: opt.guard,
    warm: !opt.cold,
    wallMs: Math.round(performance.now() - t0),
    pgCpuMs: cpu() - c0,
    rowsRead: Number(stats.read),
    rowsInserted: Number(stats.inserted),
  };
  console.log(JSON.stringify(out));
  await runner.release();
} finally {
  await db.close();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}
