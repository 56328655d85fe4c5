import DataLoader from 'dataloader';
import type { DataSource, ObjectLiteral } from 'typeorm';
import {
  Actual,
  ActualRevision,
  Footnote,
  Indicator,
  IndicatorFootnote,
  Measure,
  MeasureIndicator,
  MeasureProject,
  Plan,
  Policy,
  Project,
  ProjectIndicator,
  StatusLevel,
  Target,
  TargetFootnote,
} from '../entities';

type Entity<T> = new () => T;

/*
 * Reads go around TypeORM's query builder and entity transformer (a tenth of the CPU of a whole-plan
 * request): each loader sends one hand-built statement through `DataSource.query` (still counted, still
 * one statement per batch) and hydrates rows the way RawSqlResultsToEntityTransformer does — an object
 * with the entity's prototype (nodeType, globalId), embedded columns (Target.value, a PlanValue) set
 * through the column metadata, and the driver's conversion for any column type pg does not already give
 * as the entity's JS value.
 */

/** Column types whose pg value is what TypeORM's postgres driver would hydrate, unchanged. */
const PASS_THROUGH = new Set<unknown>(['int', 'integer', 'int4', 'text', 'varchar', 'double precision', 'boolean']);

interface Shape<T> {
  /** `"alias"."column" AS "alias.column"`, … for every selected column of the entity. */
  select(alias: string): string;
  /** The entity of a row selected with `select(alias)`. */
  hydrate(row: Record<string, unknown>, alias: string): T;
  /** The quoted table name. */
  table: string;
  /** The quoted column of a property (`indicatorId` → `"indicator_id"`). */
  column(property: string): string;
}

const shapes = new WeakMap<DataSource, Map<Entity<unknown>, Shape<unknown>>>();

function shapeOf<T>(ds: DataSource, entity: Entity<T>): Shape<T> {
  let perSource = shapes.get(ds);
  if (!perSource) shapes.set(ds, (perSource = new Map()));
  const known = perSource.get(entity);
  if (known) return known as Shape<T>;
  const metadata = ds.getMetadata(entity);
  const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
  const columns = metadata.columns
    .filter((c) => c.isSelect && !c.isVirtual && !c.isVirtualProperty)
    .map((c) => ({
      meta: c,
      name: c.databaseName,
      property: c.propertyName,
      embedded: c.embeddedMetadata !== undefined,
      convert: c.transformer !== undefined || !PASS_THROUGH.has(c.type),
    }));
  const byProperty = new Map(metadata.columns.map((c) => [c.propertyPath, c.databaseName]));
  const prototype = entity.prototype as object;
  const driver = ds.driver;
  const shape: Shape<T> = {
    table: metadata.tablePath.split('.').map(q).join('.'),
    select: (alias) => columns.map((c) => `${q(alias)}.${q(c.name)} AS ${q(`${alias}.${c.name}`)}`).join(', '),
    column(property) {
      const name = byProperty.get(property);
      if (!name) throw new Error(`${metadata.name} has no column for ${property}`);
      return q(name);
    },
    hydrate(row, alias) {
      const target = Object.create(prototype) as Record<string, unknown>;
      for (const c of columns) {
        let value = row[`${alias}.${c.name}`];
        if (value === undefined) continue;
        if (c.convert) value = driver.prepareHydratedValue(value, c.meta);
        if (c.embedded) c.meta.setEntityValue(target, value);
        else target[c.property] = value;
      }
      return target as T;
    },
  };
  perSource.set(entity, shape as Shape<unknown>);
  return shape;
}

type Row = Record<string, unknown>;

/** Loads rows by primary key: one `WHERE id = ANY($1)` per batch, results in key order. */
function byId<T extends ObjectLiteral & { id: number }>(
  ds: DataSource,
  entity: Entity<T>,
): DataLoader<number, T | null> {
  const e = shapeOf(ds, entity);
  const sql = `SELECT ${e.select('e')} FROM ${e.table} "e" WHERE "e"."id" = ANY($1)`;
  return new DataLoader<number, T | null>(async (ids) => {
    const rows = ((await ds.query(sql, [[...ids]])) as Row[]).map((row) => e.hydrate(row, 'e'));
    const found = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => found.get(id) ?? null);
  });
}

/** Loads the children of many parents: one `WHERE fk = ANY($1)` per batch, grouped per parent. */
function childrenOf<T extends ObjectLiteral>(
  ds: DataSource,
  entity: Entity<T>,
  foreignKey: keyof T & string,
  orderBy: string,
): DataLoader<number, T[]> {
  const e = shapeOf(ds, entity);
  const sql =
    `SELECT ${e.select('e')} FROM ${e.table} "e" WHERE "e".${e.column(foreignKey)} = ANY($1) ` +
    `ORDER BY "e".${e.column(orderBy)} ASC, "e"."id" ASC`;
  return new DataLoader<number, T[]>(async (parentIds) => {
    const rows = ((await ds.query(sql, [[...parentIds]])) as Row[]).map((row) => e.hydrate(row, 'e'));
    return group(
      parentIds,
      rows,
      (row) => row[foreignKey] as number,
      (row) => row,
    );
  });
}

/**
 * Loads the far side of a many-to-many link table for many parents in one statement: the link rows
 * with the far entity joined, grouped by the near key, in link order. `orderBy` is `l.<property>` (of
 * the link) or `far.<property>` (of the far entity).
 */
