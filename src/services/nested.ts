import DataLoader from 'dataloader';
import type { ObjectLiteral } from 'typeorm';
import { Indicator, Measure, Policy, Project, Target } from '../entities';
import type { Context } from '../graphql/context';
import { badInput } from '../graphql/errors';
import type { IndicatorFilter, MeasureFilter, PolicyFilter, ProjectFilter, TargetFilter } from '../graphql/filters';
import { visibleActualSql } from './catalog';
import {
  Conditions,
  indicatorConditions,
  measureConditions,
  policyConditions,
  projectConditions,
  targetConditions,
} from './conditions';
import { indicatorStatus } from './progress';

// Nested lists with a filter (Measure.outcomeIndicators(filter: …) and the like). One DataLoader per
// relation and distinct filter per request: all parents at one level of the query share a statement,
// so a filter costs one SQL statement per level, never one per parent.

type Relation =
  | 'Plan.policies'
  | 'Plan.measures'
  | 'Plan.projects'
  | 'Policy.measures'
  | 'Measure.outcomeIndicators'
  | 'Measure.projects'
  | 'Project.indicators'
  | 'Indicator.targets';

interface RelationSql {
  entity: new () => ObjectLiteral;
  /** How a row reaches its parent: a column of `e`, or a link table `l`. */
  join?: { table: string; on: string };
  parent: string;
  order: string;
}

const relations: Record<Relation, RelationSql> = {
  'Plan.policies': { entity: Policy, parent: 'e.plan_id', order: 'e.number' },
  'Plan.measures': { entity: Measure, parent: 'e.plan_id', order: 'e.position' },
  'Plan.projects': { entity: Project, parent: 'e.plan_id', order: 'e.position' },
  'Policy.measures': { entity: Measure, parent: 'e.policy_id', order: 'e.position' },
  'Measure.outcomeIndicators': {
    entity: Indicator,
    join: { table: 'measure_indicator', on: 'l.indicator_id = e.id' },
    parent: 'l.measure_id',
    order: 'l.position',
  },
  'Measure.projects': {
    entity: Project,
    join: { table: 'measure_project', on: 'l.project_id = e.id' },
    parent: 'l.measure_id',
    order: 'l.position',
  },
  'Project.indicators': {
    entity: Indicator,
    join: { table: 'project_indicator', on: 'l.indicator_id = e.id' },
    parent: 'l.project_id',
    order: 'l.position',
  },
  'Indicator.targets': { entity: Target, parent: 'e.indicator_id', order: 'e.fiscal_year' },
};

type FilterOf = {
  'Plan.policies': PolicyFilter;
  'Plan.measures': MeasureFilter;
  'Plan.projects': ProjectFilter;
  'Policy.measures': MeasureFilter;
  'Measure.outcomeIndicators': IndicatorFilter;
  'Measure.projects': ProjectFilter;
  'Project.indicators': IndicatorFilter;
  'Indicator.targets': TargetFilter;
};

function conditionsFor(ctx: Context, relation: Relation, filter: object): Conditions {
  const c = new Conditions('n');
  const visible = visibleActualSql(ctx);
  switch (relation) {
    case 'Plan.policies':
      policyConditions(c, 'e', filter as PolicyFilter);
      break;
    case 'Plan.measures':
    case 'Policy.measures':
      measureConditions(c, 'e', filter as MeasureFilter);
      break;
    case 'Plan.projects':
    case 'Measure.projects':
      projectConditions(c, 'e', filter as ProjectFilter);
      break;
    case 'Measure.outcomeIndicators':
    case 'Project.indicators':
      indicatorConditions(c, 'e', filter as IndicatorFilter, visible);
      break;
    case 'Indicator.targets':
      targetConditions(c, 'e', filter as TargetFilter, visible);
      break;
  }
  return c;
}

const loadersOf = new WeakMap<Context, Map<string, DataLoader<number, ObjectLiteral[]>>>();

/** The children of `parentId` through `relation` that match `filter`, batched with the other parents. */
export async function filteredChildren<R extends Relation, T extends ObjectLiteral>(
  ctx: Context,
  relation: R,
  parentId: number,
  filter: FilterOf[R],
): Promise<T[]> {
  const key = `${relation}\u0000${JSON.stringify(filter)}`;
  let cache = loadersOf.get(ctx);
  if (!cache) loadersOf.set(ctx, (cache = new Map()));
  let loader = cache.get(key);
  if (!loader) {
    const spec = relations[relation];
    const c = conditionsFor(ctx, relation, filter);
    loader = new DataLoader<number, ObjectLiteral[]>(async (parents) => {
      const qb = ctx.db.getRepository(spec.entity).createQueryBuilder('e');
      if (spec.join) qb.innerJoin(spec.join.table, 'l', spec.join.on);
      qb.addSelect(spec.parent, 'parent_key')
        .where(`${spec.parent} = ANY(:parents)`, { parents: parents })
        .andWhere(c.sql(), c.params)
        .orderBy(spec.order, 'ASC')
        .addOrderBy('e.id', 'ASC');
      const { entities, raw } = await qb.getRawAndEntities();
      const byId = new Map(entities.map((e) => [e.id as number, e]));
      const groups = new Map<number, ObjectLiteral[]>(parents.map((p) => [p, []]));
      for (const row of raw as Record<string, unknown>[]) {
        const entity = byId.get(row.e_id as number);
        if (entity) groups.get(row.parent_key as number)?.push(entity);
      }
      return parents.map((p) => groups.get(p) ?? []);
    });
    cache.set(key, loader);
  }
  let rows = (await loader.load(parentId)) as T[];
  const f = filter as IndicatorFilter;
  if ((relation === 'Measure.outcomeIndicators' || relation === 'Project.indicators') && f.status != null) {
    if (f.statusYear == null) throw badInput('Filtering on status needs statusYear: the fiscal year to evaluate.');
    const statuses = await Promise.all(rows.map((i) => indicatorStatus(ctx, i as unknown as Indicator, f.statusYear!)));
    rows = rows.filter((_, n) => statuses[n] === f.status);
  }
  return rows;
}
