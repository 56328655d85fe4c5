import { Arg, Args, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { Footnote, Indicator, Measure, Plan, Project, Target } from '../../entities';
import type { Context } from '../context';
import { TargetFilter } from '../filters';
import { filteredChildren } from '../../services/nested';
import { actualsOfIndicator } from '../../services/actuals';
import { indicatorYears } from '../../services/series';
import { indicatorProgress } from '../../services/progress';
import { ActualType, actualType } from '../types/actual';
import { Progress, ProgressArgs, progressType } from '../types/progress';
import { SeriesPoint } from '../types/series';
import { fiscalYear } from '../fiscal-year';
import { mustExist } from '../must-exist';

@Resolver(() => Indicator)
export class IndicatorResolver {
  @FieldResolver(() => Plan, { description: 'The plan the indicator belongs to.' })
  plan(@Root() indicator: Indicator, @Ctx() ctx: Context): Promise<Plan> {
    return mustExist(ctx.loaders.plan.load(indicator.planId), 'plan');
  }

  @FieldResolver(() => [Measure], {
    description: 'Measures that list it as an outcome indicator (several if repeated).',
  })
  measures(@Root() indicator: Indicator, @Ctx() ctx: Context): Promise<Measure[]> {
    return ctx.loaders.measuresByIndicator.load(indicator.id);
  }

  @FieldResolver(() => [Project], {
    description: 'Projects that list it as a performance target (several if reposted).',
  })
  projects(@Root() indicator: Indicator, @Ctx() ctx: Context): Promise<Project[]> {
    return ctx.loaders.projectsByIndicator.load(indicator.id);
  }

  @FieldResolver(() => Target, {
    nullable: true,
    description: 'The 本年度(見込み) cell: an estimate of the base year’s actual, not a target. Null if not printed.',
  })
  async baseline(@Root() indicator: Indicator, @Ctx() ctx: Context): Promise<Target | null> {
    const targets = await ctx.loaders.targetsByIndicator.load(indicator.id);
    return targets.find((t) => t.role === 'BASELINE_ESTIMATE') ?? null;
  }

  @FieldResolver(() => [Target], {
    description: 'Every cell of the row by fiscal year, the baseline estimate included (see `role`).',
  })
  async targets(
    @Root() indicator: Indicator,
    @Ctx() ctx: Context,
    @Arg('fiscalYears', () => [Int], { nullable: true, description: 'Only the cells of these fiscal years.' })
    fiscalYears?: number[] | null,
    @Arg('filter', () => TargetFilter, {
      nullable: true,
      description: 'Only the cells that match (conditions combined with AND).',
    })
    filter?: TargetFilter | null,
  ): Promise<Target[]> {
    const targets = filter
      ? await filteredChildren(ctx, 'targetsByIndicator', indicator.id, filter)
      : await ctx.loaders.targetsByIndicator.load(indicator.id);
    return fiscalYears ? targets.filter((t) => fiscalYears.includes(t.fiscalYear)) : targets;
  }

  @FieldResolver(() => Indicator, {
    nullable: true,
    description: 'The previous term’s indicator this one continues (see lineageReason); null if none.',
  })
  predecessor(@Root() indicator: Indicator, @Ctx() ctx: Context): Promise<Indicator | null> | null {
    return indicator.predecessorId === null ? null : ctx.loaders.indicator.load(indicator.predecessorId);
  }

  @FieldResolver(() => [Indicator], { description: 'The next term’s indicators that continue this one.' })
  successors(@Root() indicator: Indicator, @Ctx() ctx: Context): Promise<Indicator[]> {
    return ctx.loaders.successorsByIndicator.load(indicator.id);
  }

  @FieldResolver(() => [SeriesPoint], {
    description:
      'One point per fiscal year of the plan (base year to final year) with baseline, target and actual, ' +
      'so a chart can be drawn from one field. With acrossTerms, the indicator’s whole lineage: from the first ' +
      'term’s base year to the last term’s final year, each point with its term; a year printed by two terms ' +
      '(a later base-year estimate and an earlier target) has a point of each.',
  })
  async series(
    @Root() indicator: Indicator,
    @Ctx() ctx: Context,
    @Arg('acrossTerms', () => Boolean, {
      defaultValue: false,
      description: 'Follow predecessors and successors across plan terms.',
    })
    acrossTerms: boolean,
  ): Promise<SeriesPoint[]> {
    if (!acrossTerms) return (await termPoints(ctx, indicator)).map((p) => p.point);
    const lineage = await ctx.loaders.lineageByIndicator.load(indicator.id);
    const terms = await Promise.all(lineage.map((i) => termPoints(ctx, i)));
    const first = terms[0]?.[0]?.point.fiscalYear.year ?? 0;
    const last = terms.at(-1)?.at(-1)?.point.fiscalYear.year ?? -1;
    const points: SeriesPoint[] = [];
    for (let year = first; year <= last; year += 1) {
      const ofYear = terms.flatMap((t) => t.filter((p) => p.point.fiscalYear.year === year));
      const printed = ofYear.filter((p) => p.hasData);
      // The year's points with data, one per term; a year no term prints is the latest covering term's empty point.
      points.push(...(printed.length > 0 ? printed : ofYear.slice(-1)).map((p) => p.point));
    }
    return points;
  }

  @FieldResolver(() => [Footnote], {
    description: 'Footnotes whose marker sits on the row label. Cell footnotes are on `targets { footnotes }`.',
  })
  footnotes(@Root() indicator: Indicator, @Ctx() ctx: Context): Promise<Footnote[]> {
    return ctx.loaders.footnotesByIndicator.load(indicator.id);
  }

  @FieldResolver(() => [ActualType], {
    description:
      'What was achieved, by fiscal year: approved actuals for the public, the latest revisions for a token holder.',
  })
  async actuals(
    @Root() indicator: Indicator,
    @Ctx() ctx: Context,
    @Arg('fiscalYears', () => [Int], { nullable: true, description: 'Only the actuals of these fiscal years.' })
    fiscalYears?: number[] | null,
  ): Promise<ActualType[]> {
    const actuals = await actualsOfIndicator(ctx, indicator.id, ctx.viewer.scope(undefined));
    return (fiscalYears ? actuals.filter((a) => fiscalYears.includes(a.actual.fiscalYear)) : actuals).map(actualType);
  }

  @FieldResolver(() => Progress, { description: 'How far the indicator meets its target for a fiscal year, and why.' })
  async progress(
    @Root() indicator: Indicator,
    @Args(() => ProgressArgs) args: ProgressArgs,
    @Ctx() ctx: Context,
  ): Promise<Progress> {
    const e = await indicatorProgress(ctx, indicator, args.fiscalYear, args.includeDrafts);
    return progressType(e, indicator.planId);
  }
}

/** The points of one indicator over its own plan's years, each saying whether the plan prints or records anything. */
async function termPoints(ctx: Context, indicator: Indicator): Promise<{ point: SeriesPoint; hasData: boolean }[]> {
  return (await indicatorYears(ctx, indicator.id)).map((row) => ({
    point: Object.assign(new SeriesPoint(), {
      planId: row.planId,
      fiscalYear: fiscalYear(row.year, row.planId),
      baseline: row.cell?.role === 'BASELINE_ESTIMATE' ? row.cell.value : null,
      target: row.cell?.role === 'TARGET' ? row.cell.value : null,
      actual: row.actual,
    }),
    hasData: row.cell !== null || row.actual !== null,
  }));
}

@Resolver(() => SeriesPoint)
export class SeriesPointResolver {
  @FieldResolver(() => Plan, {
    description: 'The term (plan) the point comes from: with acrossTerms, two points of one year are two terms.',
  })
  plan(@Root() point: SeriesPoint, @Ctx() ctx: Context): Promise<Plan> {
    return mustExist(ctx.loaders.plan.load(point.planId), 'plan');
  }
}
