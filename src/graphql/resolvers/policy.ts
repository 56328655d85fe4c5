import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Measure, Plan, Policy } from '../../entities';
import type { Context } from '../context';
import { ListPageArgs, slicePage } from '../list-page';
import { MeasureFilter } from '../filters';
import { filteredChildren } from '../../services/nested';
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
      ? await filteredChildren(ctx, 'measuresByPolicy', policy.id, filter)
      : await ctx.loaders.measuresByPolicy.load(policy.id);
    return page ? slicePage(items, page) : items;
  }
}
