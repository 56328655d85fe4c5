import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Measure, Plan, Policy, Project } from '../../entities';
import type { Context } from '../context';
import { summaryProgress } from '../../services/progress';
import { ProgressSummary, SummaryArgs } from '../types/progress';
import { FiscalYear, fiscalYear } from '../fiscal-year';

@Resolver(() => Plan)
export class PlanResolver {
  @FieldResolver(() => FiscalYear, {
    description: 'The base year: the 本年度(見込み) column, an estimate of its actual.',
  })
  baseYear(@Root() plan: Plan): FiscalYear {
    return fiscalYear(plan.baseYear);
  }

  @FieldResolver(() => FiscalYear, { description: 'The final year of the plan (基本計画 最終年度).' })
  finalYear(@Root() plan: Plan): FiscalYear {
    return fiscalYear(plan.finalYear);
  }

  @FieldResolver(() => [FiscalYear], {
    description: 'Every fiscal year from the base year to the final year, ascending.',
  })
  fiscalYears(@Root() plan: Plan): FiscalYear[] {
    const years: FiscalYear[] = [];
    for (let year = plan.baseYear; year <= plan.finalYear; year += 1) years.push(fiscalYear(year));
    return years;
  }

  @FieldResolver(() => [FiscalYear], { description: 'The years of the plan’s own period (実施計画), ascending.' })
  planYears(@Root() plan: Plan): FiscalYear[] {
    return plan.planYears.map(fiscalYear);
  }

  @FieldResolver(() => [Policy], { description: 'The policies of the plan, by number.' })
  policies(@Root() plan: Plan, @Ctx() ctx: Context): Promise<Policy[]> {
    return ctx.loaders.policiesByPlan.load(plan.id);
  }

  @FieldResolver(() => [Measure], { description: 'The measures of the plan, in document order.' })
  measures(@Root() plan: Plan, @Ctx() ctx: Context): Promise<Measure[]> {
    return ctx.loaders.measuresByPlan.load(plan.id);
  }

  @FieldResolver(() => [Project], { description: 'The key projects of the plan, in document order (each once).' })
  projects(@Root() plan: Plan, @Ctx() ctx: Context): Promise<Project[]> {
    return ctx.loaders.projectsByPlan.load(plan.id);
  }

  @FieldResolver(() => ProgressSummary, {
    description: 'Progress of the indicators below for a fiscal year: counts per status and the share achieved.',
  })
  progress(
    @Root() plan: Plan,
    @Args(() => SummaryArgs) args: SummaryArgs,
    @Ctx() ctx: Context,
  ): Promise<ProgressSummary> {
    return summaryProgress(
      ctx,
      { kind: 'plan', id: plan.id, planId: plan.id },
      args.fiscalYear,
      args.includeDrafts,
      args.weights,
    );
  }
}
