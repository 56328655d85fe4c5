import { setImmediate } from 'node:timers/promises';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';
import { toGlobalId } from 'graphql-relay';
import type { EntityManager } from 'typeorm';
import type { RequestContext as Context } from '../context';
import { AppError } from '../domain/errors';
import { fiscalYearLabel, parseFiscalYearLabel } from '../domain/fiscal-year';
import { closestNames, toHalfWidth } from '../domain/text';
import { CHECK_CHUNK, recordActualsInBulk, type BulkRow } from './actuals-bulk';
import { parseGlobalId } from './global-id';
import { shownRevisionSql } from './visibility';

function userError(code: 'BAD_USER_INPUT', message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError(code, message, details);
}

// CSV in and out with csv-parse / csv-stringify (RFC 4180 quoting, BOM, CRLF — a solved problem).

export const CSV_COLUMNS = [
  'indicator_id',
  'plan_code',
  'indicator_name',
  'fiscal_year',
  'value',
  'note',
  'expected_revision',
] as const;
type Column = (typeof CSV_COLUMNS)[number];
export const MAX_CSV_ROWS = 5000;

export interface CsvRowError {
  /** Line in the CSV text (the header is line 1). */
  line: number;
  column: string | null;
  code: string;
  message: string;
}

export interface ImportActualsReport {
  dryRun: boolean;
  /** True when the rows were written (not a dry run, and no row had an error). */
  applied: boolean;
  rows: number;
  created: number;
  revised: number;
  unchanged: number;
  /** Rows left with an empty value (a template's unfilled cells): read, not checked, nothing written. */
  skipped: number;
  errors: CsvRowError[];
  /** What happened, in a sentence (e.g. that a template with nothing filled in wrote nothing). */
  summary: string;
}

/** Characters a spreadsheet reads as the start of a formula (OWASP's CSV injection list). */
const FORMULA_START = /^'*[=+\-@\t\r]/;
/** A cell as neutralised on export: one added quote before the quotes and formula character it began with. */
const NEUTRALISED = /^'+[=+\-@\t\r]/;

/**
 * A cell safe to open in a spreadsheet: one beginning with = + - @ tab or CR — after any number of
 * single quotes — gets one more single quote in front (and is quoted). The rule is reversible: on
 * import, `restoreCell` removes exactly one leading quote from a cell of that shape, so `'=x` exported
 * is `''=x` and comes back as `'=x`, while `'abc` is written and read as it is.
 */
export function neutraliseCell(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** The inverse of neutraliseCell, applied to every imported cell. */
export function restoreCell(cell: string): string {
  return NEUTRALISED.test(cell) ? cell.slice(1) : cell;
}

/** Characters parsed between two pauses (the event loop serves other requests in between). */
const PARSE_CHUNK = 4_096;

type Records = { record: Record<string, string>; info: { lines: number } }[];

/** csv-parse fed in slices with a pause after each, so a large file never holds the event loop. */
async function readRecords(csv: string, onHeader: (h: string[]) => string[]): Promise<Records> {
  const parser = parse({ bom: true, columns: onHeader, skip_empty_lines: true, trim: true, info: true });
  const records: Records = [];
  let failure: Error | null = null;
  parser.on('readable', () => {
    let record: Records[number] | null;
    while ((record = parser.read() as Records[number] | null) !== null) records.push(record);
  });
  parser.on('error', (error: Error) => {
    failure ??= error;
  });
  const ended = new Promise<void>((resolve) => {
    parser.once('end', resolve);
    parser.once('error', () => resolve());
  });
  for (let at = 0; at < csv.length && !failure;) {
    let to = Math.min(at + PARSE_CHUNK, csv.length);
    // Never split a surrogate pair: each slice is encoded to UTF-8 on its own.
    if (to < csv.length && /[\uDC00-\uDFFF]/.test(csv[to])) to += 1;
    parser.write(csv.slice(at, to));
    at = to;
    await setImmediate();
  }
  if (!failure) parser.end();
  await ended;
  if (failure) {
    throw userError('BAD_USER_INPUT', `The CSV cannot be read: ${(failure as Error).message}`, { argument: 'csv' });
  }
  return records;
}

type Cells = Partial<Record<Column, string>>;

function normalizeName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '');
}

