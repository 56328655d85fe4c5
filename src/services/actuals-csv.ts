import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { AppError } from '../domain/errors';
import { toGlobalId } from 'graphql-relay';
import type { EntityManager } from 'typeorm';
import type { RequestContext as Context } from '../context';
import { recordActual, type InputProblem } from './actuals';
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
  errors: CsvRowError[];
}

class Rollback extends Error {}

function normalizeName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '');
}

function parseCsv(csv: string): { header: Column[]; rows: { line: number; cells: Partial<Record<Column, string>> }[] } {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  let header: string[] = [];
  try {
    records = parse(csv, {
      bom: true,
      columns: (h: string[]) => {
        header = h.map((c) => c.trim().toLowerCase());
        return header;
      },
      skip_empty_lines: true,
      trim: true,
      info: true,
    }) as { record: Record<string, string>; info: { lines: number } }[];
  } catch (error) {
    throw userError('BAD_USER_INPUT', `The CSV cannot be read: ${(error as Error).message}`, { argument: 'csv' });
  }
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
    rows: records.map(({ record, info }) => ({ line: info.lines, cells: record as Partial<Record<Column, string>> })),
  };
}

async function indicatorsByName(m: EntityManager, planCodes: string[]): Promise<Map<string, number[]>> {
  const byName = new Map<string, number[]>();
  if (planCodes.length === 0) return byName;
  const rows = (await m.query(
    'SELECT p.code, i.id, i.name FROM indicator i JOIN plan p ON p.id = i.plan_id WHERE p.code = ANY($1)',
    [planCodes],
  )) as { code: string; id: number; name: string }[];
  for (const r of rows) {
    const key = `${r.code}\u0000${normalizeName(r.name)}`;
    byName.set(key, [...(byName.get(key) ?? []), r.id]);
  }
  return byName;
}

/**
 * Validates every row and, unless `dryRun`, records them all in one transaction — or none, when any
 * row fails. Each row goes through the same path as recordActual (so a dry run checks exactly what a
 * real run would do, then rolls back). A row equal to the current value and note is left unchanged.
 */
