import { Footnote, Indicator, Plan, Policy, Measure, Project, Target } from '../entities';
import type { ProgressStatus } from '../entities/enums';
import type { RequestContext as Context } from '../context';
import { AppError } from '../domain/errors';
import {
  Conditions,
  footnoteConditions,
  indicatorConditions,
  measureConditions,
  policyConditions,
  projectConditions,
  targetConditions,
} from './conditions';
import {
  allRows,
  listQuery,
  narrowed,
  paginate,
  type ConnectionResult,
  type ListQuery,
  type PageExtras,
  type PageRequest,
} from './paging';
import { compileRelation } from '../loaders/relations';
import { shapeOf } from '../loaders';
import { indicatorStatus } from './progress';
import { sortKeys } from './sort';
import type {
  FootnoteFilterSpec as FootnoteFilter,
  IndicatorFilterSpec as IndicatorFilter,
  MeasureFilterSpec as MeasureFilter,
  OrderSpec as OrderInput,
  PolicyFilterSpec as PolicyFilter,
  ProjectFilterSpec as ProjectFilter,
  TargetFilterSpec as TargetFilter,
} from './specs';
import { actualCountsSql } from './visibility';

// The root lists of the read API: each filter field adds one AND condition; a page costs two
// statements (count and rows), plus the progress evaluation when filtering on status.

function badInput(message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError('BAD_USER_INPUT', message, details);
}

/**
 * The SQL that says an actual row `a` counts for a filter (hasActual). Filters have no includeDrafts:
 * they count what `progress` counts by default, approved actuals, for everyone.
 */
export function filterActualSql(ctx: Context): string {
  return actualCountsSql(ctx.viewer.scope(false));
}

/**
 * Indicator ids matching a progress status for a year, among the candidates `qb` selects. Progress is
 * computed (not stored), so this evaluates the candidates through the request's loaders.
 */
async function idsWithStatus(
  ctx: Context,
  candidates: ListQuery<Indicator>,
  status: ProgressStatus | null | undefined,
  statusYear: number | null | undefined,
): Promise<number[] | null> {
  if (status == null) {
    if (statusYear != null) throw badInput('statusYear is used with status: give both.', { argument: 'filter' });
    return null;
  }
  if (statusYear == null)
    throw badInput('Filtering on status needs statusYear: the fiscal year to evaluate.', { argument: 'filter' });
  const indicators = await allRows(candidates);
  const statuses = await Promise.all(indicators.map((i) => indicatorStatus(ctx, i, statusYear)));
  return indicators.filter((_, n) => statuses[n] === status).map((i) => i.id);
}

export async function listPlans(ctx: Context): Promise<Plan[]> {
  return ctx.db.getRepository(Plan).find({ order: { code: 'ASC' } });
}

export async function findPlanByCode(ctx: Context, code: string): Promise<Plan | null> {
  return ctx.db.getRepository(Plan).findOne({ where: { code } });
}

export async function listPolicies(
  ctx: Context,
  filter: PolicyFilter | null | undefined,
  page: PageRequest,
  orderBy?: OrderInput[] | null,
): Promise<ConnectionResult<Policy>> {
  const c = new Conditions(ctx.db, 'f');
  policyConditions(c, 'e', filter);
  return paginate(listQuery(ctx.db, Policy, c), page, sortKeys('Policy', orderBy));
}

export async function listMeasures(
  ctx: Context,
  filter: MeasureFilter | null | undefined,
  page: PageRequest,
  orderBy?: OrderInput[] | null,
): Promise<ConnectionResult<Measure>> {
  const c = new Conditions(ctx.db, 'f');
  measureConditions(c, 'e', filter);
  return paginate(listQuery(ctx.db, Measure, c), page, sortKeys('Measure', orderBy));
}

export async function listProjects(
  ctx: Context,
  filter: ProjectFilter | null | undefined,
  page: PageRequest,
  orderBy?: OrderInput[] | null,
): Promise<ConnectionResult<Project>> {
  const c = new Conditions(ctx.db, 'f');
  projectConditions(c, 'e', filter);
  return paginate(listQuery(ctx.db, Project, c), page, sortKeys('Project', orderBy));
}

