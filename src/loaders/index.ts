import DataLoader from 'dataloader';
import type { DataSource, ObjectLiteral } from 'typeorm';
import {
  Actual,
  ActualRevision,
  Footnote,
  Indicator,
  Measure,
  Plan,
  type PlanValue,
  Policy,
  Project,
  StatusLevel,
  Target,
} from '../entities';
import type { GradeLevel, GradingPreset, GradingScaleData } from '../domain/grading';
import type { ActualScope } from '../context/viewer';
import { shownRevisionSql } from '../services/visibility';
import { compileRelation, relations, type EntityOf, type RelationName } from './relations';
import { shapeOf, type EntityClass, type Row } from './shape';
import { sharedDataSource } from '../db/query-counter';
import { forKeys, keyedSql, queryKeys, type KeyedSql } from './keys';

export { canonicalKey } from './key';

/** A stored grading scale: the domain's scale plus its plan and the preset it came from (null: custom). */
export interface GradingScaleRow extends GradingScaleData {
  planId: number;
  preset: GradingPreset | null;
}
export { relations, type EntityOf, type RelationName } from './relations';
export { shapeOf, type Shape } from './shape';

/** Loads rows by primary key: one `WHERE id = ANY($1)` per batch (`= $1` for one key), results in key order. */
function byId<T extends ObjectLiteral & { id: number }>(
  ds: DataSource,
  entity: EntityClass<T>,
): DataLoader<number, T | null> {
  const e = shapeOf(ds, entity);
  const sql = keyedSql(`SELECT ${e.select('e')} FROM ${e.table} "e" WHERE "e"."id" = ANY($1)`);
  return new DataLoader<number, T | null>(async (ids) => {
    const rows = ((await queryKeys(ds, sql, ids)) as Row[]).map((row) => e.hydrate(row, 'e'));
    const found = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => found.get(id) ?? null);
  });
}

/** Extra SQL conditions on a relation's far entity `e` (named `:params`, as TypeORM's query builder takes). */
export interface RelationWhere {
  sql: string;
  params: Record<string, unknown>;
}

/**
 * The loader of a relation of the registry, optionally narrowed by `where`: one statement per batch of
 * parents (`parent = ANY(…)`; `parent = …` for one parent, see keys.ts), rows grouped per parent in the relation's
 * order.
 */
export function relationLoader<R extends RelationName>(
  ds: DataSource,
  name: R,
  where?: RelationWhere,
): DataLoader<number, EntityOf<R>[]> {
  const r = compileRelation(ds, name);
  const text = keyedSql(
    `SELECT ${r.parent} AS "parent", ${r.shape.select('e')} FROM ${r.from} WHERE ${r.parent} = ANY(:parents)` +
      `${where ? ` AND (${where.sql})` : ''} ORDER BY ${r.order}`,
    '= ANY(:parents)',
    '= :parents',
  );
  return new DataLoader<number, EntityOf<R>[]>(async (parentIds) => {
    const [one, parents] = forKeys(text, parentIds);
    const [sql, params] = ds.driver.escapeQueryWithParameters(one, { ...where?.params, parents });
    const groups = new Map<number, EntityOf<R>[]>(parentIds.map((id) => [id, []]));
    for (const row of (await ds.query(sql, params)) as Row[]) {
      groups.get(row.parent as number)?.push(r.shape.hydrate(row, 'e'));
    }
    return parentIds.map((id) => groups.get(id) ?? []);
  });
}

