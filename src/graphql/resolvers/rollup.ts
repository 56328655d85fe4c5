import { Arg, Args, Ctx, FieldResolver, Int, Resolver, Root, type ClassType } from 'type-graphql';
import { Measure, Plan, Policy, Project } from '../../entities';
import { aggregates } from '../../services/aggregates';
import { summaryProgress } from '../../services/progress';
import type { Context } from '../context';
import { YearAggregate, yearAggregateType } from '../types/aggregate';
import { ProgressSummary, SummaryArgs, summaryType } from '../types/progress';

// The roll-up fields every level above an indicator shares: progress (and, for plan, policy and
// measure, per-year aggregates). One resolver class per type, made by one function.

type Level = 'plan' | 'policy' | 'measure' | 'project';

function rollupResolver<T extends { id: number }>(type: ClassType<T>, level: Level, planIdOf: (owner: T) => number) {
  @Resolver(() => type)
  class ProgressResolver {
    @FieldResolver(() => ProgressSummary, {
      description: 'Progress of the indicators below for a fiscal year: counts per status and the share achieved.',
    })
    async progress(
      @Root() owner: T,
      @Args(() => SummaryArgs) args: SummaryArgs,
      @Ctx() ctx: Context,
    ): Promise<ProgressSummary> {
      const scope = { kind: level, id: owner.id, planId: planIdOf(owner) };
      const s = await summaryProgress(ctx, scope, args.fiscalYear, args.includeDrafts, args.weights);
      return summaryType(s, scope.planId);
    }
  }
  if (level === 'project') return [ProgressResolver];

  @Resolver(() => type)
  class AggregatesResolver {
    @FieldResolver(() => [YearAggregate], {
      description:
        'Per fiscal year: indicators by progress status, cells by value kind, and totals per unit where adding up is meaningful.',
    })
    async aggregates(
      @Root() owner: T,
      @Ctx() ctx: Context,
      @Arg('fiscalYears', () => [Int], { nullable: true, description: 'The years (default: every year of the plan).' })
      fiscalYears?: number[] | null,
      @Arg('includeDrafts', { defaultValue: false, description: 'Count unapproved actuals too (token holders only).' })
      includeDrafts?: boolean,
    ): Promise<YearAggregate[]> {
      const scope = { kind: level as Exclude<Level, 'project'>, id: owner.id, planId: planIdOf(owner) };
      return (await aggregates(ctx, scope, fiscalYears, includeDrafts ?? false)).map(yearAggregateType);
    }
  }
  return [ProgressResolver, AggregatesResolver];
}

export const rollupResolvers = [
  ...rollupResolver(Plan, 'plan', (plan) => plan.id),
  ...rollupResolver(Policy, 'policy', (policy) => policy.planId),
  ...rollupResolver(Measure, 'measure', (measure) => measure.planId),
  ...rollupResolver(Project, 'project', (project) => project.planId),
];
