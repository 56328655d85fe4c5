import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { DataSource, EntityManager } from 'typeorm';
import type { PlanValueData } from '../domain/plan-value.types';
import { AppError } from '../domain/errors';
import { checkActualInput, type IndicatorForWrite, type InputProblem } from './actuals';
import { inWriteTransaction, periodClosed } from './periods';
import type { User } from './auth';
import { emitActualEvents } from './events';

// Many actuals checked and written set-based: a fixed number of statements whatever the row count
// (every `= ANY($1)` load, then one multi-row statement per table), with the checks recordActual makes
// applied row by row in memory, in file order, as if each row had been recorded on its own.

/** One row to record, its indicator already resolved to a database id. */
export interface BulkRow {
  line: number;
  indicatorId: number;
  /** The indicator's global ID as the row gave it (or as it was resolved by name), for messages. */
  indicatorGlobalId: string;
  fiscalYear: number;
  value: string;
  note: string | null;
  expectedRevision: number | null;
}

export interface BulkProblem {
  line: number;
  column: string | null;
  code: string;
  message: string;
}

export type BulkOutcome = 'created' | 'revised' | 'unchanged' | 'failed';

/** Rows checked between two pauses, so a large file never holds the event loop for long. */
export const CHECK_CHUNK = 100;

interface CurrentActual {
  /** Null until the actual is inserted. */
  id: number | null;
  planId: number;
  indicatorId: number;
  fiscalYear: number;
  revision: number;
  valueRaw: string;
  note: string | null;
  /** The revision the database holds now: revisions after it are this import's. */
  storedRevision: number;
}

interface Loaded {
  indicators: Map<number, IndicatorForWrite>;
  /** The fiscal years closed for each indicator (the database's view indicator_closed_year). */
  closedYears: Map<number, number[]>;
  actuals: Map<string, CurrentActual>;
  /** Measures of each indicator; only loaded for a token limited to measures. */
  measures: Map<number, number[]> | null;
}

interface PendingRevision {
  /** Index of the row in the file's rows. */
  index: number;
  name: string;
  row: BulkRow;
  actual: CurrentActual;
  revision: number;
  value: PlanValueData;
}

interface TargetRow {
  indicator_id: number;
  fiscal_year: number;
  value_raw: string;
  value_kind: PlanValueData['kind'];
  value_number: number | null;
  value_unit: string | null;
  value_comparator: PlanValueData['comparator'];
  value_text: string | null;
  value_note: string | null;
}

/**
 * The rows of a query as one JSON value: thousands of rows cross the driver as one text instead of row
 * by row (≈10× faster on PGlite, where decoding the rows holds the event loop).
 */
async function jsonRows<T>(m: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const [{ rows }] = (await m.query(`SELECT coalesce(json_agg(q), '[]')::text AS rows FROM (${sql}) q`, params)) as {
    rows: string;
  }[];
  return JSON.parse(rows) as T[];
}

const key = (indicatorId: number, fiscalYear: number) => `${indicatorId}:${fiscalYear}`;

