import type { RequestContext } from '../context';
import { AppError } from '../domain/errors';
import type { Indicator } from '../entities';
import { canonicalKey, type EntityOf } from '../loaders';
import { filterActualSql } from './catalog';
import {
  Conditions,
  indicatorConditions,
  measureConditions,
  policyConditions,
  projectConditions,
  targetConditions,
} from './conditions';
import { indicatorStatus } from './progress';
import type {
  IndicatorFilterSpec,
  MeasureFilterSpec,
  PolicyFilterSpec,
  ProjectFilterSpec,
  TargetFilterSpec,
} from './specs';

// Nested lists with a filter (Measure.outcomeIndicators(filter: …) and the like): the relation's loader
// from the registry (loaders/relations.ts), narrowed by the same conditions as the root lists.

/** The filter each filterable relation takes. */
export interface FilterOf {
  policiesByPlan: PolicyFilterSpec;
  measuresByPlan: MeasureFilterSpec;
  measuresByPolicy: MeasureFilterSpec;
  projectsByPlan: ProjectFilterSpec;
  projectsByMeasure: ProjectFilterSpec;
  indicatorsByMeasure: IndicatorFilterSpec;
  indicatorsByProject: IndicatorFilterSpec;
  targetsByIndicator: TargetFilterSpec;
}
export type FilteredRelation = keyof FilterOf;

const conditionsOf: { [R in FilteredRelation]: (c: Conditions, f: FilterOf[R], ctx: RequestContext) => void } = {
  policiesByPlan: (c, f) => policyConditions(c, 'e', f),
  measuresByPlan: (c, f) => measureConditions(c, 'e', f),
  measuresByPolicy: (c, f) => measureConditions(c, 'e', f),
  projectsByPlan: (c, f) => projectConditions(c, 'e', f),
  projectsByMeasure: (c, f) => projectConditions(c, 'e', f),
  indicatorsByMeasure: (c, f, ctx) => indicatorConditions(c, 'e', f, filterActualSql(ctx)),
  indicatorsByProject: (c, f, ctx) => indicatorConditions(c, 'e', f, filterActualSql(ctx)),
  targetsByIndicator: (c, f, ctx) => targetConditions(c, 'e', f, filterActualSql(ctx)),
};

/** The children of `parentId` through `relation` that match `filter`, batched with the other parents. */
export async function filteredChildren<R extends FilteredRelation>(
  ctx: RequestContext,
  relation: R,
  parentId: number,
  filter: FilterOf[R],
): Promise<EntityOf<R>[]> {
  const loader = ctx.loaders.filtered(relation, canonicalKey(filter), () => {
    const c = new Conditions(ctx.db, 'n');
    conditionsOf[relation](c, filter, ctx);
    return { sql: c.sql(), params: c.params };
  });
  const rows = await loader.load(parentId);
  const f = filter as IndicatorFilterSpec;
  if ((relation === 'indicatorsByMeasure' || relation === 'indicatorsByProject') && f.status != null) {
    if (f.statusYear == null) {
      throw new AppError('BAD_USER_INPUT', 'Filtering on status needs statusYear: the fiscal year to evaluate.');
    }
    const statusYear = f.statusYear;
    const statuses = await Promise.all(rows.map((i) => indicatorStatus(ctx, i as Indicator, statusYear)));
    return rows.filter((_, n) => statuses[n] === f.status);
  }
  return rows;
}