function through<L extends ObjectLiteral, T>(
  ds: DataSource,
  link: Entity<L>,
  nearKey: keyof L & string,
  far: keyof L & string,
  orderBy: string,
): DataLoader<number, T[]> {
  const l = shapeOf(ds, link);
  const relation = ds.getMetadata(link).findRelationWithPropertyPath(far);
  if (!relation?.joinColumns[0]?.referencedColumn) throw new Error(`${link.name}.${far} is not a many-to-one`);
  const f = shapeOf(ds, relation.inverseEntityMetadata.target as Entity<T>);
  const [orderAlias, orderProperty] = orderBy.split('.');
  const order = orderAlias === 'l' ? `"l".${l.column(orderProperty)}` : `"far".${f.column(orderProperty)}`;
  const sql =
    `SELECT "l".${l.column(nearKey)} AS "near", ${f.select('far')} FROM ${l.table} "l" ` +
    `INNER JOIN ${f.table} "far" ON "far"."${relation.joinColumns[0].referencedColumn.databaseName}" = ` +
    `"l"."${relation.joinColumns[0].databaseName}" WHERE "l".${l.column(nearKey)} = ANY($1) ` +
    `ORDER BY ${order} ASC, "far"."id" ASC`;
  return new DataLoader<number, T[]>(async (parentIds) => {
    const rows = (await ds.query(sql, [[...parentIds]])) as Row[];
    return group(
      parentIds,
      rows,
      (row) => row.near as number,
      (row) => f.hydrate(row, 'far'),
    );
  });
}

/** The ordered words of text statuses for each plan: the shared defaults plus the plan's own words. */
function statusScale(ds: DataSource): DataLoader<number, StatusLevel[]> {
  const s = shapeOf(ds, StatusLevel);
  const sql =
    `SELECT ${s.select('s')} FROM ${s.table} "s" WHERE "s".${s.column('planId')} IS NULL ` +
    `OR "s".${s.column('planId')} = ANY($1) ORDER BY "s".${s.column('rank')} ASC`;
  return new DataLoader<number, StatusLevel[]>(async (planIds) => {
    const rows = ((await ds.query(sql, [[...planIds]])) as Row[]).map((row) => s.hydrate(row, 's'));
    return planIds.map((planId) => {
      // A plan's own word overrides the shared rank of the same word.
      const own = rows.filter((r) => r.planId === planId);
      return [...own, ...rows.filter((r) => r.planId === null && !own.some((o) => o.word === r.word))];
    });
  });
}

function group<R, T>(keys: readonly number[], rows: R[], keyOf: (row: R) => number, valueOf: (row: R) => T): T[][] {
  const groups = new Map<number, T[]>(keys.map((k) => [k, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(valueOf(row));
  return keys.map((k) => groups.get(k) ?? []);
}

/**
 * Every relation of the read API. Created fresh for each request (never shared between requests or
 * users), so caching lasts one request and batching turns a level of the query into one statement.
 */
export function createLoaders(ds: DataSource) {
  return {
    plan: byId(ds, Plan),
    policy: byId(ds, Policy),
    measure: byId(ds, Measure),
    project: byId(ds, Project),
    indicator: byId(ds, Indicator),
    target: byId(ds, Target),
    footnote: byId(ds, Footnote),

    policiesByPlan: childrenOf(ds, Policy, 'planId', 'number'),
    measuresByPlan: childrenOf(ds, Measure, 'planId', 'position'),
    measuresByPolicy: childrenOf(ds, Measure, 'policyId', 'position'),
    projectsByPlan: childrenOf(ds, Project, 'planId', 'position'),
    targetsByIndicator: childrenOf(ds, Target, 'indicatorId', 'fiscalYear'),
    footnotesByMeasure: childrenOf(ds, Footnote, 'measureId', 'marker'),
    footnotesByProject: childrenOf(ds, Footnote, 'projectId', 'marker'),
    footnotesByRevision: childrenOf(ds, Footnote, 'actualRevisionId', 'marker'),
    indicatorsByPlan: childrenOf(ds, Indicator, 'planId', 'position'),
    actual: byId(ds, Actual),
    actualsByIndicator: childrenOf(ds, Actual, 'indicatorId', 'fiscalYear'),
    revisionsByActual: childrenOf(ds, ActualRevision, 'actualId', 'revision'),
    statusScaleByPlan: statusScale(ds),

    indicatorsByMeasure: through<MeasureIndicator, Indicator>(
      ds,
      MeasureIndicator,
      'measureId',
      'indicator',
      'l.position',
    ),
    measuresByIndicator: through<MeasureIndicator, Measure>(
      ds,
      MeasureIndicator,
      'indicatorId',
      'measure',
      'far.position',
    ),
    projectsByMeasure: through<MeasureProject, Project>(ds, MeasureProject, 'measureId', 'project', 'l.position'),
    measuresByProject: through<MeasureProject, Measure>(ds, MeasureProject, 'projectId', 'measure', 'far.position'),
    indicatorsByProject: through<ProjectIndicator, Indicator>(
      ds,
      ProjectIndicator,
      'projectId',
      'indicator',
      'l.position',
    ),
    projectsByIndicator: through<ProjectIndicator, Project>(
      ds,
      ProjectIndicator,
      'indicatorId',
      'project',
      'far.position',
    ),
    footnotesByTarget: through<TargetFootnote, Footnote>(ds, TargetFootnote, 'targetId', 'footnote', 'far.marker'),
    targetsByFootnote: through<TargetFootnote, Target>(ds, TargetFootnote, 'footnoteId', 'target', 'far.indicatorId'),
    footnotesByIndicator: through<IndicatorFootnote, Footnote>(
      ds,
      IndicatorFootnote,
      'indicatorId',
      'footnote',
      'far.marker',
    ),
    indicatorsByFootnote: through<IndicatorFootnote, Indicator>(
      ds,
      IndicatorFootnote,
      'footnoteId',
      'indicator',
      'far.position',
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
