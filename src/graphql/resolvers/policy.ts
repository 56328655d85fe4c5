import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Measure, Plan, Policy } from '../../entities';
import type { Context } from '../context';
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
}