/** Everything the checks need for the rows' indicators: three statements, a fourth for a token limited to measures, one more to lock. */
async function load(m: EntityManager, user: User, ids: number[], lock: boolean): Promise<Loaded> {
  const indicators = await jsonRows<{
    id: number;
    name: string;
    unit: string | null;
    plan_id: number;
    code: string;
    base_year: number;
    final_year: number;
    closed_years: number[];
  }>(
    m,
    `SELECT i.id, i.name, i.unit, p.id AS plan_id, p.code, p.base_year, p.final_year,
            ARRAY(SELECT DISTINCT c.fiscal_year FROM indicator_closed_year c WHERE c.indicator_id = i.id) AS closed_years
       FROM indicator i JOIN plan p ON p.id = i.plan_id WHERE i.id = ANY($1)`,
    [ids],
  );
  const targets = await jsonRows<TargetRow>(
    m,
    `SELECT indicator_id, fiscal_year, value_raw, value_kind, value_number, value_unit, value_comparator, value_text, value_note
       FROM target WHERE indicator_id = ANY($1)`,
    [ids],
  );
  // json_agg keeps a subquery's order in practice, not by contract: the cells' order is the plan's.
  targets.sort((x, y) => x.indicator_id - y.indicator_id || x.fiscal_year - y.fiscal_year);
  const cells = new Map<number, PlanValueData[]>();
  for (const t of targets) {
    const list = cells.get(t.indicator_id) ?? [];
    list.push({
      raw: t.value_raw,
      kind: t.value_kind,
      number: t.value_number,
      unit: t.value_unit,
      comparator: t.value_comparator,
      text: t.value_text,
      note: t.value_note,
    });
    cells.set(t.indicator_id, list);
  }
  const byId = new Map(
    indicators.map((i): [number, IndicatorForWrite] => [
      i.id,
      {
        indicator: { id: i.id, name: i.name, unit: i.unit },
        plan: { id: i.plan_id, code: i.code, baseYear: i.base_year, finalYear: i.final_year },
        cells: cells.get(i.id) ?? [],
      },
    ]),
  );
  // The real run first locks the actuals it may revise, as recordActual's lockActual does one at a
  // time; the next statement then reads them as the last writer left them.
  if (lock) {
    await m.query(
      'SELECT count(*) FROM (SELECT 1 FROM actual WHERE indicator_id = ANY($1) ORDER BY id FOR UPDATE) locked',
      [ids],
    );
  }
  const rows = await jsonRows<{
    id: number;
    plan_id: number;
    indicator_id: number;
    fiscal_year: number;
    revision: number;
    value_raw: string;
    note: string | null;
  }>(
    m,
    `SELECT a.id, a.plan_id, a.indicator_id, a.fiscal_year, a.revision, r.value_raw, r.note
       FROM actual a JOIN actual_revision r ON r.actual_id = a.id AND r.revision = a.revision
      WHERE a.indicator_id = ANY($1)`,
    [ids],
  );
  const actuals = new Map<string, CurrentActual>();
  for (const r of rows) {
    actuals.set(key(r.indicator_id, r.fiscal_year), {
      id: r.id,
      planId: r.plan_id,
      indicatorId: r.indicator_id,
      fiscalYear: r.fiscal_year,
      revision: r.revision,
      valueRaw: r.value_raw,
      note: r.note,
      storedRevision: r.revision,
    });
  }
  let measures: Map<number, number[]> | null = null;
  if (user.measureIds !== null) {
    measures = new Map();
    const links = await jsonRows<{ indicator_id: number; measure_id: number }>(
      m,
      `SELECT indicator_id, measure_id FROM measure_indicator WHERE indicator_id = ANY($1)
       UNION
       SELECT pi.indicator_id, mp.measure_id FROM project_indicator pi JOIN measure_project mp ON mp.project_id = pi.project_id
        WHERE pi.indicator_id = ANY($1)`,
      [ids],
    );
    for (const l of links) measures.set(l.indicator_id, [...(measures.get(l.indicator_id) ?? []), l.measure_id]);
  }
  const closedYears = new Map(indicators.map((i): [number, number[]] => [i.id, i.closed_years]));
  return { indicators: byId, closedYears, actuals, measures };
}