async function parseCsv(csv: string): Promise<{ header: Column[]; rows: { line: number; cells: Cells }[] }> {
  let header: string[] = [];
  const records = await readRecords(csv, (h: string[]) => {
    header = h.map((c) => c.trim().toLowerCase());
    return header;
  });
  const unknown = header.filter((c) => !(CSV_COLUMNS as readonly string[]).includes(c));
  if (unknown.length > 0) {
    throw userError(
      'BAD_USER_INPUT',
      `Unknown CSV column(s): ${unknown.join(', ')}. Known: ${CSV_COLUMNS.join(', ')}.`,
      {
        argument: 'csv',
      },
    );
  }
  const has = (c: Column) => header.includes(c);
  if (!has('fiscal_year') || !has('value') || !(has('indicator_id') || (has('plan_code') && has('indicator_name')))) {
    throw userError(
      'BAD_USER_INPUT',
      'The CSV header needs fiscal_year, value, and either indicator_id or plan_code with indicator_name.',
      { argument: 'csv' },
    );
  }
  if (records.length > MAX_CSV_ROWS) {
    throw userError('BAD_USER_INPUT', `The CSV has ${records.length} rows; at most ${MAX_CSV_ROWS} per import.`, {
      argument: 'csv',
    });
  }
  return {
    header: header as Column[],
    rows: records.map(({ record, info }) => ({ line: info.lines, cells: restoreCells(record) as Cells })),
  };
}

function restoreCells(record: Record<string, string>): Record<string, string> {
  const cells: Record<string, string> = {};
  for (const [column, cell] of Object.entries(record)) cells[column] = restoreCell(cell);
  return cells;
}

/** The plans' indicators by normalised name (plan code + name → ids), and their printed names per plan code. */
interface IndicatorNames {
  ids: Map<string, number[]>;
  printed: Map<string, string[]>;
}

async function indicatorsByName(m: EntityManager, planCodes: string[]): Promise<IndicatorNames> {
  const byName = new Map<string, number[]>();
  const printed = new Map<string, string[]>();
  if (planCodes.length === 0) return { ids: byName, printed };
  const rows = (await m.query(
    'SELECT p.code, i.id, i.name FROM indicator i JOIN plan p ON p.id = i.plan_id WHERE p.code = ANY($1)',
    [planCodes],
  )) as { code: string; id: number; name: string }[];
  for (const r of rows) {
    const key = `${r.code}\u0000${normalizeName(r.name)}`;
    byName.set(key, [...(byName.get(key) ?? []), r.id]);
    printed.set(r.code, [...(printed.get(r.code) ?? []), r.name]);
  }
  return { ids: byName, printed };
}

/** " Did you mean 「a」 or 「b」?" from the plan's closest indicator names, or nothing when none is close. */
function suggestion(name: string, pool: string[]): string {
  const close = closestNames(name, pool, 3, 0.3);
  return close.length === 0 ? '' : ` Did you mean ${close.map((c) => `「${c}」`).join(' or ')}?`;
}