/** The ordered words of text statuses for each plan: the shared defaults plus the plan's own words. */
function statusScale(ds: DataSource): DataLoader<number, StatusLevel[]> {
  const s = shapeOf(ds, StatusLevel);
  const sql = keyedSql(
    `SELECT ${s.select('s')} FROM ${s.table} "s" WHERE "s".${s.column('planId')} IS NULL ` +
      `OR "s".${s.column('planId')} = ANY($1) ORDER BY "s".${s.column('rank')} ASC`,
  );
  return new DataLoader<number, StatusLevel[]>(async (planIds) => {
    const rows = ((await queryKeys(ds, sql, planIds)) as Row[]).map((row) => s.hydrate(row, 's'));
    return planIds.map((planId) => {
      // A plan's own word overrides the shared rank of the same word.
      const own = rows.filter((r) => r.planId === planId);
      return [...own, ...rows.filter((r) => r.planId === null && !own.some((o) => o.word === r.word))];
    });
  });
}

/** An indicator with a target in a fiscal year, the state of its actual that year and whose it is. */
export interface ReportingRow {
  id: number;
  status: string | null;
  approvedRevision: number | null;
  lastAction: string | null;
  measureIds: number[];
  policyIds: number[];
}

const REPORTING_SQL = `
  SELECT k.plan_id, k.year, i.id, a.status, a.approved_revision, r.action AS last_action,
         ARRAY(SELECT s.measure_id FROM indicator_scope s WHERE s.indicator_id = i.id) AS measure_ids,
         ARRAY(SELECT DISTINCT m.policy_id FROM indicator_scope s JOIN measure m ON m.id = s.measure_id
                WHERE s.indicator_id = i.id) AS policy_ids
    FROM unnest($1::int[], $2::int[]) AS k(plan_id, year)
    JOIN indicator i ON i.plan_id = k.plan_id
    LEFT JOIN actual a ON a.indicator_id = i.id AND a.fiscal_year = k.year
    LEFT JOIN actual_revision r ON r.actual_id = a.id AND r.revision = a.revision
   WHERE EXISTS (SELECT 1 FROM target t WHERE t.indicator_id = i.id AND t.fiscal_year = k.year AND t.role = 'TARGET')
   ORDER BY i.position, i.id`;

/**
 * The reporting rows of whole plans for fiscal years, keyed `${planId}:${year}`: one statement for every
 * plan, policy and measure of a query level (each scope filters the plan's rows by measureIds / policyIds).
 */
function reportingRows(ds: DataSource): DataLoader<string, ReportingRow[]> {
  return new DataLoader<string, ReportingRow[]>(async (keys) => {
    const pairs = keys.map((key) => key.split(':').map(Number));
    const rows = (await ds.query(REPORTING_SQL, [pairs.map((p) => p[0]), pairs.map((p) => p[1])])) as Row[];
    const groups = new Map<string, ReportingRow[]>(keys.map((key) => [key, []]));
    for (const row of rows) {
      groups.get(`${String(row.plan_id)}:${String(row.year)}`)?.push({
        id: Number(row.id),
        status: row.status as string | null,
        approvedRevision: row.approved_revision === null ? null : Number(row.approved_revision),
        lastAction: row.last_action as string | null,
        measureIds: (row.measure_ids as unknown[]).map(Number),
        policyIds: (row.policy_ids as unknown[]).map(Number),
      });
    }
    return keys.map((key) => groups.get(key) ?? []);
  });
}

/** The grading scale of each plan (src/domain/grading.ts), or null when the plan has none. */
function gradingScale(ds: DataSource): DataLoader<number, GradingScaleRow | null> {
  const sql = keyedSql('SELECT plan_id, preset, name, method, levels FROM grading_scale WHERE plan_id = ANY($1)');
  return new DataLoader<number, GradingScaleRow | null>(async (planIds) => {
    const rows = (await queryKeys(ds, sql, planIds)) as {
      plan_id: number;
      preset: GradingPreset | null;
      name: string;
      method: string | null;
      levels: GradeLevel[];
    }[];
    const found = new Map(
      rows.map((r) => [
        r.plan_id,
        { planId: r.plan_id, preset: r.preset, name: r.name, method: r.method, levels: r.levels },
      ]),
    );
    return planIds.map((id) => found.get(id) ?? null);
  });
}

