import type { RequestContext } from '../context';
import { AppError } from '../domain/errors';
import type { ReportingState } from '../domain/vocabulary';
import { REPORTING_STATES } from '../domain/vocabulary';
import { Indicator, type Plan } from '../entities';
import type { ReportingRow } from '../loaders';
import { listQuery, narrowed, paginate, type ConnectionResult, type PageRequest } from './paging';
import { closingsOf, dueDateOf } from './periods';

// Reporting status of a plan, policy or measure for a fiscal year: which indicators (those with a target
// that year) have no actual, a draft, a submitted, an approved or a returned one; the deadline; closed.

/** Whose indicators a status counts. */
export type ReportingScope =
  | { kind: 'plan'; plan: Plan }
  | { kind: 'policy'; plan: Plan; policyId: number }
  | { kind: 'measure'; plan: Plan; measureId: number };

export interface ReportingStatusData {
  planId: number;
  fiscalYear: number;
  indicatorsTotal: number;
  /** Null for the public (who sees indicatorsTotal, approved and closed only). */
  missing: number | null;
  draft: number | null;
  submitted: number | null;
  approved: number;
  returned: number | null;
  /** 'YYYY-MM-DD'; null when none is set, or for the public. */
  dueDate: string | null;
  overdue: boolean | null;
  closed: boolean;
  /** Ids of the indicators in each state the caller may see (the public: APPROVED only), in plan order. */
  indicatorIds: Partial<Record<ReportingState, number[]>>;
  /** Ids of every indicator counted in indicatorsTotal. */
  allIndicatorIds: number[];
}

/** The state of an indicator's actual as a token holder sees it: its latest revision. */
function latestState(row: ReportingRow): ReportingState {
  if (row.status === null) return 'MISSING';
  if (row.status === 'APPROVED') return 'APPROVED';
  if (row.status === 'SUBMITTED') return 'SUBMITTED';
  return row.lastAction === 'RETURNED' ? 'RETURNED' : 'DRAFT';
}

/** The plan's reporting rows in the scope (one statement per query level, through the loader). */
async function rowsIn(ctx: RequestContext, scope: ReportingScope, fiscalYear: number): Promise<ReportingRow[]> {
  const rows = await ctx.loaders.reportingRows.load(`${scope.plan.id}:${fiscalYear}`);
  if (scope.kind === 'plan') return rows;
  if (scope.kind === 'policy') return rows.filter((r) => r.policyIds.includes(scope.policyId));
  return rows.filter((r) => r.measureIds.includes(scope.measureId));
}

/** Today in Japan (the plans' fiscal years are Japanese), as 'YYYY-MM-DD'. */
export function todayInJapan(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(now);
}

async function isClosed(ctx: RequestContext, scope: ReportingScope, fiscalYear: number): Promise<boolean> {
  const open = (await closingsOf(ctx, scope.plan.id, fiscalYear)).filter((c) => c.reopenedAt === null);
  if (open.some((c) => c.measureId === null)) return true;
  if (scope.kind === 'measure') return open.some((c) => c.measureId === scope.measureId);
  if (scope.kind === 'policy') {
    const measures = await ctx.loaders.measuresByPolicy.load(scope.policyId);
    return measures.length > 0 && measures.every((m) => open.some((c) => c.measureId === m.id));
  }
  return false;
}

export async function reportingStatus(
  ctx: RequestContext,
  scope: ReportingScope,
  fiscalYear: number,
): Promise<ReportingStatusData> {
  const { plan } = scope;
  if (!Number.isInteger(fiscalYear) || fiscalYear < plan.baseYear || fiscalYear > plan.finalYear) {
    throw new AppError(
      'BAD_USER_INPUT',
      `Fiscal year ${fiscalYear} is outside the plan "${plan.code}" (FY${plan.baseYear}–FY${plan.finalYear}).`,
      { argument: 'fiscalYear' },
    );
  }
  const rows = await rowsIn(ctx, scope, fiscalYear);
  const closed = await isClosed(ctx, scope, fiscalYear);
  const base = {
    planId: plan.id,
    fiscalYear,
    indicatorsTotal: rows.length,
    closed,
    allIndicatorIds: rows.map((r) => r.id),
  };
  // The viewer decides: the public sees the approved revisions only, token holders the latest ones.
  if (ctx.viewer.scope(undefined) === 'approved') {
    const approvedIds = rows.filter((r) => r.approvedRevision !== null).map((r) => r.id);
    return {
      ...base,
      missing: null,
      draft: null,
      submitted: null,
      returned: null,
      approved: approvedIds.length,
      dueDate: null,
      overdue: null,
      indicatorIds: { APPROVED: approvedIds },
    };
  }
  const ids = Object.fromEntries(REPORTING_STATES.map((s) => [s, [] as number[]])) as Record<ReportingState, number[]>;
  for (const row of rows) ids[latestState(row)].push(row.id);
  const dueDate = await dueDateOf(ctx, plan.id, fiscalYear);
  return {
    ...base,
    missing: ids.MISSING.length,
    draft: ids.DRAFT.length,
    submitted: ids.SUBMITTED.length,
    approved: ids.APPROVED.length,
    returned: ids.RETURNED.length,
    dueDate,
    overdue: dueDate !== null && todayInJapan() > dueDate && ids.APPROVED.length < rows.length,
    indicatorIds: ids,
  };
}

/**
 * A page of the indicators behind a count (`state` null: every indicator counted in indicatorsTotal); null
 * when the caller may not see that state (the public sees APPROVED and the total only).
 */
export async function reportingIndicators(
  ctx: RequestContext,
  status: ReportingStatusData,
  state: ReportingState | null,
  page: PageRequest,
): Promise<ConnectionResult<Indicator> | null> {
  const ids = state === null ? status.allIndicatorIds : status.indicatorIds[state];
  if (!ids) return null;
  return paginate(narrowed(listQuery(ctx.db, Indicator), 'e.id = ANY(:ids)', { ids }), page);
}