export async function listIndicators(
  ctx: Context,
  filter: IndicatorFilter | null | undefined,
  page: PageRequest,
  orderBy?: OrderInput[] | null,
): Promise<ConnectionResult<Indicator>> {
  const c = new Conditions(ctx.db, 'f');
  indicatorConditions(c, 'e', filter, filterActualSql(ctx));
  const list = listQuery(ctx.db, Indicator, c);
  const ids = await idsWithStatus(ctx, list, filter?.status, filter?.statusYear);
  return paginate(
    ids ? narrowed(list, 'e.id = ANY(:statusIds)', { statusIds: ids }) : list,
    page,
    sortKeys('Indicator', orderBy),
  );
}

/** What a page of targets also reads in its own statement (the rows the client selected under each node). */
export interface TargetPageIncludes {
  indicator?: boolean;
  footnotes?: boolean;
}

/**
 * The page statement also returns each cell's indicator and footnotes (as JSON sub-selects, the same rows and
 * order as the loaders') and primes the request's loaders with them: one statement for the page instead of three.
 */
function targetPageExtras(ctx: Context, include: TargetPageIncludes | undefined): PageExtras<Target> | undefined {
  if (!include?.indicator && !include?.footnotes) return undefined;
  const indicator = shapeOf(ctx.db, Indicator);
  const footnotes = compileRelation(ctx.db, 'footnotesByTarget', 'pf', 'pl');
  return {
    columns() {
      const columns: string[] = [];
      if (include.indicator)
        columns.push(
          `(SELECT ${indicator.json('pi')} FROM ${indicator.table} "pi" WHERE "pi"."id" = "e"."indicator_id") AS "page_indicator"`,
        );
      if (include.footnotes)
        columns.push(
          `(SELECT coalesce(json_agg(${footnotes.shape.json('pf')} ORDER BY ${footnotes.order}), '[]') ` +
            `FROM ${footnotes.from} WHERE ${footnotes.parent} = "e"."id") AS "page_footnotes"`,
        );
      return columns;
    },
    use(rows) {
      for (const { node, raw } of rows) {
        const i = raw.page_indicator as Record<string, unknown> | null | undefined;
        if (i) ctx.loaders.indicator.prime(node.indicatorId, indicator.hydrate(i, 'pi'));
        const f = raw.page_footnotes as Record<string, unknown>[] | undefined;
        if (f)
          ctx.loaders.footnotesByTarget.prime(
            node.id,
            f.map((o) => footnotes.shape.hydrate(o, 'pf')),
          );
      }
    },
  };
}

export async function listTargets(
  ctx: Context,
  filter: TargetFilter | null | undefined,
  page: PageRequest,
  orderBy?: OrderInput[] | null,
  include?: TargetPageIncludes,
): Promise<ConnectionResult<Target>> {
  const c = new Conditions(ctx.db, 'f');
  targetConditions(c, 'e', filter, filterActualSql(ctx));
  let list = listQuery(ctx.db, Target, c);
  if (filter?.status != null || filter?.statusYear != null) {
    const ic = new Conditions(ctx.db, 's');
    indicatorConditions(
      ic,
      'e',
      {
        ...filter,
        unit: null,
        fiscalYear: null,
        fiscalYearFrom: null,
        fiscalYearTo: null,
        valueKind: null,
        footnoteCategory: null,
        hasActual: null,
      },
      filterActualSql(ctx),
    );
    const ids = await idsWithStatus(ctx, listQuery(ctx.db, Indicator, ic), filter.status, filter.statusYear);
    list = narrowed(list, 'e.indicator_id = ANY(:statusIds)', { statusIds: ids ?? [] });
  }
  return paginate(list, page, sortKeys('Target', orderBy), targetPageExtras(ctx, include));
}

export async function listFootnotes(
  ctx: Context,
  filter: FootnoteFilter | null | undefined,
  page: PageRequest,
  orderBy?: OrderInput[] | null,
): Promise<ConnectionResult<Footnote>> {
  const c = new Conditions(ctx.db, 'f');
  // The plan document's footnotes; footnotes of actuals are reached through their actual.
  c.add('e.actual_revision_id IS NULL');
  footnoteConditions(c, 'e', filter);
  return paginate(listQuery(ctx.db, Footnote, c), page, sortKeys('Footnote', orderBy));
}
