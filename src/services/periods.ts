import type { DataSource, EntityManager } from 'typeorm';
import { emitFiscalYearEvent } from './events';
import type { RequestContext } from '../context';
import { AppError } from '../domain/errors';
import { FiscalYearClosing, Measure, Plan } from '../entities';
import type { User } from './auth';
import { parseGlobalId } from './global-id';

// Closing and reopening fiscal years. Whether a year is closed for a write is decided by the database
// (migrations/1764900000000-ReportingCycle.ts: triggers raise SQLSTATE PGC01); this module closes and
// reopens, and turns that SQLSTATE into PERIOD_CLOSED — in one place, `inWriteTransaction`.

export const REASON_LIMIT = 2000;

/** SQLSTATE raised by the triggers on actual / actual_revision for a write to a closed year. */
export const PERIOD_CLOSED_SQLSTATE = 'PGC01';

/** The refusal of a write to a closed year. */
export function periodClosed(fiscalYear: number): AppError {
  return new AppError(
    'PERIOD_CLOSED',
    `FY${fiscalYear} is closed: its actuals no longer change (recorded, submitted, approved or returned) until an admin reopens it.`,
    { fiscalYear },
  );
}

/** The PERIOD_CLOSED AppError for a driver error carrying SQLSTATE PGC01; null for any other error. */
export function periodClosedFrom(error: unknown): AppError | null {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth += 1) {
    const e = current as { code?: unknown; detail?: unknown; message?: unknown; driverError?: unknown };
    if (e.code === PERIOD_CLOSED_SQLSTATE) {
      const year = Number(typeof e.detail === 'string' ? e.detail : /FY(\d+)/.exec(String(e.message))?.[1]);
      return periodClosed(year);
    }
    current = e.driverError;
  }
  return null;
}

/** `db.transaction(fn)` for the writes of actuals: a write to a closed year becomes PERIOD_CLOSED (nothing written). */
export async function inWriteTransaction<T>(db: DataSource, fn: (m: EntityManager) => Promise<T>): Promise<T> {
  try {
    return await db.transaction(fn);
  } catch (error) {
    throw periodClosedFrom(error) ?? error;
  }
}

export interface PeriodSpec {
  planCode: string;
  fiscalYear: number;
  /** Global ID of a measure: close (or reopen) the year for that measure only. */
  measureId?: string | null;
  reason?: string | null;
}

function requireUser(ctx: RequestContext): User {
  if (!ctx.viewer.user) throw new AppError('UNAUTHENTICATED', 'This operation needs a bearer token.');
  return ctx.viewer.user;
}

function checkReason(reason: string | null | undefined, required: boolean): string | null {
  const text = reason?.trim() ?? '';
  if (required && text === '') {
    throw new AppError('BAD_USER_INPUT', 'Reopening a fiscal year needs a reason.', { argument: 'reason' });
  }
  if (text.length > REASON_LIMIT) {
    throw new AppError('BAD_USER_INPUT', `The reason has ${text.length} characters; the limit is ${REASON_LIMIT}.`, {
      argument: 'reason',
    });
  }
  return text === '' ? null : text;
}

interface LockedPeriod {
  plan: Plan;
  measure: Measure | null;
  /** Open closings of the year: the plan-wide one and those of measures. */
  open: FiscalYearClosing[];
}

/**
 * Finds the plan, year and measure of `spec` and locks the plan's fiscal-year row FOR UPDATE: writes of
 * actuals for that year wait (their trigger takes FOR SHARE on the same row) until this transaction ends.
 */
async function lockPeriod(m: EntityManager, spec: PeriodSpec): Promise<LockedPeriod> {
  const plan = await m.getRepository(Plan).findOne({ where: { code: spec.planCode } });
  if (!plan) throw new AppError('NOT_FOUND', `No plan with code "${spec.planCode}".`, { argument: 'planCode' });
  let measure: Measure | null = null;
  if (spec.measureId != null) {
    const { id } = parseGlobalId(spec.measureId, 'Measure');
    measure = await m.getRepository(Measure).findOne({ where: { id } });
    if (!measure || measure.planId !== plan.id) {
      throw new AppError('NOT_FOUND', `No measure with ID ${spec.measureId} in the plan "${plan.code}".`, {
        argument: 'measureId',
      });
    }
  }
  const rows = (await m.query('SELECT year FROM plan_fiscal_year WHERE plan_id = $1 AND year = $2 FOR UPDATE', [
    plan.id,
    spec.fiscalYear,
  ])) as { year: number }[];
  if (rows.length === 0) {
    throw new AppError(
      'BAD_USER_INPUT',
      `Fiscal year ${spec.fiscalYear} is outside the plan "${plan.code}" (FY${plan.baseYear}–FY${plan.finalYear}).`,
      { argument: 'fiscalYear' },
    );
  }
  const open = await m.getRepository(FiscalYearClosing).find({
    where: { planId: plan.id, fiscalYear: spec.fiscalYear },
  });
  return { plan, measure, open: open.filter((c) => c.reopenedAt === null) };
}

function scopeName(plan: Plan, measure: Measure | null): string {
  return measure ? `the measure 「${measure.title}」` : `the plan "${plan.code}"`;
}