/**
 * An indicator's lineage across plan terms, oldest first: its predecessors, itself, then the first successor of each
 * later term. One recursive statement per batch, however deep the lineage (Indicator.series(acrossTerms)).
 */
function lineage(ds: DataSource): DataLoader<number, Indicator[]> {
  const e = shapeOf(ds, Indicator);
  const sql = `
    WITH RECURSIVE back (key, id, depth) AS (
      SELECT k, k, 0 FROM unnest($1::int[]) AS k
      UNION ALL
      SELECT b.key, i.predecessor_id, b.depth - 1 FROM back b JOIN indicator i ON i.id = b.id
      WHERE i.predecessor_id IS NOT NULL AND b.depth > -100
    ), fwd (key, id, depth) AS (
      SELECT k, k, 0 FROM unnest($1::int[]) AS k
      UNION ALL
      SELECT f.key, s.id, f.depth + 1 FROM fwd f
      CROSS JOIN LATERAL (SELECT s.id FROM indicator s WHERE s.predecessor_id = f.id ORDER BY s.position, s.id LIMIT 1) s
      WHERE f.depth < 100
    )
    SELECT c.key AS "parent", ${e.select('e')} FROM (SELECT * FROM back UNION SELECT * FROM fwd) c
    JOIN ${e.table} "e" ON "e"."id" = c.id ORDER BY c.key, c.depth`;
  return new DataLoader<number, Indicator[]>(async (ids) => {
    const groups = new Map<number, Indicator[]>(ids.map((id) => [id, []]));
    for (const row of (await ds.query(sql, [[...ids]])) as Row[]) {
      groups.get(row.parent as number)?.push(e.hydrate(row, 'e'));
    }
    return ids.map((id) => groups.get(id) ?? []);
  });
}

/** One fiscal year of an indicator's own plan: the plan's cell of that year and the actual value a scope shows. */
export interface SeriesRow {
  planId: number;
  year: number;
  /** The row's cell of the year (baseline estimate or target), if the plan prints one. */
  cell: Pick<Target, 'role' | 'value'> | null;
  /** The value of the actual's revision the scope shows (services/visibility.ts), if any. */
  actual: PlanValue | null;
}

/** The key of seriesByIndicator: the scope (context/viewer.ts decides it) and the indicator id. */
export function seriesKey(scope: ActualScope, indicatorId: number): string {
  return `${scope}:${indicatorId}`;
}

/** The series statements of each scope, made once per data source (the text does not change between requests). */
interface SeriesStatements {
  /** The year rows of indicators (seriesByIndicator). */
  plain: Record<ActualScope, KeyedSql>;
  /** The same rows and, as one more row each (kind 'i', its columns as JSON in "row"), the indicators themselves. */
  withIndicator: Record<ActualScope, KeyedSql>;
}

const seriesSql = new WeakMap<DataSource, SeriesStatements>();

