import type { RequestContext } from '../context';
import { AppError } from '../domain/errors';
import type { ReportingState } from '../domain/vocabulary';
import { REPORTING_STATES } from '../domain/vocabulary';
import { Indicator, type Plan } from '../entities';
import { paginate, type ConnectionResult, type PageRequest } from './paging';
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

const SCOPE_SQL = {
  plan: 'i.plan_id = $1',
  policy: `i.id IN (SELECT s.indicator_id FROM indicator_scope s JOIN measure m ON m.id = s.measure_id WHERE m.policy_id = $1)`,
  measure: 'i.id IN (SELECT s.indicator_id FROM indicator_scope s WHERE s.measure_id = $1)',
} as const;

interface StateRow {
  id: number;
  status: string | null;
  approved_revision: number | null;
  last_action: string | null;
}

/** The state of an indicator's actual as a token holder sees it: its latest revision. */
function latestState(row: StateRow): ReportingState {
  if (row.status === null) return 'MISSING';
  if (row.status === 'APPROVED') return 'APPROVED';
  if (row.status === 'SUBMITTED') return 'SUBMITTED';
  return row.last_action === 'RETURNED' ? 'RETURNED' : 'DRAFT';
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
  const scopeId = scope.kind === 'plan' ? plan.id : scope.kind === 'policy' ? scope.policyId : scope.measureId;
  const rows = (await ctx.db.query(
    `SELECT i.id, a.status, a.approved_revision, r.action AS last_action
       FROM indicator i
       LEFT JOIN actual a ON a.indicator_id = i.id AND a.fiscal_year = $2
       LEFT JOIN actual_revision r ON r.actual_id = a.id AND r.revision = a.revision
      WHERE ${SCOPE_SQL[scope.kind]}
        AND EXISTS (SELECT 1 FROM target t WHERE t.indicator_id = i.id AND t.fiscal_year = $2 AND t.role = 'TARGET')
      ORDER BY i.position, i.id`,
    [scopeId, fiscalYear],
  )) as StateRow[];
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
    const approvedIds = rows.filter((r) => r.approved_revision !== null).map((r) => r.id);
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
  const qb = ctx.db.getRepository(Indicator).createQueryBuilder('e').where('e.id = ANY(:ids)', { ids });
  return paginate(qb, 'e', page);
}