/** The indicator a row names, or the problem with how it names it. */
function resolveIndicator(
  cells: Cells,
  names: IndicatorNames,
): { globalId: string; id: number } | { column: Column; code: string; message: string } {
  if (cells.indicator_id) {
    try {
      return { globalId: cells.indicator_id, id: parseGlobalId(cells.indicator_id, 'Indicator').id };
    } catch (error) {
      return { column: 'indicator_id', code: 'BAD_USER_INPUT', message: (error as Error).message };
    }
  }
  if (cells.plan_code && cells.indicator_name) {
    const ids = names.ids.get(`${cells.plan_code}\u0000${normalizeName(cells.indicator_name)}`) ?? [];
    if (ids.length === 1) return { globalId: toGlobalId('Indicator', String(ids[0])), id: ids[0] };
    return {
      column: 'indicator_name',
      code: ids.length === 0 ? 'NOT_FOUND' : 'AMBIGUOUS',
      message:
        ids.length === 0
          ? `No indicator named 「${cells.indicator_name}」 in plan "${cells.plan_code}".` +
            suggestion(cells.indicator_name, names.printed.get(cells.plan_code) ?? [])
          : `${ids.length} indicators are named 「${cells.indicator_name}」 in plan "${cells.plan_code}": give indicator_id instead.`,
    };
  }
  return {
    column: 'indicator_id',
    code: 'BAD_USER_INPUT',
    message: 'The row names no indicator (indicator_id, or plan_code and indicator_name).',
  };
}

/**
 * The fiscal_year cell: a Gregorian year (2021), FY2021, or an era label (R3, 令和3年度, 令和元年度, H30年度,
 * full-width digits too). A bare era year without 年度 ("3") is refused as ambiguous.
 */
export function csvFiscalYear(cell: string): number | null {
  const text = toHalfWidth(cell).trim();
  // Four digits are a Gregorian year; a bare shorter number names no calendar (parseFiscalYearLabel refuses it).
  const year = /^\d{4}$/.test(text) ? Number(text) : parseFiscalYearLabel(text);
  return year !== null && year >= 1868 && year <= 9999 ? year : null;
}

/** The row as recordActual input, or the problem with its cells (checks that need no database). */
function readRow(line: number, cells: Cells, names: IndicatorNames, seen: Map<string, number>): BulkRow | CsvRowError {
  const fail = (column: string | null, code: string, message: string): CsvRowError => ({ line, column, code, message });
  const indicator = resolveIndicator(cells, names);
  if ('column' in indicator) return fail(indicator.column, indicator.code, indicator.message);
  const fiscalYear = csvFiscalYear(cells.fiscal_year ?? '');
  if (fiscalYear === null) {
    return fail(
      'fiscal_year',
      'BAD_USER_INPUT',
      `fiscal_year must be a fiscal year such as 2021, FY2021, R3 or 令和3年度, not "${cells.fiscal_year ?? ''}".`,
    );
  }
  const expected = cells.expected_revision ? Number(cells.expected_revision) : null;
  if (expected !== null && !Number.isInteger(expected)) {
    return fail(
      'expected_revision',
      'BAD_USER_INPUT',
      `expected_revision must be a whole number, not "${cells.expected_revision}".`,
    );
  }
  const key = `${indicator.globalId}\u0000${fiscalYear}`;
  const earlier = seen.get(key);
  if (earlier !== undefined) {
    return fail(null, 'DUPLICATE_ROW', `The same indicator and fiscal year are already on line ${earlier}.`);
  }
  seen.set(key, line);
  return {
    line,
    indicatorId: indicator.id,
    indicatorGlobalId: indicator.globalId,
    fiscalYear,
    value: cells.value ?? '',
    note: cells.note ? cells.note : null,
    expectedRevision: expected,
  };
}

/**
 * Validates every row and, unless `dryRun`, records them all in one transaction — or none, when any
 * row fails. The cells are read here; the rows are checked and written set-based (actuals-bulk.ts)
 * with the checks recordActual makes, so a dry run reports exactly what a real run would do. A row
 * equal to the current value and note is left unchanged.
 */
