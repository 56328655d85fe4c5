import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Measure, Plan, Policy } from '../../entities';
import type { Context } from '../context';
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
  measures(@Root() policy: Policy, @Ctx() ctx: Context): Promise<Measure[]> {
    return ctx.loaders.measuresByPolicy.load(policy.id);
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
}