/** Closes a fiscal year for a plan (or one of its measures). Closing a closed year is a CONFLICT. */
export async function closeFiscalYear(ctx: RequestContext, spec: PeriodSpec): Promise<{ planId: number }> {
  const user = requireUser(ctx);
  const reason = checkReason(spec.reason, false);
  return ctx.db.transaction(async (m) => {
    const { plan, measure, open } = await lockPeriod(m, spec);
    const planWide = open.find((c) => c.measureId === null);
    if (planWide) {
      throw new AppError(
        'CONFLICT',
        `FY${spec.fiscalYear} is already closed for the whole plan "${plan.code}" (since ${planWide.closedAt.toISOString()}, by ${planWide.closedBy}).`,
        { fiscalYear: spec.fiscalYear },
      );
    }
    if (measure && open.some((c) => c.measureId === measure.id)) {
      throw new AppError('CONFLICT', `FY${spec.fiscalYear} is already closed for ${scopeName(plan, measure)}.`, {
        fiscalYear: spec.fiscalYear,
      });
    }
    await m.getRepository(FiscalYearClosing).insert({
      planId: plan.id,
      fiscalYear: spec.fiscalYear,
      measureId: measure?.id ?? null,
      closedBy: user.name,
      closedByTokenId: user.tokenId,
      reason,
    });
    // Announced in the same transaction: subscribers and webhooks hear of it only if the close commits.
    await emitFiscalYearEvent(m, {
      kind: 'FISCAL_YEAR_CLOSED',
      planId: plan.id,
      fiscalYear: spec.fiscalYear,
      measureId: measure?.id ?? null,
      reason,
      actor: user.name,
    });
    return { planId: plan.id };
  });
}

/** Reopens a closed fiscal year (plan-wide, or for one measure); reopening an open one is a CONFLICT. */
export async function reopenFiscalYear(ctx: RequestContext, spec: PeriodSpec): Promise<{ planId: number }> {
  const user = requireUser(ctx);
  const reason = checkReason(spec.reason, true);
  return ctx.db.transaction(async (m) => {
    const { plan, measure, open } = await lockPeriod(m, spec);
    const closing = open.find((c) => c.measureId === (measure?.id ?? null));
    if (!closing) {
      throw new AppError('CONFLICT', `FY${spec.fiscalYear} is not closed for ${scopeName(plan, measure)}.`, {
        fiscalYear: spec.fiscalYear,
      });
    }
    await m.query(
      `UPDATE fiscal_year_closing SET reopened_at = clock_timestamp(), reopened_by = $2, reopened_by_token_id = $3,
              reopen_reason = $4 WHERE id = $1`,
      [closing.id, user.name, user.tokenId, reason],
    );
    await emitFiscalYearEvent(m, {
      kind: 'FISCAL_YEAR_REOPENED',
      planId: plan.id,
      fiscalYear: spec.fiscalYear,
      measureId: measure?.id ?? null,
      reason,
      actor: user.name,
    });
    return { planId: plan.id };
  });
}

/** Sets the reporting deadline of a plan's fiscal year ('YYYY-MM-DD'). */
export async function setReportingDeadline(
  ctx: RequestContext,
  spec: { planCode: string; fiscalYear: number; dueDate: string },
): Promise<{ planId: number }> {
  requireUser(ctx);
  return ctx.db.transaction(async (m) => {
    const { plan } = await lockPeriod(m, spec);
    await m.query('UPDATE plan_fiscal_year SET due_date = $3 WHERE plan_id = $1 AND year = $2', [
      plan.id,
      spec.fiscalYear,
      spec.dueDate,
    ]);
    return { planId: plan.id };
  });
}

/** One step of a year's history: a closing or a reopening. */
export interface PeriodEvent {
  action: 'CLOSED' | 'REOPENED';
  at: Date;
  by: string;
  reason: string | null;
  /** Null: the whole plan. */
  measureId: number | null;
}

/** The closings of a plan's fiscal year (through the request's loader), oldest first. */
export async function closingsOf(ctx: RequestContext, planId: number, year: number): Promise<FiscalYearClosing[]> {
  return (await ctx.loaders.closingsByPlan.load(planId)).filter((c) => c.fiscalYear === year);
}

/** The open plan-wide closing of the year, or null when the year is open for the plan as a whole. */
export async function planWideClosing(
  ctx: RequestContext,
  planId: number,
  year: number,
): Promise<FiscalYearClosing | null> {
  return (await closingsOf(ctx, planId, year)).find((c) => c.measureId === null && c.reopenedAt === null) ?? null;
}

/** Closings and reopenings of the year, in time order. */
export async function periodHistory(ctx: RequestContext, planId: number, year: number): Promise<PeriodEvent[]> {
  const events: PeriodEvent[] = [];
  for (const c of await closingsOf(ctx, planId, year)) {
    events.push({ action: 'CLOSED', at: c.closedAt, by: c.closedBy, reason: c.reason, measureId: c.measureId });
    if (c.reopenedAt) {
      events.push({
        action: 'REOPENED',
        at: c.reopenedAt,
        by: c.reopenedBy ?? '',
        reason: c.reopenReason,
        measureId: c.measureId,
      });
    }
  }
  return events.sort((x, y) => x.at.getTime() - y.at.getTime());
}

/** The reporting deadline of a plan's fiscal year ('YYYY-MM-DD'), or null when none is set. */
export async function dueDateOf(ctx: RequestContext, planId: number, year: number): Promise<string | null> {
  const row = (await ctx.loaders.fiscalYearsByPlan.load(planId)).find((y) => y.year === year);
  return row?.dueDate ?? null;
}