function seriesStatements(ds: DataSource): SeriesStatements {
  const source = sharedDataSource(ds);
  const known = seriesSql.get(source);
  if (known) return known;
  const t = shapeOf(ds, Target);
  const r = shapeOf(ds, ActualRevision);
  const i = shapeOf(ds, Indicator);
  const none = t.columns(['value']).map(() => 'NULL');
  const sqlOf = (scope: ActualScope, withIndicator: boolean) => {
    const row = withIndicator ? ', NULL::json' : '';
    return keyedSql(`
    SELECT "t".${t.column('indicatorId')} AS "parent", 't' AS "kind", "t".${t.column('fiscalYear')} AS "year",
           NULL::int AS "plan_id", ${t.select('t', ['role'])}, ${t.select('t', ['value'])}${withIndicator ? ', NULL::json AS "row"' : ''}
      FROM ${t.table} "t" WHERE "t".${t.column('indicatorId')} = ANY($1)
    UNION ALL
    SELECT a.indicator_id, 'a', a.fiscal_year, NULL, NULL, ${r.select('r', ['value'])}${row}
      FROM actual a JOIN ${r.table} "r" ON "r".${r.column('actualId')} = a.id
       AND "r".${r.column('revision')} = ${shownRevisionSql(scope)}
     WHERE a.indicator_id = ANY($1)
    UNION ALL
    SELECT i.id, 'y', y.year, p.id, NULL, ${none.join(', ')}${row}
      FROM indicator i JOIN plan p ON p.id = i.plan_id
     CROSS JOIN LATERAL generate_series(p.base_year, p.final_year) AS y(year)
     WHERE i.id = ANY($1)${
       withIndicator
         ? `
    UNION ALL
    SELECT "i".id, 'i', NULL, NULL, NULL, ${none.join(', ')}, ${i.json('i')}
      FROM ${i.table} "i" WHERE "i".id = ANY($1)`
         : ''
     }`);
  };
  const statements: SeriesStatements = {
    plain: { approved: sqlOf('approved', false), latest: sqlOf('latest', false) },
    withIndicator: { approved: sqlOf('approved', true), latest: sqlOf('latest', true) },
  };
  seriesSql.set(source, statements);
  return statements;
}

/** An indicator and its year rows (seriesByIndicator's value), read by one statement. */
export interface IndicatorWithSeries {
  indicator: Indicator | null;
  series: SeriesRow[];
}

/**
 * The year rows of each indicator keyed by seriesKey (and, with `withIndicator`, the indicator row itself):
 * one statement per scope of the batch.
 */
async function loadSeries(
  ds: DataSource,
  keys: readonly string[],
  withIndicator: boolean,
): Promise<IndicatorWithSeries[]> {
  const t = shapeOf(ds, Target);
  const ind = shapeOf(ds, Indicator);
  const statements = seriesStatements(ds)[withIndicator ? 'withIndicator' : 'plain'];
  const years = new Map<string, Map<number, SeriesRow>>(keys.map((key) => [key, new Map()]));
  const indicators = new Map<string, Indicator>();
  for (const scope of ['approved', 'latest'] as const) {
    const ids = keys.filter((k) => k.startsWith(`${scope}:`)).map((k) => Number(k.slice(scope.length + 1)));
    if (ids.length === 0) continue;
    const rows = (await queryKeys(ds, statements[scope], ids)) as Row[];
    // Years first, then the cells and actuals of each year (a cell or actual has a year of its plan: foreign keys).
    for (const row of rows) {
      if (row.kind === 'i') {
        indicators.set(seriesKey(scope, row.parent as number), ind.hydrate(row.row as Row, 'i'));
        continue;
      }
      if (row.kind !== 'y') continue;
      const year = row.year as number;
      years.get(seriesKey(scope, row.parent as number))?.set(year, {
        planId: row.plan_id as number,
        year,
        cell: null,
        actual: null,
      });
    }
    for (const row of rows) {
      if (row.kind === 'y' || row.kind === 'i') continue;
      const point = years.get(seriesKey(scope, row.parent as number))?.get(row.year as number);
      if (!point) continue;
      const hydrated = t.hydrate(row, 't');
      if (row.kind === 't') point.cell = hydrated;
      else point.actual = hydrated.value;
    }
  }
  return keys.map((key) => ({
    indicator: indicators.get(key) ?? null,
    series: [...(years.get(key)?.values() ?? [])].sort((a, b) => a.year - b.year),
  }));
}

/**
 * Each indicator's year rows over its plan's years (base year to final year, Indicator.series), keyed by seriesKey:
 * the plan's years, the row's cells and the shown actual revisions — one statement per batch (per scope), in place
 * of the plan, targets, actuals and revisions loaders. A UNION ALL of three small selects, joined by year here: as
 * one join of seven relations PostgreSQL spent ten times longer planning it than running it.
 */