export async function importActualsCsv(ctx: Context, csv: string, dryRun: boolean): Promise<ImportActualsReport> {
  const { rows } = parseCsv(csv);
  const report: ImportActualsReport = {
    dryRun,
    applied: false,
    rows: rows.length,
    created: 0,
    revised: 0,
    unchanged: 0,
    errors: [],
  };
  try {
    await ctx.db.transaction(async (m) => {
      const codes = [...new Set(rows.map((r) => r.cells.plan_code).filter((c): c is string => !!c))];
      const names = await indicatorsByName(m, codes);
      const seen = new Map<string, number>();
      for (const { line, cells } of rows) {
        const fail = (column: Column | string | null, code: string, message: string) =>
          report.errors.push({ line, column, code, message });
        let indicatorId: string | null = null;
        if (cells.indicator_id) {
          try {
            parseGlobalId(cells.indicator_id, 'Indicator');
            indicatorId = cells.indicator_id;
          } catch (error) {
            fail('indicator_id', 'BAD_USER_INPUT', (error as Error).message);
            continue;
          }
        } else if (cells.plan_code && cells.indicator_name) {
          const ids = names.get(`${cells.plan_code}\u0000${normalizeName(cells.indicator_name)}`) ?? [];
          if (ids.length !== 1) {
            fail(
              'indicator_name',
              ids.length === 0 ? 'NOT_FOUND' : 'AMBIGUOUS',
              ids.length === 0
                ? `No indicator named 「${cells.indicator_name}」 in plan "${cells.plan_code}".`
                : `${ids.length} indicators are named 「${cells.indicator_name}」 in plan "${cells.plan_code}": give indicator_id instead.`,
            );
            continue;
          }
          indicatorId = toGlobalId('Indicator', String(ids[0]));
        } else {
          fail(
            'indicator_id',
            'BAD_USER_INPUT',
            'The row names no indicator (indicator_id, or plan_code and indicator_name).',
          );
          continue;
        }
        const fiscalYear = Number(cells.fiscal_year);
        if (!/^\d{4}$/.test(cells.fiscal_year ?? '')) {
          fail(
            'fiscal_year',
            'BAD_USER_INPUT',
            `fiscal_year must be a year such as 2021, not "${cells.fiscal_year ?? ''}".`,
          );
          continue;
        }
        const expected = cells.expected_revision ? Number(cells.expected_revision) : null;
        if (expected !== null && !Number.isInteger(expected)) {
          fail(
            'expected_revision',
            'BAD_USER_INPUT',
            `expected_revision must be a whole number, not "${cells.expected_revision}".`,
          );
          continue;
        }
        const key = `${indicatorId}\u0000${fiscalYear}`;
        if (seen.has(key)) {
          fail(null, 'DUPLICATE_ROW', `The same indicator and fiscal year are already on line ${seen.get(key)}.`);
          continue;
        }
        seen.set(key, line);
        const value = cells.value ?? '';
        const note = cells.note ? cells.note : null;
        const { id } = parseGlobalId(indicatorId, 'Indicator');
        const current = (await m.query(
          `SELECT r.value_raw, r.note, a.revision FROM actual a
             JOIN actual_revision r ON r.actual_id = a.id AND r.revision = a.revision
            WHERE a.indicator_id = $1 AND a.fiscal_year = $2`,
          [id, fiscalYear],
        )) as { value_raw: string; note: string | null; revision: number }[];
        if (current[0] && current[0].value_raw === value.trim() && (current[0].note ?? null) === note) {
          report.unchanged += 1;
          continue;
        }
        await m.query('SAVEPOINT csv_row');
        try {
          await recordActual(ctx, { indicatorId, fiscalYear, value, note, expectedRevision: expected }, m);
          await m.query('RELEASE SAVEPOINT csv_row');
          if (current[0]) report.revised += 1;
          else report.created += 1;
        } catch (error) {
          // A connection lost half-way fails the rollback too: the original error says why (unavailable).
          await m.query('ROLLBACK TO SAVEPOINT csv_row').catch(() => {
            throw error;
          });
          if (!(error instanceof AppError)) throw error;
          const code = error.code;
          if (code === 'UNAUTHENTICATED') throw error;
          const problems = (error.details.problems as InputProblem[] | undefined) ?? [];
          if (problems.length === 0) fail(null, code, error.message);
          for (const p of problems) fail(p.field === 'fiscalYear' ? 'fiscal_year' : p.field, p.code, p.message);
        }
      }
      if (dryRun || report.errors.length > 0) throw new Rollback();
      report.applied = true;
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  return report;
}

/**
 * The plan's actuals as CSV, in the columns importActuals reads: export → edit → import round-trips.
 * Each row is the revision the caller's scope shows, and expected_revision is that revision's number
 * (the public never learns that a newer draft exists).
 */
export async function exportActualsCsv(ctx: Context, planCode: string, includeDrafts: boolean): Promise<string> {
  const shown = shownRevisionSql(ctx.viewer.scope(includeDrafts));
  const rows = (await ctx.db.query(
    `SELECT i.id AS indicator_id, p.code AS plan_code, i.name AS indicator_name, a.fiscal_year,
            r.value_raw, r.note, r.revision
       FROM actual a
       JOIN plan p ON p.id = a.plan_id
       JOIN indicator i ON i.id = a.indicator_id
       JOIN actual_revision r ON r.actual_id = a.id AND r.revision = ${shown}
      WHERE p.code = $1
      ORDER BY i.position, a.fiscal_year`,
    [planCode],
  )) as {
    indicator_id: number;
    plan_code: string;
    indicator_name: string;
    fiscal_year: number;
    value_raw: string;
    note: string | null;
    revision: number;
  }[];
  return stringify(
    rows.map((r) => [
      toGlobalId('Indicator', String(r.indicator_id)),
      r.plan_code,
      r.indicator_name,
      r.fiscal_year,
      r.value_raw,
      r.note ?? '',
      r.revision,
    ]),
    { header: true, columns: [...CSV_COLUMNS] },
  );
}
