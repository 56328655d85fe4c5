import type { DataSource, ObjectLiteral } from 'typeorm';
import { sharedDataSource } from '../db/query-counter';
import {
  Footnote,
  Indicator,
  IndicatorFootnote,
  Measure,
  MeasureIndicator,
  MeasureProject,
  Policy,
  Project,
  ProjectIndicator,
  Target,
  TargetFootnote,
  Actual,
  ActualRevision,
  FiscalYearClosing,
  PlanFiscalYear,
  Plan,
  PlanChange,
} from '../entities';
import { quote, shapeOf, type EntityClass, type Shape } from './shape';

// Every one-to-many and many-to-many relation of the read API, described once. The plain loaders
// (`ctx.loaders.policiesByPlan`) and the filtered ones (services/nested.ts) are both built from here.

/** The children are rows of `entity` whose `foreignKey` is the parent id, ordered by `order`. */
interface ChildrenSpec<T> {
  entity: EntityClass<T>;
  foreignKey: keyof T & string;
  order: keyof T & string;
}

/** The far side of a link table: `link` rows with `near` = the parent id, joined to their `far` entity. */
interface ThroughSpec<L, T> {
  link: EntityClass<L>;
  near: keyof L & string;
  far: keyof L & string;
  /** Order by a property of the link (`l`) or of the far entity (`e`). */
  order: { of: 'l'; property: keyof L & string } | { of: 'e'; property: keyof T & string };
}

type Spec = ChildrenSpec<never> | ThroughSpec<never, never>;

function children<T>(entity: EntityClass<T>, foreignKey: keyof T & string, order: keyof T & string) {
  return { entity, foreignKey, order } as unknown as Spec & { readonly __entity?: T };
}

function through<L, T>(
  link: EntityClass<L>,
  near: keyof L & string,
  far: keyof L & string,
  order: ThroughSpec<L, T>['order'],
) {
  return { link, near, far, order } as unknown as Spec & { readonly __entity?: T };
}

export const relations = {
  policiesByPlan: children(Policy, 'planId', 'number'),
  closingsByPlan: children(FiscalYearClosing, 'planId', 'id'),
  fiscalYearsByPlan: children(PlanFiscalYear, 'planId', 'year'),
  measuresByPlan: children(Measure, 'planId', 'position'),
  measuresByPolicy: children(Measure, 'policyId', 'position'),
  projectsByPlan: children(Project, 'planId', 'position'),
  indicatorsByPlan: children(Indicator, 'planId', 'position'),
  nextPlansByPlan: children(Plan, 'previousPlanId', 'id'),
  changesByPlan: children(PlanChange, 'planId', 'position'),
  successorsByIndicator: children(Indicator, 'predecessorId', 'position'),
  targetsByIndicator: children(Target, 'indicatorId', 'fiscalYear'),
  footnotesByMeasure: children(Footnote, 'measureId', 'marker'),
  footnotesByProject: children(Footnote, 'projectId', 'marker'),
  footnotesByRevision: children(Footnote, 'actualRevisionId', 'marker'),
  actualsByIndicator: children(Actual, 'indicatorId', 'fiscalYear'),
  revisionsByActual: children(ActualRevision, 'actualId', 'revision'),
  indicatorsByMeasure: through<MeasureIndicator, Indicator>(MeasureIndicator, 'measureId', 'indicator', {
    of: 'l',
    property: 'position',
  }),
  measuresByIndicator: through<MeasureIndicator, Measure>(MeasureIndicator, 'indicatorId', 'measure', {
    of: 'e',
    property: 'position',
  }),
  projectsByMeasure: through<MeasureProject, Project>(MeasureProject, 'measureId', 'project', {
    of: 'l',
    property: 'position',
  }),
  measuresByProject: through<MeasureProject, Measure>(MeasureProject, 'projectId', 'measure', {
    of: 'e',
    property: 'position',
  }),
  indicatorsByProject: through<ProjectIndicator, Indicator>(ProjectIndicator, 'projectId', 'indicator', {
    of: 'l',
    property: 'position',
  }),
  projectsByIndicator: through<ProjectIndicator, Project>(ProjectIndicator, 'indicatorId', 'project', {
    of: 'e',
    property: 'position',
  }),
  footnotesByTarget: through<TargetFootnote, Footnote>(TargetFootnote, 'targetId', 'footnote', {
    of: 'e',
    property: 'marker',
  }),
  targetsByFootnote: through<TargetFootnote, Target>(TargetFootnote, 'footnoteId', 'target', {
    of: 'e',
    property: 'indicatorId',
  }),
  footnotesByIndicator: through<IndicatorFootnote, Footnote>(IndicatorFootnote, 'indicatorId', 'footnote', {
    of: 'e',
    property: 'marker',
  }),
  indicatorsByFootnote: through<IndicatorFootnote, Indicator>(IndicatorFootnote, 'footnoteId', 'indicator', {
    of: 'e',
    property: 'position',
  }),
};

