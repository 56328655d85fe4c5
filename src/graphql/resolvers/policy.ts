import { Arg, Args, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { Measure, Plan, Policy } from '../../entities';
import type { Context } from '../context';
import { ListPageArgs, slicePage } from '../list-page';
import { MeasureFilter } from '../filters';
import { filteredChildren } from '../../services/nested';
import { aggregates } from '../../services/aggregates';
import { YearAggregate } from '../types/aggregate';
import { summaryProgress } from '../../services/progress';
import { ProgressSummary, SummaryArgs } from '../types/progress';
import { mustExist } from '../must-exist';

@Resolver(() => Policy)
export class PolicyResolver {
  @FieldResolver(() => Plan, { description: 'The plan the policy belongs to.' })
  plan(@Root() policy: Policy, @Ctx() ctx: Context): Promise<Plan> {
    return mustExist(ctx.loaders.plan.load(policy.planId), 'plan');
  }

  @FieldResolver(() => [Measure], { description: 'The measures under the policy, in document order.' })
  async measures(
    @Root() policy: Policy,
    @Ctx() ctx: Context,
    @Arg('filter', () => MeasureFilter, {
      nullable: true,
      description: 'Only the items that match (conditions combined with AND).',
    })
    filter?: MeasureFilter | null,
    @Args(() => ListPageArgs) page?: ListPageArgs,
  ): Promise<Measure[]> {
    const items = filter
      ? await filteredChildren<'Policy.measures', Measure>(ctx, 'Policy.measures', policy.id, filter)
      : await ctx.loaders.measuresByPolicy.load(policy.id);
    return page ? slicePage(items, page) : items;
  }

  @FieldResolver(() => ProgressSummary, {
    description: 'Progress of the indicators below for a fiscal year: counts per status and the share achieved.',
  })
  progress(
    @Root() policy: Policy,
    @Args(() => SummaryArgs) args: SummaryArgs,
    @Ctx() ctx: Context,
  ): Promise<ProgressSummary> {
    return summaryProgress(
      ctx,
      { kind: 'policy', id: policy.id, planId: policy.planId },
      args.fiscalYear,
      args.includeDrafts,
      args.weights,
    );
  }

  @FieldResolver(() => [YearAggregate], {
    description:
      'Per fiscal year: indicators by progress status, cells by value kind, and totals per unit where adding up is meaningful.',
  })
  aggregates(
    @Root() policy: Policy,
    @Ctx() ctx: Context,
    @Arg('fiscalYears', () => [Int], { nullable: true, description: 'The years (default: every year of the plan).' })
    fiscalYears?: number[] | null,
    @Arg('includeDrafts', { defaultValue: false, description: 'Count unapproved actuals too (token holders only).' })
    includeDrafts?: boolean,
  ): Promise<YearAggregate[]> {
    return aggregates(
      ctx,
      { kind: 'policy', id: policy.id, planId: policy.planId },
      fiscalYears,
      includeDrafts ?? false,
    );
  }
}