/** What recordActual would do with one row, given what the earlier rows did (kept in `loaded.actuals`). */
function checkRow(
  index: number,
  row: BulkRow,
  user: User,
  loaded: Loaded,
  fail: (column: string | null, code: string, message: string) => void,
): { outcome: BulkOutcome; pending?: PendingRevision } {
  const current = loaded.actuals.get(key(row.indicatorId, row.fiscalYear));
  // Same test as before recordActual is called: the current value and note again is no change.
  if (current && current.valueRaw === row.value.trim() && current.note === row.note) return { outcome: 'unchanged' };
  const target = loaded.indicators.get(row.indicatorId);
  if (!target) {
    fail(null, 'NOT_FOUND', `No indicator with ID ${row.indicatorGlobalId}.`);
    return { outcome: 'failed' };
  }
  // The triggers refuse the write anyway (and a close racing with the import fails it as a whole); this
  // names the rows.
  if (loaded.closedYears.get(row.indicatorId)?.includes(row.fiscalYear)) {
    fail('fiscal_year', 'PERIOD_CLOSED', periodClosed(row.fiscalYear).message);
    return { outcome: 'failed' };
  }
  const { problems, value } = checkActualInput(target, {
    fiscalYear: row.fiscalYear,
    value: row.value,
    note: row.note,
  });
  if (problems.length > 0 || !value) {
    reportProblems(problems, fail);
    return { outcome: 'failed' };
  }
  if (user.measureIds !== null) {
    const measures = loaded.measures?.get(row.indicatorId) ?? [];
    if (!measures.some((id) => user.measureIds!.includes(id))) {
      fail(
        null,
        'FORBIDDEN',
        `Your token may write to its own measures only; the indicator 「${target.indicator.name}」 belongs to none of them.`,
      );
      return { outcome: 'failed' };
    }
  }
  const name = target.indicator.name;
  const expected = row.expectedRevision;
  let actual = current;
  if (!actual) {
    if (expected != null && expected !== 0) {
      fail(
        'expected_revision',
        'CONFLICT',
        `There is no actual for 「${name}」 in FY${row.fiscalYear} yet, but expected_revision ${expected} was given: leave it empty for a new actual, or reload and try again.`,
      );
      return { outcome: 'failed' };
    }
    actual = {
      id: null,
      planId: target.plan.id,
      indicatorId: row.indicatorId,
      fiscalYear: row.fiscalYear,
      revision: 1,
      valueRaw: value.raw,
      note: row.note,
      storedRevision: 0,
    };
    loaded.actuals.set(key(row.indicatorId, row.fiscalYear), actual);
    return { outcome: 'created', pending: { index, name, row, actual, revision: 1, value } };
  }
  if (expected == null || expected !== actual.revision) {
    fail(
      'expected_revision',
      'CONFLICT',
      expected == null
        ? `An actual for 「${name}」 in FY${row.fiscalYear} exists at revision ${actual.revision}: put ${actual.revision} in expected_revision to revise it.`
        : `The actual for 「${name}」 in FY${row.fiscalYear} is at revision ${actual.revision}, not ${expected}: someone changed it; reload and try again.`,
    );
    return { outcome: 'failed' };
  }
  actual.revision += 1;
  actual.valueRaw = value.raw;
  actual.note = row.note;
  return { outcome: 'revised', pending: { index, name, row, actual, revision: actual.revision, value } };
}

function reportProblems(
  problems: InputProblem[],
  fail: (column: string | null, code: string, message: string) => void,
) {
  if (problems.length === 0) fail(null, 'BAD_USER_INPUT', '');
  for (const p of problems) fail(p.field === 'fiscalYear' ? 'fiscal_year' : p.field, p.code, p.message);
}

/**
 * Writes the checked revisions in at most three statements: new actuals, revised actuals, all revisions.
 * A new actual someone else inserted since the load is that row's CONFLICT (recordActual's lost race):
 * those rows are returned, unwritten, and the caller rolls everything back.
 */
async function write(m: EntityManager, user: User, pending: PendingRevision[]): Promise<PendingRevision[]> {
  const created = [...new Set(pending.filter((p) => p.actual.id === null).map((p) => p.actual))];
  if (created.length > 0) {
    const inserted = (await m.query(
      `INSERT INTO actual (plan_id, indicator_id, fiscal_year, revision, status, approved_revision)
       SELECT v.plan_id, v.indicator_id, v.fiscal_year, v.revision, 'DRAFT', NULL
         FROM unnest($1::int[], $2::int[], $3::int[], $4::int[]) AS v(plan_id, indicator_id, fiscal_year, revision)
       ON CONFLICT (indicator_id, fiscal_year) DO NOTHING
       RETURNING id, indicator_id, fiscal_year`,
      [
        created.map((a) => a.planId),
        created.map((a) => a.indicatorId),
        created.map((a) => a.fiscalYear),
        created.map((a) => a.revision),
      ],
    )) as { id: number; indicator_id: number; fiscal_year: number }[];
    const ids = new Map(inserted.map((r) => [key(r.indicator_id, r.fiscal_year), r.id]));
    for (const a of created) a.id = ids.get(key(a.indicatorId, a.fiscalYear)) ?? null;
    const lost = pending.filter((p) => p.actual.id === null && p.revision === 1);
    if (lost.length > 0) return lost;
  }
  const revised = [...new Set(pending.filter((p) => p.actual.storedRevision > 0).map((p) => p.actual))];
  if (revised.length > 0) {
    await m.query(
      `UPDATE actual a SET revision = v.revision, status = 'DRAFT'
         FROM unnest($1::int[], $2::int[]) AS v(id, revision) WHERE a.id = v.id`,
      [revised.map((a) => a.id), revised.map((a) => a.revision)],
    );
  }
  const at = new Date();
  const col = <T>(f: (p: PendingRevision) => T) => pending.map(f);
  await m.query(
    `INSERT INTO actual_revision (actual_id, revision, action, status, value_raw, value_kind, value_number, value_unit,
                                  value_comparator, value_text, value_note, note, reason, actor, actor_token_id,
                                  recorded_by, recorded_by_token_id, at)
     SELECT v.actual_id, v.revision, 'RECORDED', 'DRAFT', v.raw, v.kind, v.number, v.unit, v.comparator, v.text,
            v.value_note, v.note, NULL, $11, $12::int, $11, $12::int, $13::timestamptz
       FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::float8[], $6::text[], $7::text[], $8::text[],
                   $9::text[], $10::text[])
         AS v(actual_id, revision, raw, kind, number, unit, comparator, text, value_note, note)`,
    [
      col((p) => p.actual.id),
      col((p) => p.revision),
      col((p) => p.value.raw),
      col((p) => p.value.kind),
      col((p) => p.value.number),
      col((p) => p.value.unit),
      col((p) => p.value.comparator),
      col((p) => p.value.text),
      col((p) => p.value.note),
      col((p) => p.row.note),
      user.name,
      user.tokenId,
      at,
    ],
  );
  await emitActualEvents(
    m,
    pending.map((p) => ({ kind: 'ACTUAL_RECORDED', actualId: p.actual.id!, revision: p.revision, actor: user.name })),
  );
  return [];
}