export type RelationName = keyof typeof relations;
/** The entity a relation yields. */
export type EntityOf<R extends RelationName> = (typeof relations)[R] extends { readonly __entity?: infer T }
  ? T
  : never;

/**
 * A relation as SQL, with the far entity on alias `e`: `parent` is the expression holding the parent id,
 * `from` the FROM clause (with the link table on alias `l`), `order` the ORDER BY keys.
 */
export interface CompiledRelation<T> {
  shape: Shape<T>;
  from: string;
  parent: string;
  order: string;
}

const compiled = new WeakMap<DataSource, Map<string, CompiledRelation<unknown>>>();

/** The relation as SQL with the far entity on alias `e` and the link table on `l` (others for a sub-select). */
export function compileRelation<R extends RelationName>(
  ds: DataSource,
  name: R,
  e = 'e',
  l = 'l',
): CompiledRelation<EntityOf<R>> {
  const source = sharedDataSource(ds);
  let perSource = compiled.get(source);
  if (!perSource) compiled.set(source, (perSource = new Map()));
  const cacheKey = `${name}\u0000${e}\u0000${l}`;
  const known = perSource.get(cacheKey);
  if (known) return known as CompiledRelation<EntityOf<R>>;
  const spec = relations[name] as unknown as ChildrenSpec<ObjectLiteral> | ThroughSpec<ObjectLiteral, ObjectLiteral>;
  const E = quote(e);
  const L = quote(l);
  let result: CompiledRelation<unknown>;
  if ('entity' in spec) {
    const far = shapeOf(ds, spec.entity);
    // Ties broken by the primary key (`id`, or a composite one such as plan_fiscal_year's).
    const keys = ds.getMetadata(spec.entity).primaryColumns.map((c) => `${E}.${quote(c.databaseName)} ASC`);
    result = {
      shape: far,
      from: `${far.table} ${E}`,
      parent: `${E}.${far.column(spec.foreignKey)}`,
      order: [`${E}.${far.column(spec.order)} ASC`, ...keys].join(', '),
    };
  } else {
    const link = shapeOf(ds, spec.link);
    const relation = ds.getMetadata(spec.link).findRelationWithPropertyPath(spec.far);
    const join = relation?.joinColumns[0];
    if (!relation || !join?.referencedColumn) throw new Error(`${spec.link.name}.${spec.far} is not a many-to-one`);
    const far = shapeOf(ds, relation.inverseEntityMetadata.target as EntityClass<ObjectLiteral>);
    const order =
      spec.order.of === 'l' ? `${L}.${link.column(spec.order.property)}` : `${E}.${far.column(spec.order.property)}`;
    result = {
      shape: far,
      from:
        `${link.table} ${L} INNER JOIN ${far.table} ${E} ON ${E}.${quote(join.referencedColumn.databaseName)} = ` +
        `${L}.${quote(join.databaseName)}`,
      parent: `${L}.${link.column(spec.near)}`,
      order: `${order} ASC, ${E}."id" ASC`,
    };
  }
  perSource.set(cacheKey, result);
  return result as CompiledRelation<EntityOf<R>>;
}
