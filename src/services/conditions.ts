import { parseGlobalId } from './global-id';
import type {
  FootnoteFilterSpec as FootnoteFilter,
  IndicatorFilterSpec as IndicatorFilter,
  MeasureFilterSpec as MeasureFilter,
  PolicyFilterSpec as PolicyFilter,
  ProjectFilterSpec as ProjectFilter,
  TargetFilterSpec as TargetFilter,
} from './specs';

// SQL conditions for the filters, as text on a given table alias plus named parameters. The same
// builders serve the root connections, the nested filtered lists and the sub-selects that filter
// targets by their indicator, so a filter field means the same everywhere.

export interface Sql {
  where: string[];
  params: Record<string, unknown>;
}

/** Collects conditions with parameter names unique within one statement. */
export class Conditions implements Sql {
  readonly where: string[] = [];
  readonly params: Record<string, unknown> = {};
  private n = 0;

  constructor(private readonly prefix: string) {}

  param(value: unknown): string {
    const name = `${this.prefix}${this.n++}`;
    this.params[name] = value;
    return `:${name}`;
  }

  add(sql: string): void {
    this.where.push(sql);
  }

  /** All conditions joined with AND (TRUE when there are none). */
  sql(): string {
    return this.where.length === 0 ? 'TRUE' : this.where.map((w) => `(${w})`).join(' AND ');
  }
}