export async function importActualsCsv(ctx: Context, csv: string, dryRun: boolean): Promise<ImportActualsReport> {
  const { rows } = await parseCsv(csv);
  const report: ImportActualsReport = {
    dryRun,
    applied: false,
    rows: rows.length,
    created: 0,
    revised: 0,
    unchanged: 0,
    skipped: 0,
    errors: [],
    summary: '',
  };
  // A row without a value is a cell nobody filled in (a template's): skipped before any check.
  const filled = rows.filter((r) => (r.cells.value ?? '').trim() !== '');
  report.skipped = rows.length - filled.length;
  if (filled.length === 0) {
    // Nothing to check or write; the token is still required, as for any import.
    await recordActualsInBulk(ctx.db, ctx.viewer.user, [], true);
    report.summary =
      rows.length === 0
        ? 'Nothing written: the CSV has no data rows.'
        : `Nothing written: every one of the ${rows.length} rows has an empty value (skipped). Fill in the value column.`;
    return report;
  }
  const codes = [...new Set(filled.map((r) => r.cells.plan_code).filter((c): c is string => !!c))];
  const names = await indicatorsByName(ctx.db.manager, codes);
  const seen = new Map<string, number>();
  const early: CsvRowError[] = [];
  const valid: BulkRow[] = [];
  for (let i = 0; i < filled.length; i += 1) {
    if (i > 0 && i % CHECK_CHUNK === 0) await setImmediate();
    const read = readRow(filled[i].line, filled[i].cells, names, seen);
    if ('indicatorId' in read) valid.push(read);
    else early.push(read);
  }
  // A file with a bad row writes nothing: its other rows are only checked.
  const result = await recordActualsInBulk(ctx.db, ctx.viewer.user, valid, dryRun || early.length > 0);
  for (const outcome of result.outcomes) if (outcome !== 'failed') report[outcome] += 1;
  // Rows in file order, as one pass over the file reports them.
  report.errors = [...early, ...result.problems].sort((x, y) => x.line - y.line);
  report.applied = result.applied && report.errors.length === 0;
  report.summary = summarise(report);
  return report;
}

function summarise(r: ImportActualsReport): string {
  const skipped = r.skipped > 0 ? `, ${r.skipped} skipped (empty value)` : '';
  if (r.errors.length > 0) {
    return `Nothing written: ${r.errors.length} problem(s) in the rows (see errors)${skipped}.`;
  }
  const counts = `${r.created} created, ${r.revised} revised, ${r.unchanged} unchanged${skipped}`;
  return r.dryRun
    ? `Dry run, nothing written: ${counts}. Import with dryRun: false to write.`
    : `Written in one transaction: ${counts}.`;
}

export interface ExportOptions {
  /** Only this fiscal year's rows (it must be a year of the plan). */
  fiscalYear?: number | null;
  /** Every indicator × year of the plan (or × fiscalYear), value empty, to fill in and import. */
  template?: boolean;
}

interface PlanYears {
  id: number;
  baseYear: number;
  finalYear: number;
}

async function planYears(ctx: Context, planCode: string): Promise<PlanYears | null> {
  const [plan] = (await ctx.db.query(
    'SELECT id, base_year AS "baseYear", final_year AS "finalYear" FROM plan WHERE code = $1',
    [planCode],
  )) as PlanYears[];
  return plan ?? null;
}

function checkYear(planCode: string, plan: PlanYears, fiscalYear: number): void {
  if (Number.isInteger(fiscalYear) && fiscalYear >= plan.baseYear && fiscalYear <= plan.finalYear) return;
  const years: number[] = [];
  for (let y = plan.baseYear; y <= plan.finalYear; y += 1) years.push(y);
  throw userError(
    'BAD_USER_INPUT',
    `fiscalYear ${fiscalYear} is not a year of plan "${planCode}": its years are ${plan.baseYear} to ` +
      `${plan.finalYear} (${fiscalYearLabel(plan.baseYear)} to ${fiscalYearLabel(plan.finalYear)}).`,
    { argument: 'fiscalYear', years },
  );
}

