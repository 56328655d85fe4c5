import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Measure, Plan, PlanChange, Policy, Project } from '../../entities';
import type { Context } from '../context';
import { ListPageArgs, slicePage } from '../list-page';
import { MeasureFilter, PolicyFilter, ProjectFilter } from '../filters';
import { filteredChildren } from '../../services/nested';
import { FiscalYear, fiscalYear } from '../fiscal-year';

@Resolver(() => Plan)
export class PlanResolver {
  @FieldResolver(() => Plan, {
    nullable: true,
    description: 'The previous term this plan follows (imported with --previous); null for a first term.',
  })
  previous(@Root() plan: Plan, @Ctx() ctx: Context): Promise<Plan | null> | null {
    return plan.previousPlanId === null ? null : ctx.loaders.plan.load(plan.previousPlanId);
  }

  @FieldResolver(() => Plan, { nullable: true, description: 'The next term that follows this plan, if imported.' })
  async next(@Root() plan: Plan, @Ctx() ctx: Context): Promise<Plan | null> {
    return (await ctx.loaders.nextPlansByPlan.load(plan.id))[0] ?? null;
  }

  @FieldResolver(() => [PlanChange], {
    description:
      'What differs from the previous term, found by matching the terms at import: policies, measures, projects and ' +
      'indicators added, removed, renamed, renumbered, retargeted or moved. Empty for a first term.',
  })
  changesFromPrevious(@Root() plan: Plan, @Ctx() ctx: Context): Promise<PlanChange[]> {
    return ctx.loaders.changesByPlan.load(plan.id);
  }

  @FieldResolver(() => FiscalYear, {
    description: 'The base year: the 本年度(見込み) column, an estimate of its actual.',
  })
  baseYear(@Root() plan: Plan): FiscalYear {
    return fiscalYear(plan.baseYear, plan.id);
  }

  @FieldResolver(() => FiscalYear, { description: 'The final year of the plan (基本計画 最終年度).' })
  finalYear(@Root() plan: Plan): FiscalYear {
    return fiscalYear(plan.finalYear, plan.id);
  }

  @FieldResolver(() => [FiscalYear], {
    description: 'Every fiscal year from the base year to the final year, ascending.',
  })
  fiscalYears(@Root() plan: Plan): FiscalYear[] {
    const years: FiscalYear[] = [];
    for (let year = plan.baseYear; year <= plan.finalYear; year += 1) years.push(fiscalYear(year, plan.id));
    return years;
  }

  @FieldResolver(() => [FiscalYear], { description: 'The years of the plan’s own period (実施計画), ascending.' })
  planYears(@Root() plan: Plan): FiscalYear[] {
    return plan.planYears.map((year) => fiscalYear(year, plan.id));
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
      ? await filteredChildren(ctx, 'policiesByPlan', plan.id, filter)
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
      ? await filteredChildren(ctx, 'measuresByPlan', plan.id, filter)
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
      ? await filteredChildren(ctx, 'projectsByPlan', plan.id, filter)
      : await ctx.loaders.projectsByPlan.load(plan.id);
    return page ? slicePage(items, page) : items;
  }
}
