import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { Plan } from '../../entities';
import { gradingScaleOf, setGradingScale } from '../../services/grading';
import type { Context } from '../context';
import { GradeResolver, GradingScale, GradingScaleInput, gradingScaleType } from '../types/grading';

@Resolver(() => Plan)
class PlanGradingResolver {
  @FieldResolver(() => GradingScale, {
    nullable: true,
    description: 'How the plan grades its indicators (setGradingScale); null when it has no scale.',
  })
  async gradingScale(@Root() plan: Plan, @Ctx() ctx: Context): Promise<GradingScale | null> {
    const scale = await gradingScaleOf(ctx, plan.id);
    return scale === null ? null : gradingScaleType(scale);
  }
}

@Resolver()
class GradingMutationResolver {
  @Authorized('admin')
  @Mutation(() => GradingScale, {
    description:
      'Sets (or replaces) the grading scale of a plan: a preset, or custom levels. Grades change with it; ' +
      'progress statuses never do. A bad scale is BAD_USER_INPUT and writes nothing.',
  })
  async setGradingScale(
    @Arg('planCode', { description: 'Code of the plan.' }) planCode: string,
    @Arg('input', () => GradingScaleInput, { description: 'The scale.' }) input: GradingScaleInput,
    @Ctx() ctx: Context,
  ): Promise<GradingScale> {
    return gradingScaleType(await setGradingScale(ctx, planCode, input));
  }
}

export const gradingResolvers = [PlanGradingResolver, GradingMutationResolver, GradeResolver] as const;