/** Escapes LIKE wildcards so a search for "100%" looks for the percent sign. */
function likePattern(term: string): string {
  return `%${term.normalize('NFKC').replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Case-insensitive substring on any of `columns`, full- and half-width alike (NFKC; trigram-indexed). */
function search(c: Conditions, columns: string[], term?: string | null): void {
  if (!term) return;
  const p = c.param(likePattern(term));
  c.add(columns.map((col) => `normalize(${col}, NFKC) ILIKE ${p}`).join(' OR '));
}

function plan(c: Conditions, alias: string, code?: string | null): void {
  if (code != null) c.add(`${alias}.plan_id = (SELECT p.id FROM plan p WHERE p.code = ${c.param(code)})`);
}

function yearRange(
  c: Conditions,
  column: string,
  f: { fiscalYear?: number | null; fiscalYearFrom?: number | null; fiscalYearTo?: number | null },
): string[] {
  const parts: string[] = [];
  if (f.fiscalYear != null) parts.push(`${column} = ${c.param(f.fiscalYear)}`);
  if (f.fiscalYearFrom != null) parts.push(`${column} >= ${c.param(f.fiscalYearFrom)}`);
  if (f.fiscalYearTo != null) parts.push(`${column} <= ${c.param(f.fiscalYearTo)}`);
  return parts;
}

export function policyConditions(c: Conditions, alias: string, f: PolicyFilter | null | undefined): void {
  if (!f) return;
  plan(c, alias, f.planCode);
  const number = f.policyNumber ?? f.number;
  if (number != null) c.add(`${alias}.number = ${c.param(number)}`);
  search(c, [`${alias}.title`], f.search);
}

export function measureConditions(c: Conditions, alias: string, f: MeasureFilter | null | undefined): void {
  if (!f) return;
  plan(c, alias, f.planCode);
  if (f.policyNumber != null) {
    c.add(`${alias}.policy_id IN (SELECT po.id FROM policy po WHERE po.number = ${c.param(f.policyNumber)})`);
  }
  if (f.footnoteCategory != null) {
    c.add(
      `EXISTS (SELECT 1 FROM footnote f WHERE f.measure_id = ${alias}.id AND f.category = ${c.param(f.footnoteCategory)})`,
    );
  }
  search(c, [`${alias}.title`, `${alias}.purpose`], f.search);
}

export function projectConditions(c: Conditions, alias: string, f: ProjectFilter | null | undefined): void {
  if (!f) return;
  plan(c, alias, f.planCode);
  if (f.policyNumber != null) {
    c.add(`${alias}.id IN (SELECT mp.project_id FROM measure_project mp JOIN measure m ON m.id = mp.measure_id
      JOIN policy po ON po.id = m.policy_id WHERE po.number = ${c.param(f.policyNumber)})`);
  }
  if (f.measureId != null) {
    const { id } = parseGlobalId(f.measureId, 'Measure');
    c.add(`${alias}.id IN (SELECT mp.project_id FROM measure_project mp WHERE mp.measure_id = ${c.param(id)})`);
  }
  if (f.footnoteCategory != null) {
    c.add(
      `EXISTS (SELECT 1 FROM footnote f WHERE f.project_id = ${alias}.id AND f.category = ${c.param(f.footnoteCategory)})`,
    );
  }
  search(c, [`${alias}.title`, `array_to_string(${alias}.approach, ' ')`], f.search);
}

/**
 * Conditions on an indicator row. `visibleActual` is the SQL that says an actual row `a` counts
 * (approved only for the public). Progress status is not SQL: the caller filters on it afterwards.
 */
export function indicatorConditions(
  c: Conditions,
  alias: string,
  f: IndicatorFilter | null | undefined,
  visibleActual: string,
  options: { cellFilters?: boolean } = {},
): void {
  if (!f) return;
  plan(c, alias, f.planCode);
  if (f.policyNumber != null) {
    c.add(`EXISTS (SELECT 1 FROM indicator_scope s JOIN measure m ON m.id = s.measure_id JOIN policy po ON po.id = m.policy_id
      WHERE s.indicator_id = ${alias}.id AND po.number = ${c.param(f.policyNumber)})`);
  }
  if (f.measureId != null) {
    const { id } = parseGlobalId(f.measureId, 'Measure');
    c.add(
      `EXISTS (SELECT 1 FROM indicator_scope s WHERE s.indicator_id = ${alias}.id AND s.measure_id = ${c.param(id)})`,
    );
  }
  if (f.projectId != null) {
    const { id } = parseGlobalId(f.projectId, 'Project');
    c.add(
      `EXISTS (SELECT 1 FROM project_indicator pi WHERE pi.indicator_id = ${alias}.id AND pi.project_id = ${c.param(id)})`,
    );
  }
  if (f.kind != null) c.add(`${alias}.kind = ${c.param(f.kind)}`);
  if (f.direction != null) c.add(`${alias}.direction = ${c.param(f.direction)}`);
  if (f.cumulative != null) c.add(`${alias}.cumulative = ${c.param(f.cumulative)}`);
  search(c, [`${alias}.name`], f.search);
  if (options.cellFilters === false) return;
  if (f.unit != null) c.add(`${alias}.unit = ${c.param(f.unit)}`);
  // Cell conditions: the indicator has a cell in the years asked, of the kind asked.
  const cell = yearRange(c, 't.fiscal_year', f);
  if (f.valueKind != null) cell.push(`t.value_kind = ${c.param(f.valueKind)}`);
  if (cell.length > 0)
    c.add(`EXISTS (SELECT 1 FROM target t WHERE t.indicator_id = ${alias}.id AND ${cell.join(' AND ')})`);
  if (f.footnoteCategory != null) {
    const category = c.param(f.footnoteCategory);
    const years = yearRange(c, 't.fiscal_year', f);
    c.add(`EXISTS (SELECT 1 FROM indicator_footnote x JOIN footnote f ON f.id = x.footnote_id
        WHERE x.indicator_id = ${alias}.id AND f.category = ${category})
      OR EXISTS (SELECT 1 FROM target t JOIN target_footnote tf ON tf.target_id = t.id JOIN footnote f ON f.id = tf.footnote_id
        WHERE t.indicator_id = ${alias}.id AND f.category = ${category}${years.map((y) => ` AND ${y}`).join('')})`);
  }
  if (f.hasActual != null) {
    const years = yearRange(c, 'a.fiscal_year', f);
    c.add(
      `${f.hasActual ? '' : 'NOT '}EXISTS (SELECT 1 FROM actual a WHERE a.indicator_id = ${alias}.id AND ${visibleActual}${years.map((y) => ` AND ${y}`).join('')})`,
    );
  }
}

/** Conditions on a target (cell) row: its own columns, and its indicator's through a sub-select. */
export function targetConditions(
  c: Conditions,
  alias: string,
  f: TargetFilter | null | undefined,
  visibleActual: string,
): void {
  if (!f) return;
  plan(c, alias, f.planCode);
  const ind = new Conditions(`${alias}_i`);
  indicatorConditions(ind, 'i', { ...f, planCode: null }, visibleActual, { cellFilters: false });
  if (ind.where.length > 0) {
    c.add(`${alias}.indicator_id IN (SELECT i.id FROM indicator i WHERE ${ind.sql()})`);
    Object.assign(c.params, ind.params);
  }
  if (f.indicatorId != null) c.add(`${alias}.indicator_id = ${c.param(parseGlobalId(f.indicatorId, 'Indicator').id)}`);
  if (f.unit != null) c.add(`${alias}.value_unit = ${c.param(f.unit)}`);
  for (const y of yearRange(c, `${alias}.fiscal_year`, f)) c.add(y);
  if (f.valueKind != null) c.add(`${alias}.value_kind = ${c.param(f.valueKind)}`);
  if (f.role != null) c.add(`${alias}.role = ${c.param(f.role)}`);
  if (f.footnoteCategory != null) {
    c.add(`EXISTS (SELECT 1 FROM target_footnote tf JOIN footnote f ON f.id = tf.footnote_id
      WHERE tf.target_id = ${alias}.id AND f.category = ${c.param(f.footnoteCategory)})`);
  }
  if (f.hasActual != null) {
    c.add(`${f.hasActual ? '' : 'NOT '}EXISTS (SELECT 1 FROM actual a WHERE a.indicator_id = ${alias}.indicator_id
      AND a.fiscal_year = ${alias}.fiscal_year AND ${visibleActual})`);
  }
}

export function footnoteConditions(c: Conditions, alias: string, f: FootnoteFilter | null | undefined): void {
  if (!f) return;
  plan(c, alias, f.planCode);
  if (f.policyNumber != null) {
    const n = c.param(f.policyNumber);
    c.add(`${alias}.measure_id IN (SELECT m.id FROM measure m JOIN policy po ON po.id = m.policy_id WHERE po.number = ${n})
      OR ${alias}.project_id IN (SELECT mp.project_id FROM measure_project mp JOIN measure m ON m.id = mp.measure_id
        JOIN policy po ON po.id = m.policy_id WHERE po.number = ${n})`);
  }
  if (f.measureId != null) c.add(`${alias}.measure_id = ${c.param(parseGlobalId(f.measureId, 'Measure').id)}`);
  if (f.projectId != null) c.add(`${alias}.project_id = ${c.param(parseGlobalId(f.projectId, 'Project').id)}`);
  const category = f.footnoteCategory ?? f.category;
  if (category != null) c.add(`${alias}.category = ${c.param(category)}`);
  if (f.fiscalYear != null) {
    c.add(`EXISTS (SELECT 1 FROM target_footnote tf JOIN target t ON t.id = tf.target_id
      WHERE tf.footnote_id = ${alias}.id AND t.fiscal_year = ${c.param(f.fiscalYear)})`);
  }
  search(c, [`${alias}.text`], f.search);
}
