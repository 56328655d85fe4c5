import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, ID, Info, Int, Query, Resolver } from 'type-graphql';
import { Node, Plan } from '../../entities';
import {
  findPlanByCode,
  listFootnotes,
  listIndicators,
  listMeasures,
  listPlans,
  listPolicies,
  listProjects,
  listTargets,
} from '../../services/catalog';
import { RootPageArgs, type ConnectionResult } from '../connection';
import { FootnoteOrder, IndicatorOrder, MeasureOrder, PolicyOrder, ProjectOrder, TargetOrder } from '../orders';
import {
  FootnoteConnection,
  IndicatorConnection,
  MeasureConnection,
  PolicyConnection,
  ProjectConnection,
  TargetConnection,
} from '../connections';
import type { Context } from '../context';
import { FootnoteFilter, IndicatorFilter, MeasureFilter, PolicyFilter, ProjectFilter, TargetFilter } from '../filters';
import { parseGlobalId } from '../global-id';
import { nodesSelect, selects } from '../selection';
import { indicatorWithYears } from '../../services/series';
import { exportActualsCsv } from '../../services/actuals-csv';
import { findActual, visibleFootnote } from '../../services/actuals';
import { actualType } from '../types/actual';
import type { Footnote, Indicator, Measure, Policy, Project, Target } from '../../entities';