function series(ds: DataSource): DataLoader<string, SeriesRow[]> {
  return new DataLoader<string, SeriesRow[]>(async (keys) => (await loadSeries(ds, keys, false)).map((r) => r.series));
}

/**
 * node(id:) of an indicator whose series is selected: the indicator row and its year rows in one statement (the
 * series statement with one more UNION ALL branch); the caller primes `indicator` and `seriesByIndicator` with them.
 */
function indicatorWithSeries(ds: DataSource): DataLoader<string, IndicatorWithSeries> {
  return new DataLoader<string, IndicatorWithSeries>((keys) => loadSeries(ds, keys, true));
}

const byIdLoaders = {
  plan: (ds: DataSource) => byId(ds, Plan),
  policy: (ds: DataSource) => byId(ds, Policy),
  measure: (ds: DataSource) => byId(ds, Measure),
  project: (ds: DataSource) => byId(ds, Project),
  indicator: (ds: DataSource) => byId(ds, Indicator),
  target: (ds: DataSource) => byId(ds, Target),
  footnote: (ds: DataSource) => byId(ds, Footnote),
  actual: (ds: DataSource) => byId(ds, Actual),
  actualRevision: (ds: DataSource) => byId(ds, ActualRevision),
  statusScaleByPlan: statusScale,
  reportingRows,
  gradingScaleByPlan: gradingScale,
  lineageByIndicator: lineage,
  seriesByIndicator: series,
  indicatorWithSeries,
};

export type Loaders = { readonly [K in keyof typeof byIdLoaders]: ReturnType<(typeof byIdLoaders)[K]> } & {
  readonly [R in RelationName]: DataLoader<number, EntityOf<R>[]>;
} & {
  /**
   * The loader of `relation` narrowed by the conditions `where()` builds, one per relation and `key`
   * (a canonical key of the filter, see canonicalKey) per request: every parent at one level of a
   * query shares it, so a filter costs one statement per level.
   */
  filtered<R extends RelationName>(
    relation: R,
    key: string,
    where: () => RelationWhere,
  ): DataLoader<number, EntityOf<R>[]>;
};

/**
 * Every loader of the read API for one request (never shared between requests or users, so caching
 * lasts one request and batching turns a level of the query into one statement). Each is created on
 * first use: a request that reads two relations builds two loaders.
 */
export function createLoaders(ds: DataSource): Loaders {
  return new LoaderSet(ds) as unknown as Loaders;
}

const SOURCE = Symbol('source');
const FILTERED = Symbol('filtered');

/**
 * The loaders of one request. Each named loader is a getter on the prototype (defined once, below) that
 * makes the loader on first use and keeps it as the set's own property: a request that reads two relations
 * builds two loaders, and creating the set costs one small object.
 */
class LoaderSet {
  private readonly [SOURCE]: DataSource;
  private [FILTERED]?: Map<string, DataLoader<number, unknown[]>>;

  constructor(ds: DataSource) {
    this[SOURCE] = ds;
  }

  filtered(relation: RelationName, key: string, where: () => RelationWhere): DataLoader<number, unknown[]> {
    const id = `${relation}\u0000${key}`;
    const filtered = (this[FILTERED] ??= new Map());
    let loader = filtered.get(id);
    if (!loader) filtered.set(id, (loader = relationLoader(this[SOURCE], relation, where())));
    return loader;
  }
}

const makers: [string, (ds: DataSource) => unknown][] = [
  ...Object.entries(byIdLoaders),
  ...(Object.keys(relations) as RelationName[]).map((name): [string, (ds: DataSource) => unknown] => [
    name,
    (ds) => relationLoader(ds, name),
  ]),
];
for (const [name, make] of makers) {
  Object.defineProperty(LoaderSet.prototype, name, {
    get(this: LoaderSet) {
      const loader = make(this[SOURCE]);
      Object.defineProperty(this, name, { value: loader, enumerable: true });
      return loader;
    },
  });
}