export interface BulkResult {
  outcomes: BulkOutcome[];
  problems: BulkProblem[];
  applied: boolean;
}

/**
 * Checks every row as recordActual would (in file order: a row sees what the rows before it recorded)
 * and, unless `dryRun` or a row fails, writes them all in one transaction. The dry run reads without a
 * transaction, so it holds no connection while it checks.
 */
export async function recordActualsInBulk(
  db: DataSource,
  user: User | null,
  rows: BulkRow[],
  dryRun: boolean,
): Promise<BulkResult> {
  if (!user) throw new AppError('UNAUTHENTICATED', 'This operation needs a bearer token.');
  if (rows.length === 0) return { outcomes: [], problems: [], applied: !dryRun };
  const ids = [...new Set(rows.map((r) => r.indicatorId))];
  const run = async (m: EntityManager): Promise<BulkResult & { pending: PendingRevision[] }> => {
    const loaded = await load(m, user, ids, !dryRun);
    const outcomes: BulkOutcome[] = [];
    const problems: BulkProblem[] = [];
    const pending: PendingRevision[] = [];
    for (let i = 0; i < rows.length; i += 1) {
      if (i > 0 && i % CHECK_CHUNK === 0) await yieldToEventLoop();
      const row = rows[i];
      const result = checkRow(i, row, user, loaded, (column, code, message) =>
        problems.push({ line: row.line, column, code, message }),
      );
      outcomes.push(result.outcome);
      if (result.pending) pending.push(result.pending);
    }
    return { outcomes, problems, pending, applied: false };
  };
  if (dryRun) return run(db.manager);
  try {
    return await inWriteTransaction(db, async (m) => {
      const result = await run(m);
      if (result.problems.length > 0) throw new Rollback(result);
      if (result.pending.length > 0) {
        const lost = await write(m, user, result.pending);
        if (lost.length > 0) throw new Rollback(withLostRaces(result, lost));
      }
      return { ...result, applied: true };
    });
  } catch (error) {
    if (error instanceof Rollback) return error.result;
    throw error;
  }
}

class Rollback extends Error {
  constructor(readonly result: BulkResult) {
    super('rollback');
  }
}

/** Rows whose new actual another request inserted first: recordActual's CONFLICT for a lost race. */
function withLostRaces(result: BulkResult, lost: PendingRevision[]): BulkResult {
  const outcomes = [...result.outcomes];
  const problems = lost.map((p): BulkProblem => {
    outcomes[p.index] = 'failed';
    return {
      line: p.row.line,
      column: null,
      code: 'CONFLICT',
      message: `Another request has just recorded 「${p.name}」 for FY${p.row.fiscalYear}: reload and try again.`,
    };
  });
  return { ...result, outcomes, problems: [...result.problems, ...problems].sort((x, y) => x.line - y.line) };
}
