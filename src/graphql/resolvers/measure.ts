import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Footnote, Indicator, Measure, Plan, Policy, Project } from '../../entities';
import type { Context } from '../context';
import { ListPageArgs, slicePage } from '../list-page';
import { IndicatorFilter, ProjectFilter } from '../filters';
import { filteredChildren } from '../../services/nested';
import { mustExist } from '../must-exist';

@Resolver(() => Measure)
export class MeasureResolver {
  @FieldResolver(() => Plan, { description: 'The plan the measure belongs to.' })
  plan(@Root() measure: Measure, @Ctx() ctx: Context): Promise<Plan> {
    return mustExist(ctx.loaders.plan.load(measure.planId), 'plan');
  }

  @FieldResolver(() => Policy, { description: 'The policy the measure belongs to (from the page headers).' })
  policy(@Root() measure: Measure, @Ctx() ctx: Context): Promise<Policy> {
    return mustExist(ctx.loaders.policy.load(measure.policyId), 'policy');
  }

  @FieldResolver(() => [Indicator], { description: '成果指標: the outcome indicators, in table order.' })
  async outcomeIndicators(
    @Root() measure: Measure,
    @Ctx() ctx: Context,
    @Arg('filter', () => IndicatorFilter, {
      nullable: true,
      description: 'Only the items that match (conditions combined with AND).',
    })
    filter?: IndicatorFilter | null,
    @Args(() => ListPageArgs) page?: ListPageArgs,
  ): Promise<Indicator[]> {
    const items = filter
      ? await filteredChildren(ctx, 'indicatorsByMeasure', measure.id, filter)
      : await ctx.loaders.indicatorsByMeasure.load(measure.id);
    return page ? slicePage(items, page) : items;
  }

  @FieldResolver(() => [Project], { description: '重点事業: the key projects printed under the measure, in order.' })
  async projects(
    @Root() measure: Measure,
    @Ctx() ctx: Context,
    @Arg('filter', () => ProjectFilter, {
      nullable: true,
      description: 'Only the items that match (conditions combined with AND).',
    })
    filter?: ProjectFilter | null,
    @Args(() => ListPageArgs) page?: ListPageArgs,
  ): Promise<Project[]> {
    const items = filter
      ? await filteredChildren(ctx, 'projectsByMeasure', measure.id, filter)
      : await ctx.loaders.projectsByMeasure.load(measure.id);
    return page ? slicePage(items, page) : items;
  }

  @FieldResolver(() => [Footnote], { description: 'Footnotes printed under the outcome table, by marker.' })
  footnotes(@Root() measure: Measure, @Ctx() ctx: Context): Promise<Footnote[]> {
    return ctx.loaders.footnotesByMeasure.load(measure.id);
  }
}
