import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Footnote, Indicator, Measure, Plan, Policy, Project } from '../../entities';
import type { Context } from '../context';
import { summaryProgress } from '../../services/progress';
import { ProgressSummary, SummaryArgs } from '../types/progress';
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
  outcomeIndicators(@Root() measure: Measure, @Ctx() ctx: Context): Promise<Indicator[]> {
    return ctx.loaders.indicatorsByMeasure.load(measure.id);
  }

  @FieldResolver(() => [Project], { description: '重点事業: the key projects printed under the measure, in order.' })
  projects(@Root() measure: Measure, @Ctx() ctx: Context): Promise<Project[]> {
    return ctx.loaders.projectsByMeasure.load(measure.id);
  }

  @FieldResolver(() => [Footnote], { description: 'Footnotes printed under the outcome table, by marker.' })
  footnotes(@Root() measure: Measure, @Ctx() ctx: Context): Promise<Footnote[]> {
    return ctx.loaders.footnotesByMeasure.load(measure.id);
  }

  @FieldResolver(() => ProgressSummary, {
    description: 'Progress of the indicators below for a fiscal year: counts per status and the share achieved.',
  })
  progress(
    @Root() measure: Measure,
    @Args(() => SummaryArgs) args: SummaryArgs,
    @Ctx() ctx: Context,
  ): Promise<ProgressSummary> {
    return summaryProgress(
      ctx,
      { kind: 'measure', id: measure.id, planId: measure.planId },
      args.fiscalYear,
      args.includeDrafts,
      args.weights,
    );
  }
}
