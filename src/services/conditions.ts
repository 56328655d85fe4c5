import type { DataSource } from 'typeorm';
import {
  Footnote,
  Indicator,
  IndicatorFootnote,
  Measure,
  MeasureProject,
  Plan,
  Policy,
  Project,
  ProjectIndicator,
  Target,
  TargetFootnote,
} from '../entities';
import { shapeOf } from '../loaders';
import type { EntityClass } from '../loaders/shape';
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
// targets by their indicator, so a filter field means the same everywhere. Table and column names come
// from the TypeORM metadata (the same shapes the loaders select with); the indicator_scope view has none.

export interface Sql {
  where: string[];
  params: Record<string, unknown>;
}

/** Conditions joined with AND (TRUE when there are none). */
export function allOf(where: readonly string[]): string {
  return where.length === 0 ? 'TRUE' : where.map((w) => `(${w})`).join(' AND ');
}

/** Collects conditions with parameter names unique within one statement. */
export class Conditions implements Sql {
  readonly where: string[] = [];
  readonly params: Record<string, unknown> = {};
  private n = 0;

  constructor(
    readonly ds: DataSource,
    private readonly prefix: string,
  ) {}

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
    return allOf(this.where);
  }

  /**
   * `alias."column"` of an entity's property (`c.col('e', Indicator, 'planId')` → `e."plan_id"`), or of
   * an embedded one by its path (`c.col('t', Target, 'value.kind')` → `t."value_kind"`).
   */
  col<T>(
    alias: string,
    entity: EntityClass<T>,
    property: (keyof T & string) | `${keyof T & string}.${string}`,
  ): string {
    return `${alias}.${shapeOf(this.ds, entity).column(property)}`;
  }

  /** `table alias` of an entity, for a sub-select. */
  from(entity: EntityClass<unknown>, alias: string): string {
    return `${shapeOf(this.ds, entity).table} ${alias}`;
  }

  /** A nested collector for a sub-select, with its own parameter names. */
  child(prefix: string): Conditions {
    return new Conditions(this.ds, prefix);
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

function plan<T extends { planId: number }>(
  c: Conditions,
  alias: string,
  entity: EntityClass<T>,
  code?: string | null,
): void {
  if (code == null) return;
  c.add(
    `${c.col(alias, entity, 'planId')} = (SELECT p.id FROM ${c.from(Plan, 'p')} WHERE ${c.col('p', Plan, 'code')} = ${c.param(code)})`,
  );
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

/** The measures of the policy with a number: `SELECT m.id …` for an IN (…). */
function measuresOfPolicy(c: Conditions, number: number | string): string {
  const n = typeof number === 'string' ? number : c.param(number);
  return `SELECT m.id FROM ${c.from(Measure, 'm')} JOIN ${c.from(Policy, 'po')} ON po.id = ${c.col('m', Measure, 'policyId')}
    WHERE ${c.col('po', Policy, 'number')} = ${n}`;
}

export function policyConditions(c: Conditions, alias: string, f: PolicyFilter | null | undefined): void {
  if (!f) return;
  plan(c, alias, Policy, f.planCode);
  const number = f.policyNumber ?? f.number;
  if (number != null) c.add(`${c.col(alias, Policy, 'number')} = ${c.param(number)}`);
  search(c, [c.col(alias, Policy, 'title')], f.search);
}

export function measureConditions(c: Conditions, alias: string, f: MeasureFilter | null | undefined): void {
  if (!f) return;
  plan(c, alias, Measure, f.planCode);
  if (f.policyNumber != null) {
    c.add(
      `${c.col(alias, Measure, 'policyId')} IN (SELECT po.id FROM ${c.from(Policy, 'po')} WHERE ${c.col('po', Policy, 'number')} = ${c.param(f.policyNumber)})`,
    );
  }
  if (f.footnoteCategory != null) {
    c.add(
      `EXISTS (SELECT 1 FROM ${c.from(Footnote, 'f')} WHERE ${c.col('f', Footnote, 'measureId')} = ${alias}.id AND ${c.col('f', Footnote, 'category')} = ${c.param(f.footnoteCategory)})`,
    );
  }
  search(c, [c.col(alias, Measure, 'title'), c.col(alias, Measure, 'purpose')], f.search);
}

export function projectConditions(c: Conditions, alias: string, f: ProjectFilter | null | undefined): void {
  if (!f) return;
  plan(c, alias, Project, f.planCode);
  const mp = (where: string) =>
    `${alias}.id IN (SELECT ${c.col('mp', MeasureProject, 'projectId')} FROM ${c.from(MeasureProject, 'mp')} WHERE ${where})`;
  if (f.policyNumber != null) {
    c.add(mp(`${c.col('mp', MeasureProject, 'measureId')} IN (${measuresOfPolicy(c, f.policyNumber)})`));
  }
  if (f.measureId != null) {
    const { id } = parseGlobalId(f.measureId, 'Measure');
    c.add(mp(`${c.col('mp', MeasureProject, 'measureId')} = ${c.param(id)}`));
  }
  if (f.footnoteCategory != null) {
    c.add(
      `EXISTS (SELECT 1 FROM ${c.from(Footnote, 'f')} WHERE ${c.col('f', Footnote, 'projectId')} = ${alias}.id AND ${c.col('f', Footnote, 'category')} = ${c.param(f.footnoteCategory)})`,
    );
  }
  search(c, [c.col(alias, Project, 'title'), `array_to_string(${c.col(alias, Project, 'approach')}, ' ')`], f.search);
}

/**
 * Conditions on an indicator row. `visibleActual` is the SQL that says an actual row `a` counts
 * (services/catalog.ts filterActualSql). Progress status is not SQL: the caller filters on it afterwards.
 */
export function indicatorConditions(
  c: Conditions,
  alias: string,
  f: IndicatorFilter | null | undefined,
  visibleActual: string,
  options: { cellFilters?: boolean } = {},
): void {
  if (!f) return;
  plan(c, alias, Indicator, f.planCode);
  // indicator_scope (a view, no entity): every measure an indicator is under, directly or through a project.
  if (f.policyNumber != null) {
    c.add(`EXISTS (SELECT 1 FROM indicator_scope s WHERE s.indicator_id = ${alias}.id
      AND s.measure_id IN (${measuresOfPolicy(c, f.policyNumber)}))`);
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
      `EXISTS (SELECT 1 FROM ${c.from(ProjectIndicator, 'pi')} WHERE ${c.col('pi', ProjectIndicator, 'indicatorId')} = ${alias}.id AND ${c.col('pi', ProjectIndicator, 'projectId')} = ${c.param(id)})`,
    );
  }
  if (f.kind != null) c.add(`${c.col(alias, Indicator, 'kind')} = ${c.param(f.kind)}`);
  if (f.direction != null) c.add(`${c.col(alias, Indicator, 'direction')} = ${c.param(f.direction)}`);
  if (f.cumulative != null) c.add(`${c.col(alias, Indicator, 'cumulative')} = ${c.param(f.cumulative)}`);
  search(c, [c.col(alias, Indicator, 'name')], f.search);
  if (options.cellFilters === false) return;
  if (f.unit != null) c.add(`${c.col(alias, Indicator, 'unit')} = ${c.param(f.unit)}`);
  const tIndicator = c.col('t', Target, 'indicatorId');
  const tYear = c.col('t', Target, 'fiscalYear');
  // Cell conditions: the indicator has a cell in the years asked, of the kind asked.
  const cell = yearRange(c, tYear, f);
  if (f.valueKind != null) cell.push(`${c.col('t', Target, 'value.kind')} = ${c.param(f.valueKind)}`);
  if (cell.length > 0) {
    c.add(`EXISTS (SELECT 1 FROM ${c.from(Target, 't')} WHERE ${tIndicator} = ${alias}.id AND ${cell.join(' AND ')})`);
  }
  if (f.footnoteCategory != null) {
    const category = c.param(f.footnoteCategory);
    const years = yearRange(c, tYear, f);
    c.add(`EXISTS (SELECT 1 FROM ${c.from(IndicatorFootnote, 'x')} JOIN ${c.from(Footnote, 'f')} ON f.id = ${c.col('x', IndicatorFootnote, 'footnoteId')}
        WHERE ${c.col('x', IndicatorFootnote, 'indicatorId')} = ${alias}.id AND ${c.col('f', Footnote, 'category')} = ${category})
      OR EXISTS (SELECT 1 FROM ${c.from(Target, 't')} JOIN ${c.from(TargetFootnote, 'tf')} ON ${c.col('tf', TargetFootnote, 'targetId')} = t.id
        JOIN ${c.from(Footnote, 'f')} ON f.id = ${c.col('tf', TargetFootnote, 'footnoteId')}
        WHERE ${tIndicator} = ${alias}.id AND ${c.col('f', Footnote, 'category')} = ${category}${years.map((y) => ` AND ${y}`).join('')})`);
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
  plan(c, alias, Target, f.planCode);
  const indicatorId = c.col(alias, Target, 'indicatorId');
  const fiscalYear = c.col(alias, Target, 'fiscalYear');
  const ind = c.child(`${alias}_i`);
  indicatorConditions(ind, 'i', { ...f, planCode: null }, visibleActual, { cellFilters: false });
  if (ind.where.length > 0) {
    c.add(`${indicatorId} IN (SELECT i.id FROM ${c.from(Indicator, 'i')} WHERE ${ind.sql()})`);
    Object.assign(c.params, ind.params);
  }
  if (f.indicatorId != null) c.add(`${indicatorId} = ${c.param(parseGlobalId(f.indicatorId, 'Indicator').id)}`);
  if (f.unit != null) c.add(`${c.col(alias, Target, 'value.unit')} = ${c.param(f.unit)}`);
  for (const y of yearRange(c, fiscalYear, f)) c.add(y);
  if (f.valueKind != null) c.add(`${c.col(alias, Target, 'value.kind')} = ${c.param(f.valueKind)}`);
  if (f.role != null) c.add(`${c.col(alias, Target, 'role')} = ${c.param(f.role)}`);
  if (f.footnoteCategory != null) {
    c.add(`EXISTS (SELECT 1 FROM ${c.from(TargetFootnote, 'tf')} JOIN ${c.from(Footnote, 'f')} ON f.id = ${c.col('tf', TargetFootnote, 'footnoteId')}
      WHERE ${c.col('tf', TargetFootnote, 'targetId')} = ${alias}.id AND ${c.col('f', Footnote, 'category')} = ${c.param(f.footnoteCategory)})`);
  }
  if (f.hasActual != null) {
    c.add(`${f.hasActual ? '' : 'NOT '}EXISTS (SELECT 1 FROM actual a WHERE a.indicator_id = ${indicatorId}
      AND a.fiscal_year = ${fiscalYear} AND ${visibleActual})`);
  }
}

export function footnoteConditions(c: Conditions, alias: string, f: FootnoteFilter | null | undefined): void {
  if (!f) return;
  plan(c, alias, Footnote, f.planCode);
  const measureId = c.col(alias, Footnote, 'measureId');
  const projectId = c.col(alias, Footnote, 'projectId');
  if (f.policyNumber != null) {
    const n = c.param(f.policyNumber);
    c.add(`${measureId} IN (${measuresOfPolicy(c, n)})
      OR ${projectId} IN (SELECT ${c.col('mp', MeasureProject, 'projectId')} FROM ${c.from(MeasureProject, 'mp')}
        WHERE ${c.col('mp', MeasureProject, 'measureId')} IN (${measuresOfPolicy(c, n)}))`);
  }
  if (f.measureId != null) c.add(`${measureId} = ${c.param(parseGlobalId(f.measureId, 'Measure').id)}`);
  if (f.projectId != null) c.add(`${projectId} = ${c.param(parseGlobalId(f.projectId, 'Project').id)}`);
  const category = f.footnoteCategory ?? f.category;
  if (category != null) c.add(`${c.col(alias, Footnote, 'category')} = ${c.param(category)}`);
  if (f.fiscalYear != null) {
    c.add(`EXISTS (SELECT 1 FROM ${c.from(TargetFootnote, 'tf')} JOIN ${c.from(Target, 't')} ON t.id = ${c.col('tf', TargetFootnote, 'targetId')}
      WHERE ${c.col('tf', TargetFootnote, 'footnoteId')} = ${alias}.id AND ${c.col('t', Target, 'fiscalYear')} = ${c.param(f.fiscalYear)})`);
  }
  search(c, [c.col(alias, Footnote, 'text')], f.search);
}
