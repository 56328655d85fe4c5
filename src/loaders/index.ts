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

/** Loads rows by primary key: one `WHERE id = ANY($1)` per batch, results in key order. */
function byId<T extends ObjectLiteral & { id: number }>(
  ds: DataSource,
  entity: Entity<T>,
): DataLoader<number, T | null> {
  return new DataLoader<number, T | null>(async (ids) => {
    const rows = await ds.getRepository(entity).createQueryBuilder('e').where('e.id = ANY(:ids)', { ids }).getMany();
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
  return new DataLoader<number, T[]>(async (parentIds) => {
    const rows = await ds
      .getRepository(entity)
      .createQueryBuilder('e')
      .where(`e.${foreignKey} = ANY(:ids)`, { ids: parentIds })
      .orderBy(`e.${orderBy}`, 'ASC')
      .addOrderBy('e.id', 'ASC')
      .getMany();
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
 * with the far entity joined, grouped by the near key, in link order.
 */
function through<L extends ObjectLiteral, T>(
  ds: DataSource,
  link: Entity<L>,
  nearKey: keyof L & string,
  far: keyof L & string,
  orderBy: string,
): DataLoader<number, T[]> {
  return new DataLoader<number, T[]>(async (parentIds) => {
    const rows = await ds
      .getRepository(link)
      .createQueryBuilder('l')
      .innerJoinAndSelect(`l.${far}`, 'far')
      .where(`l.${nearKey} = ANY(:ids)`, { ids: parentIds })
      .orderBy(orderBy, 'ASC')
      .addOrderBy('far.id', 'ASC')
      .getMany();
    return group(
      parentIds,
      rows,
      (row) => row[nearKey] as number,
      (row) => row[far] as T,
    );
  });
}

/** The ordered words of text statuses for each plan: the shared defaults plus the plan's own words. */
function statusScale(ds: DataSource): DataLoader<number, StatusLevel[]> {
  return new DataLoader<number, StatusLevel[]>(async (planIds) => {
    const rows = await ds
      .getRepository(StatusLevel)
      .createQueryBuilder('s')
      .where('s.planId IS NULL OR s.planId = ANY(:ids)', { ids: planIds })
      .orderBy('s.rank', 'ASC')
      .getMany();
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