/**
 * The plan's actuals as CSV, in the columns importActuals reads: export → edit → import round-trips.
 * Each row is the revision the caller's scope shows, and expected_revision is that revision's number
 * (the public never learns that a newer draft exists). Cells a spreadsheet would run as a formula are
 * neutralised (neutraliseCell). `fiscalYear` keeps that year's rows; `template` lists every indicator ×
 * year instead (exportTemplate).
 */
export async function exportActualsCsv(
  ctx: Context,
  planCode: string,
  includeDrafts: boolean,
  options: ExportOptions = {},
): Promise<string> {
  const fiscalYear = options.fiscalYear ?? null;
  if (options.template || fiscalYear !== null) {
    const plan = await planYears(ctx, planCode);
    if (!plan) throw new AppError('NOT_FOUND', `No plan with code "${planCode}".`, { argument: 'planCode' });
    if (fiscalYear !== null) checkYear(planCode, plan, fiscalYear);
    if (options.template) return exportTemplate(ctx, planCode, plan, includeDrafts, fiscalYear);
  }
  const shown = shownRevisionSql(ctx.viewer.scope(includeDrafts));
  const rows = (await ctx.db.query(
    `SELECT i.id AS indicator_id, i.name AS indicator_name, a.fiscal_year, r.value_raw, r.note, r.revision
       FROM actual a
       JOIN plan p ON p.id = a.plan_id
       JOIN indicator i ON i.id = a.indicator_id
       JOIN actual_revision r ON r.actual_id = a.id AND r.revision = ${shown}
      WHERE p.code = $1 AND ($2::int IS NULL OR a.fiscal_year = $2)
      ORDER BY i.position, i.id, a.fiscal_year`,
    [planCode, fiscalYear],
  )) as CsvRow[];
  return toCsv(planCode, rows);
}

interface CsvRow {
  indicator_id: number;
  indicator_name: string;
  fiscal_year: number;
  value_raw: string | null;
  note: string | null;
  revision: number | null;
}

function toCsv(planCode: string, rows: CsvRow[]): string {
  return stringify(
    rows.map((r) =>
      [
        toGlobalId('Indicator', String(r.indicator_id)),
        planCode,
        r.indicator_name,
        String(r.fiscal_year),
        r.value_raw ?? '',
        r.note ?? '',
        r.revision === null ? '' : String(r.revision),
      ].map(neutraliseCell),
    ),
    { header: true, columns: [...CSV_COLUMNS], quoted_match: NEUTRALISED },
  );
}

/**
 * Every indicator of the plan × every year of the plan (or the one fiscalYear), in the export's columns,
 * the value empty. A row whose actual exists carries its note and its revision as expected_revision, so
 * that the filled-in file imports as it is; importActuals skips the rows left empty. Token holders get
 * the latest revision numbers (drafts included: anything older would be a CONFLICT on import); the
 * public, who cannot import, the approved ones.
 */
async function exportTemplate(
  ctx: Context,
  planCode: string,
  plan: PlanYears,
  includeDrafts: boolean,
  fiscalYear: number | null,
): Promise<string> {
  const shown = shownRevisionSql(ctx.viewer.scope(includeDrafts ? true : undefined));
  const rows = (await ctx.db.query(
    `SELECT i.id AS indicator_id, i.name AS indicator_name, y.fiscal_year, NULL AS value_raw, r.note, r.revision
       FROM indicator i
      CROSS JOIN generate_series($2::int, $3::int) AS y(fiscal_year)
       LEFT JOIN actual a ON a.indicator_id = i.id AND a.fiscal_year = y.fiscal_year
       LEFT JOIN actual_revision r ON r.actual_id = a.id AND r.revision = ${shown}
      WHERE i.plan_id = $1
      ORDER BY i.position, i.id, y.fiscal_year`,
    [plan.id, fiscalYear ?? plan.baseYear, fiscalYear ?? plan.finalYear],
  )) as CsvRow[];
  return toCsv(planCode, rows);
}
