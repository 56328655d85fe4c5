// Creates one database per size and fills it through the project's own import path:
// openDatabase (migrations) → seedBundledPlans (S: the bundled plan as imported) → writePlan of a
// synthetic ParsedPlan in one transaction (M, L) → actuals for L with set-based INSERT … SELECT.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { countOf, parseBundledPlan, syntheticPlan } from './generate.mjs';
import { BENCH, ROOT } from './paths.mjs';

/** The last load of each size is kept (bench/results/load-<size>.json): later runs report it. */
const loadFile = (size) => join(BENCH, 'results', `load-${size}.json`);
function lastLoad(size) {
  try {
    return JSON.parse(readFileSync(loadFile(size), 'utf8'));
  } catch {
    return null;
  }
}

const require = createRequire(import.meta.url);

export const SIZES = {
  S: { db: 'plangraph_bench_s', planCode: 'arakawa', indicators: 0, actualYears: [] },
  M: { db: 'plangraph_bench_m', planCode: 'synthetic-m', indicators: 10_000, actualYears: [] },
  L: { db: 'plangraph_bench_l', planCode: 'synthetic-l', indicators: 100_000, actualYears: [2021, 2022, 2023] },
};

export const READONLY_ROLE = 'plangraph_bench_ro';

export function databaseUrl(base, db) {
  const url = new URL(base);
  url.pathname = `/${db}`;
  return url.toString();
}

async function withClient(url, fn) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function ensureDatabase(baseUrl, db) {
  return withClient(baseUrl, async (c) => {
    const { rowCount } = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [db]);
    if (!rowCount) await c.query(`CREATE DATABASE ${db}`);
    return !rowCount;
  });
}

export async function dropDatabase(baseUrl, db) {
  await withClient(baseUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`));
}

/** The read-only role PostGraphile connects as: SELECT on the plan tables, nothing else. */
export async function ensureReadOnlyRole(url) {
  await withClient(url, async (c) => {
    const { rowCount } = await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [READONLY_ROLE]);
    if (!rowCount) await c.query(`CREATE ROLE ${READONLY_ROLE} LOGIN`);
    const db = new URL(url).pathname.slice(1);
    await c.query(`GRANT CONNECT ON DATABASE ${db} TO ${READONLY_ROLE}`);
    await c.query(`GRANT USAGE ON SCHEMA public TO ${READONLY_ROLE}`);
    await c.query(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${READONLY_ROLE}`);
    // Secrets and bookkeeping stay hidden.
    await c.query(`REVOKE SELECT ON api_token, api_token_measure, typeorm_migrations FROM ${READONLY_ROLE}`);
    // plan.previous_plan_id is unique (one next term per plan): PostGraphile would name the forward and the
    // backward relation both planByPreviousPlanId, and a naming conflict drops Plan and every type that
    // references it. Smart tags (constraint comments) name the two sides.
    await c.query(
      `COMMENT ON CONSTRAINT plan_previous_plan_id_fkey ON plan IS E'@fieldName previousPlan\\n@foreignSingleFieldName nextPlan\\n@foreignFieldName nextPlans'`,
    );
  });
}

