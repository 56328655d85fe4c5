import { Arg, Args, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { Measure, Plan, Policy, Project } from '../../entities';
import type { Context } from '../context';
import { ListPageArgs, slicePage } from '../list-page';
import { MeasureFilter, PolicyFilter, ProjectFilter } from '../filters';
import { filteredChildren } from '../../services/nested';
import { aggregates } from '../../services/aggregates';
import { YearAggregate } from '../types/aggregate';
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
  async policies(
    @Root() plan: Plan,
    @Ctx() ctx: Context,
    @Arg('filter', () => PolicyFilter, {
      nullable: true,
      description: 'Only the items that match (conditions combined with AND).',
    })
    filter?: PolicyFilter | null,
    @Args(() => ListPageArgs) page?: ListPageArgs,
  ): Promise<Policy[]> {
    const items = filter
      ? await filteredChildren<'Plan.policies', Policy>(ctx, 'Plan.policies', plan.id, filter)
      : await ctx.loaders.policiesByPlan.load(plan.id);
    return page ? slicePage(items, page) : items;
  }

  @FieldResolver(() => [Measure], { description: 'The measures of the plan, in document order.' })
  async measures(
    @Root() plan: Plan,
    @Ctx() ctx: Context,
    @Arg('filter', () => MeasureFilter, {
      nullable: true,
      description: 'Only the items that match (conditions combined with AND).',
    })
    filter?: MeasureFilter | null,
    @Args(() => ListPageArgs) page?: ListPageArgs,
  ): Promise<Measure[]> {
    const items = filter
      ? await filteredChildren<'Plan.measures', Measure>(ctx, 'Plan.measures', plan.id, filter)
      : await ctx.loaders.measuresByPlan.load(plan.id);
    return page ? slicePage(items, page) : items;
  }

  @FieldResolver(() => [Project], { description: 'The key projects of the plan, in document order (each once).' })
  async projects(
    @Root() plan: Plan,
    @Ctx() ctx: Context,
    @Arg('filter', () => ProjectFilter, {
      nullable: true,
      description: 'Only the items that match (conditions combined with AND).',
    })
    filter?: ProjectFilter | null,
    @Args(() => ListPageArgs) page?: ListPageArgs,
  ): Promise<Project[]> {
    const items = filter
      ? await filteredChildren<'Plan.projects', Project>(ctx, 'Plan.projects', plan.id, filter)
      : await ctx.loaders.projectsByPlan.load(plan.id);
    return page ? slicePage(items, page) : items;
  }

  @FieldResolver(() => ProgressSummary, {
    description: 'Progress of the indicators below for a fiscal year: counts per status and the share achieved.',
  })
  async progress(
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

  @FieldResolver(() => [YearAggregate], {
    description:
      'Per fiscal year: indicators by progress status, cells by value kind, and totals per unit where adding up is meaningful.',
  })
  async aggregates(
    @Root() plan: Plan,
    @Ctx() ctx: Context,
    @Arg('fiscalYears', () => [Int], { nullable: true, description: 'The years (default: every year of the plan).' })
    fiscalYears?: number[] | null,
    @Arg('includeDrafts', { defaultValue: false, description: 'Count unapproved actuals too (token holders only).' })
    includeDrafts?: boolean,
  ): Promise<YearAggregate[]> {
    return aggregates(ctx, { kind: 'plan', id: plan.id, planId: plan.id }, fiscalYears, includeDrafts ?? false);
  }
}