@Resolver()
export class QueryResolver {
  @Query(() => Node, {
    nullable: true,
    description: 'Fetches any object by its global ID; null when it does not exist. A malformed ID is an error.',
  })
  async node(
    @Arg('id', () => ID, { description: 'A global ID returned by this API.' }) id: string,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Node | null> {
    const parsed = parseGlobalId(id);
    // An indicator with its series: the row and its years in one statement (services/series.ts).
    if (parsed.type === 'Indicator' && selects(info, ['series'])) return indicatorWithYears(ctx, parsed.id);
    switch (parsed.type) {
      case 'Plan':
        return ctx.loaders.plan.load(parsed.id);
      case 'Policy':
        return ctx.loaders.policy.load(parsed.id);
      case 'Measure':
        return ctx.loaders.measure.load(parsed.id);
      case 'Project':
        return ctx.loaders.project.load(parsed.id);
      case 'Indicator':
        return ctx.loaders.indicator.load(parsed.id);
      case 'Target':
        return ctx.loaders.target.load(parsed.id);
      case 'Footnote':
        return visibleFootnote(ctx, await ctx.loaders.footnote.load(parsed.id));
      case 'Actual': {
        const view = await findActual(ctx, parsed.id);
        return view && actualType(view);
      }
    }
  }

  @Query(() => [Plan], { description: 'Every plan in the database, by code.' })
  plans(@Ctx() ctx: Context): Promise<Plan[]> {
    return listPlans(ctx);
  }

  @Query(() => Plan, { nullable: true, description: 'The plan with this code, or null.' })
  plan(
    @Arg('code', { description: 'Plan code, e.g. "arakawa".' }) code: string,
    @Ctx() ctx: Context,
  ): Promise<Plan | null> {
    return findPlanByCode(ctx, code);
  }

  @Query(() => PolicyConnection, { description: 'Policies of every plan, filtered and paged.' })
  policies(
    @Arg('filter', () => PolicyFilter, { nullable: true, description: 'Conditions, combined with AND.' })
    filter: PolicyFilter | null,
    @Arg('orderBy', () => [PolicyOrder], {
      nullable: true,
      description: 'Sort keys, most significant first (default: document order).',
    })
    orderBy: InstanceType<typeof PolicyOrder>[] | null,
    @Args(() => RootPageArgs) page: RootPageArgs,
    @Ctx() ctx: Context,
  ): Promise<ConnectionResult<Policy>> {
    return listPolicies(ctx, filter, page, orderBy);
  }

  @Query(() => MeasureConnection, { description: 'Measures of every plan, filtered and paged.' })
  measures(
    @Arg('filter', () => MeasureFilter, { nullable: true, description: 'Conditions, combined with AND.' })
    filter: MeasureFilter | null,
    @Arg('orderBy', () => [MeasureOrder], {
      nullable: true,
      description: 'Sort keys, most significant first (default: document order).',
    })
    orderBy: InstanceType<typeof MeasureOrder>[] | null,
    @Args(() => RootPageArgs) page: RootPageArgs,
    @Ctx() ctx: Context,
  ): Promise<ConnectionResult<Measure>> {
    return listMeasures(ctx, filter, page, orderBy);
  }

  @Query(() => ProjectConnection, { description: 'Key projects of every plan, filtered and paged.' })
  projects(
    @Arg('filter', () => ProjectFilter, { nullable: true, description: 'Conditions, combined with AND.' })
    filter: ProjectFilter | null,
    @Arg('orderBy', () => [ProjectOrder], {
      nullable: true,
      description: 'Sort keys, most significant first (default: document order).',
    })
    orderBy: InstanceType<typeof ProjectOrder>[] | null,
    @Args(() => RootPageArgs) page: RootPageArgs,
    @Ctx() ctx: Context,
  ): Promise<ConnectionResult<Project>> {
    return listProjects(ctx, filter, page, orderBy);
  }

  @Query(() => IndicatorConnection, {
    description: 'Indicators (outcome and output) of every plan, filtered and paged.',
  })
  indicators(
    @Arg('filter', () => IndicatorFilter, { nullable: true, description: 'Conditions, combined with AND.' })
    filter: IndicatorFilter | null,
    @Arg('orderBy', () => [IndicatorOrder], {
      nullable: true,
      description: 'Sort keys, most significant first (default: document order).',
    })
    orderBy: InstanceType<typeof IndicatorOrder>[] | null,
    @Args(() => RootPageArgs) page: RootPageArgs,
    @Ctx() ctx: Context,
  ): Promise<ConnectionResult<Indicator>> {
    return listIndicators(ctx, filter, page, orderBy);
  }

  @Query(() => TargetConnection, {
    description:
      'Every cell of every plan (baseline estimates and targets), filtered and paged: e.g. the COVID-19-marked cells of a year.',
  })
  targets(
    @Arg('filter', () => TargetFilter, { nullable: true, description: 'Conditions, combined with AND.' })
    filter: TargetFilter | null,
    @Arg('orderBy', () => [TargetOrder], {
      nullable: true,
      description: 'Sort keys, most significant first (default: document order).',
    })
    orderBy: InstanceType<typeof TargetOrder>[] | null,
    @Args(() => RootPageArgs) page: RootPageArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionResult<Target>> {
    // The page statement also reads the cells' indicators and footnotes when they are selected (one statement).
    return listTargets(ctx, filter, page, orderBy, {
      indicator: nodesSelect(info, 'indicator'),
      footnotes: nodesSelect(info, 'footnotes'),
    });
  }

  @Query(() => FootnoteConnection, { description: 'Footnotes of every plan, filtered and paged.' })
  footnotes(
    @Arg('filter', () => FootnoteFilter, { nullable: true, description: 'Conditions, combined with AND.' })
    filter: FootnoteFilter | null,
    @Arg('orderBy', () => [FootnoteOrder], {
      nullable: true,
      description: 'Sort keys, most significant first (default: document order).',
    })
    orderBy: InstanceType<typeof FootnoteOrder>[] | null,
    @Args(() => RootPageArgs) page: RootPageArgs,
    @Ctx() ctx: Context,
  ): Promise<ConnectionResult<Footnote>> {
    return listFootnotes(ctx, filter, page, orderBy);
  }

  @Query(() => String, {
    description:
      'The actuals of a plan as CSV (indicator_id, plan_code, indicator_name, fiscal_year, value, note, ' +
      'expected_revision): edit it and pass it to importActuals. Approved values unless includeDrafts (token ' +
      'holders). With template: true, every indicator × year of the plan (or × fiscalYear) with the value empty ' +
      'to fill in — rows left empty are skipped on import.',
  })
  exportActuals(
    @Arg('planCode', { description: 'Code of the plan.' }) planCode: string,
    @Arg('includeDrafts', { defaultValue: false, description: 'Export the latest revisions, drafts included.' })
    includeDrafts: boolean,
    @Arg('fiscalYear', () => Int, {
      nullable: true,
      description: 'Only this fiscal year (e.g. 2022), which must be a year of the plan; default: every year.',
    })
    fiscalYear: number | null | undefined,
    @Arg('template', {
      defaultValue: false,
      description:
        'A template to fill in: a row per indicator and year, value empty; a row whose actual exists has its note ' +
        'and expected_revision (for token holders the latest revision, drafts included).',
    })
    template: boolean,
    @Ctx() ctx: Context,
  ): Promise<string> {
    return exportActualsCsv(ctx, planCode, includeDrafts, { fiscalYear, template });
  }
}