/** Loads `size` into its database unless it is there already; returns what was done and how long it took. */
export async function loadSize(baseUrl, size, { log = console.log, reload = false, plainLoad = false } = {}) {
  const spec = SIZES[size];
  const url = databaseUrl(baseUrl, spec.db);
  if (reload) await dropDatabase(baseUrl, spec.db);
  await ensureDatabase(baseUrl, spec.db);
  const present = await withClient(url, async (c) => {
    const t = await c.query(`SELECT to_regclass('public.plan') IS NOT NULL AS ok`);
    if (!t.rows[0].ok) return false;
    const r = await c.query('SELECT 1 FROM plan WHERE code = $1', [spec.planCode]);
    return r.rowCount > 0;
  });
  if (present) {
    log(`size ${size}: ${spec.db} already holds plan ${spec.planCode} (use --reload to rebuild)`);
    await ensureReadOnlyRole(url);
    return { size, loaded: false, last: lastLoad(size) };
  }

  const { openDatabase } = require(join(ROOT, 'dist/src/db/data-source.js'));
  const { seedBundledPlans } = require(join(ROOT, 'dist/src/import/bundled.js'));
  const { writePlan } = require(join(ROOT, 'dist/src/import/writer.js'));
  const timings = {};
  let t = performance.now();
  const db = await openDatabase({ databaseUrl: url });
  timings.migrateMs = Math.round(performance.now() - t);
  let counts;
  try {
    if (spec.indicators > 0) {
      t = performance.now();
      const { parsed } = parseBundledPlan();
      const plan = syntheticPlan(parsed, spec.indicators, `合成計画 ${size}`);
      timings.generateMs = Math.round(performance.now() - t);
      counts = countOf(plan);
      log(`size ${size}: generated ${JSON.stringify(counts)} in ${timings.generateMs} ms; writing with writePlan …`);
      t = performance.now();
      await db.dataSource.transaction(async (m) => {
        // Belt and braces for the same cached-plan problem: the foreign-key checks are planned on first use,
        // when the tables are still small; index scans keep writePlan linear. --plain-load leaves it alone.
        if (!plainLoad) await m.query('SET LOCAL enable_seqscan = off');
        return writePlan(m, plan, { code: spec.planCode, name: `synthetic-${size}.txt`, sha256: '0'.repeat(64) });
      });
      timings.writePlanMs = Math.round(performance.now() - t);
      log(`size ${size}: writePlan took ${(timings.writePlanMs / 1000).toFixed(1)} s`);
    }
    // The bundled plan goes in after the synthetic one: PostgreSQL caches the plans of the foreign-key checks
    // per connection, and a small import first (on the same pooled connection) leaves them planned as
    // sequential scans over near-empty tables — which made the L load quadratic (see bench/README.md).
    t = performance.now();
    const seeded = await seedBundledPlans(db.dataSource);
    timings.bundledImportMs = Math.round(performance.now() - t);
    counts ??= seeded[0]?.counts;
  } finally {
    await db.close();
  }
  if (spec.actualYears.length) {
    t = performance.now();
    counts.actuals = await insertActuals(url, spec.planCode, spec.actualYears);
    timings.actualsMs = Math.round(performance.now() - t);
    log(`size ${size}: ${counts.actuals} actuals in ${(timings.actualsMs / 1000).toFixed(1)} s`);
  }
  t = performance.now();
  await withClient(url, (c) => c.query('VACUUM ANALYZE'));
  timings.analyzeMs = Math.round(performance.now() - t);
  await ensureReadOnlyRole(url);
  const result = {
    size,
    loaded: true,
    at: new Date().toISOString(),
    counts,
    timings,
    seqscanOffDuringWritePlan: !plainLoad,
  };
  mkdirSync(join(BENCH, 'results'), { recursive: true });
  writeFileSync(loadFile(size), JSON.stringify(result, null, 2));
  return result;
}

/**
 * One approved actual per indicator and year, with its single revision, in one transaction (the
 * actual → revision foreign keys are deferred to the commit). Set-based INSERT … SELECT: the review
 * workflow is not what is measured. Values follow the year's target: 97 % of a number, the same status.
 */
async function insertActuals(url, planCode, years) {
  return withClient(url, async (c) => {
    await c.query('BEGIN');
    const { rows } = await c.query('SELECT id FROM plan WHERE code = $1', [planCode]);
    const planId = rows[0].id;
    const a = await c.query(
      `INSERT INTO actual (plan_id, indicator_id, fiscal_year, revision, status, approved_revision)
       SELECT i.plan_id, i.id, y, 1, 'APPROVED', 1
         FROM indicator i CROSS JOIN unnest($2::int[]) AS y
        WHERE i.plan_id = $1`,
      [planId, years],
    );
    await c.query(
      `INSERT INTO actual_revision (actual_id, revision, action, status, value_raw, value_kind, value_number,
                                    value_unit, value_comparator, value_text, actor, recorded_by, at)
       SELECT a.id, 1, 'APPROVED', 'APPROVED',
              CASE WHEN t.value_kind = 'QUANTITY' THEN round((t.value_number * 0.97)::numeric, 1)::text || coalesce(t.value_unit, '')
                   WHEN t.value_kind = 'STATUS' THEN t.value_text ELSE '維持' END,
              CASE WHEN t.value_kind = 'QUANTITY' THEN 'QUANTITY' ELSE 'STATUS' END,
              CASE WHEN t.value_kind = 'QUANTITY' THEN round((abs(t.value_number) * 0.97)::numeric, 1)::float8 END,
              CASE WHEN t.value_kind = 'QUANTITY' THEN t.value_unit END,
              CASE WHEN t.value_kind = 'QUANTITY' THEN 'EQ' END,
              CASE WHEN t.value_kind = 'QUANTITY' THEN NULL WHEN t.value_kind = 'STATUS' THEN t.value_text ELSE '維持' END,
              'bench', 'bench', timestamp '2024-06-01' + (a.fiscal_year - 2021) * interval '1 year'
         FROM actual a JOIN target t ON t.indicator_id = a.indicator_id AND t.fiscal_year = a.fiscal_year
        WHERE a.plan_id = $1`,
      [planId],
    );
    await c.query('COMMIT');
    return a.rowCount;
  });
}
