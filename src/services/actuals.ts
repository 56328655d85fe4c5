import type { EntityManager } from 'typeorm';
import { checkActualValue } from '../domain/actual-value';
import { parsePlanValue } from '../domain/plan-value';
import type { PlanValueData } from '../domain/plan-value.types';
import { categorizeFootnote } from '../import/footnotes';
import { Actual, ActualRevision, Footnote, Indicator, Plan, Target } from '../entities';
import type { ActualAction, ActualStatus, FootnoteCategory } from '../entities/enums';
import type { ActualScope } from '../context/viewer';
import type { RequestContext } from '../context';
import { AppError, type AppErrorCode } from '../domain/errors';
import type { User } from './auth';
import { parseGlobalId } from './global-id';
import { inWriteTransaction, periodClosedFrom } from './periods';
import { emitActualEvents } from './events';
import { footnoteVisible, viewActual, type ActualView } from './visibility';
import { REVIEW_TRANSITIONS } from '../domain/review';

function userError(code: AppErrorCode, message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError(code, message, details);
}

export const NOTE_LIMIT = 2000;
export const FOOTNOTES_PER_ACTUAL = 10;

export interface ActualFootnoteData {
  text: string;
  category?: FootnoteCategory | null;
}

export interface RecordActualData {
  /** Global ID of the indicator. */
  indicatorId: string;
  fiscalYear: number;
  value: string;
  note?: string | null;
  expectedRevision?: number | null;
  footnotes?: ActualFootnoteData[] | null;
}

/** A problem with one input, before anything is written. */
export interface InputProblem {
  field: string;
  code: string;
  message: string;
}

/** An actual by database id as the caller may see it (node(id)); null when it does not exist for them. */
export async function findActual(ctx: RequestContext, id: number): Promise<ActualView | null> {
  const actual = await ctx.loaders.actual.load(id);
  if (!actual) return null;
  const revisions = await ctx.loaders.revisionsByActual.load(id);
  return viewActual(actual, revisions, ctx.viewer.scope(undefined));
}

/**
 * A footnote as the caller may see it (node(id)): a plan footnote always; a footnote of an actual's
 * revision only when the caller's view of that actual shows it (see ActualView.footnoteRevisionIds).
 */
export async function visibleFootnote(ctx: RequestContext, footnote: Footnote | null): Promise<Footnote | null> {
  if (!footnote || footnote.actualRevisionId === null) return footnote;
  const revision = await ctx.loaders.actualRevision.load(footnote.actualRevisionId);
  if (!revision) return null;
  const view = await findActual(ctx, revision.actualId);
  return footnoteVisible(footnote, view) ? footnote : null;
}

/** The actuals of an indicator that `scope` shows, by fiscal year. */
export async function actualsOfIndicator(
  ctx: RequestContext,
  indicatorId: number,
  scope: ActualScope,
): Promise<ActualView[]> {
  const actuals = await ctx.loaders.actualsByIndicator.load(indicatorId);
  const revisions = await ctx.loaders.revisionsByActual.loadMany(actuals.map((a) => a.id));
  const views: ActualView[] = [];
  actuals.forEach((actual, i) => {
    const revs = revisions[i];
    if (revs instanceof Error) throw revs;
    const view = viewActual(actual, revs, scope);
    if (view) views.push(view);
  });
  return views;
}

/** What the checks of a value need to know about its indicator (loaded one by one here, in bulk by actuals-bulk.ts). */
export interface IndicatorForWrite {
  indicator: Pick<Indicator, 'id' | 'name' | 'unit'>;
  plan: Pick<Plan, 'id' | 'code' | 'baseYear' | 'finalYear'>;
  cells: PlanValueData[];
}

async function indicatorForWrite(m: EntityManager, indicatorId: number): Promise<IndicatorForWrite | null> {
  const indicator = await m.getRepository(Indicator).findOne({ where: { id: indicatorId } });
  if (!indicator) return null;
  const plan = await m.getRepository(Plan).findOneOrFail({ where: { id: indicator.planId } });
  const targets = await m.getRepository(Target).find({ where: { indicatorId }, order: { fiscalYear: 'ASC' } });
  return { indicator, plan, cells: targets.map((t) => t.value) };
}

/** Every problem with a value for an indicator and year; [] when it can be recorded. */
export function checkActualInput(
  target: IndicatorForWrite,
  input: { fiscalYear: number; value: string; note?: string | null; footnotes?: ActualFootnoteData[] | null },
): { problems: InputProblem[]; value: PlanValueData | null } {
  const problems: InputProblem[] = [];
  const { plan, indicator } = target;
  if (!Number.isInteger(input.fiscalYear) || input.fiscalYear < plan.baseYear || input.fiscalYear > plan.finalYear) {
    problems.push({
      field: 'fiscalYear',
      code: 'FISCAL_YEAR_OUTSIDE_PLAN',
      message: `Fiscal year ${input.fiscalYear} is outside the plan "${plan.code}" (FY${plan.baseYear}–FY${plan.finalYear}).`,
    });
  }
  let value: PlanValueData | null = null;
  const raw = input.value.trim();
  if (raw === '') {
    problems.push({ field: 'value', code: 'EMPTY', message: 'The value is empty.' });
  } else {
    const parsed = parsePlanValue(raw);
    const valueProblems = checkActualValue({ name: indicator.name, unit: indicator.unit, cells: target.cells }, parsed);
    for (const p of valueProblems) problems.push({ field: 'value', code: p.code, message: p.message });
    if (valueProblems.length === 0) value = parsed.value;
  }
  if (input.note != null && input.note.length > NOTE_LIMIT) {
    problems.push({
      field: 'note',
      code: 'NOTE_TOO_LONG',
      message: `The note has ${input.note.length} characters; the limit is ${NOTE_LIMIT}.`,
    });
  }
  const footnotes = input.footnotes ?? [];
  if (footnotes.length > FOOTNOTES_PER_ACTUAL) {
    problems.push({
      field: 'footnotes',
      code: 'TOO_MANY_FOOTNOTES',
      message: `At most ${FOOTNOTES_PER_ACTUAL} footnotes per actual.`,
    });
  }
  footnotes.forEach((f, i) => {
    if (f.text.trim() === '' || f.text.length > NOTE_LIMIT) {
      problems.push({
        field: `footnotes[${i}].text`,
        code: 'BAD_FOOTNOTE',
        message: `Footnote ${i + 1} must have 1 to ${NOTE_LIMIT} characters of text.`,
      });
    }
  });
  return { problems, value };
}

/** The measures an indicator belongs to: directly (outcome) or through its projects (output). */
async function measuresOf(m: EntityManager, indicatorId: number): Promise<number[]> {
  const rows = (await m.query(
    `SELECT measure_id FROM measure_indicator WHERE indicator_id = $1
     UNION
     SELECT mp.measure_id FROM project_indicator pi JOIN measure_project mp ON mp.project_id = pi.project_id
      WHERE pi.indicator_id = $1`,
    [indicatorId],
  )) as { measure_id: number }[];
  return rows.map((r) => r.measure_id);
}

export async function assertInScope(m: EntityManager, user: User, indicatorId: number, what: string): Promise<void> {
  if (user.measureIds === null) return;
  const measures = await measuresOf(m, indicatorId);
  if (!measures.some((id) => user.measureIds!.includes(id))) {
    throw userError('FORBIDDEN', `Your token may write to its own measures only; ${what} belongs to none of them.`);
  }
}

function requireUser(ctx: RequestContext): User {
  if (!ctx.viewer.user) throw userError('UNAUTHENTICATED', 'This operation needs a bearer token.');
  return ctx.viewer.user;
}

function isUniqueViolation(error: unknown): boolean {
  return (
    (error as { code?: string; driverError?: { code?: string } })?.driverError?.code === '23505' ||
    (error as { code?: string })?.code === '23505'
  );
}

async function lockActual(
  m: EntityManager,
  where: { id: number } | { indicatorId: number; fiscalYear: number },
): Promise<Actual | null> {
  return m.getRepository(Actual).createQueryBuilder('a').setLock('pessimistic_write').where(where).getOne();
}

async function revisionsOf(m: EntityManager, actualId: number): Promise<ActualRevision[]> {
  return m.getRepository(ActualRevision).find({ where: { actualId }, order: { revision: 'ASC' } });
}

async function appendRevision(
  m: EntityManager,
  actual: Actual,
  step: {
    action: ActualAction;
    status: ActualStatus;
    value: PlanValueData;
    note: string | null;
    reason?: string | null;
    actor: User;
    recordedBy: string;
    recordedByTokenId: number | null;
  },
): Promise<ActualRevision> {
  const revision = await m.getRepository(ActualRevision).save(
    m.getRepository(ActualRevision).create({
      actualId: actual.id,
      revision: actual.revision,
      action: step.action,
      status: step.status,
      value: { ...step.value },
      note: step.note,
      reason: step.reason ?? null,
      actor: step.actor.name,
      actorTokenId: step.actor.tokenId,
      recordedBy: step.recordedBy,
      recordedByTokenId: step.recordedByTokenId,
      at: new Date(),
    }),
  );
  return revision;
}

/**
 * Records a value as a new actual (revision 1) or a new revision of an existing one. A revision of an
 * approved actual goes through review again; the public keeps seeing the approved one until then.
 * `expectedRevision` must name the current revision of an existing actual (else CONFLICT).
 */
export async function recordActual(
  ctx: RequestContext,
  input: RecordActualData,
  manager?: EntityManager,
): Promise<ActualView> {
  const user = requireUser(ctx);
  const { id: indicatorId } = parseGlobalId(input.indicatorId, 'Indicator');
  const run = async (m: EntityManager): Promise<ActualView> => {
    const target = await indicatorForWrite(m, indicatorId);
    if (!target)
      throw userError('NOT_FOUND', `No indicator with ID ${input.indicatorId}.`, { argument: 'indicatorId' });
    const { problems, value } = checkActualInput(target, input);
    if (problems.length > 0 || !value) {
      throw userError('BAD_USER_INPUT', problems.map((p) => p.message).join(' '), { problems });
    }
    await assertInScope(m, user, indicatorId, `the indicator 「${target.indicator.name}」`);
    const note = input.note ?? null;
    let actual = await lockActual(m, { indicatorId, fiscalYear: input.fiscalYear });
    if (!actual) {
      if (input.expectedRevision != null && input.expectedRevision !== 0) {
        throw userError(
          'CONFLICT',
          `There is no actual for 「${target.indicator.name}」 in FY${input.fiscalYear} yet, but expectedRevision ${input.expectedRevision} was given: reload and try again.`,
          { currentRevision: 0 },
        );
      }
      actual = m.getRepository(Actual).create({
        planId: target.plan.id,
        indicatorId,
        fiscalYear: input.fiscalYear,
        revision: 1,
        status: 'DRAFT',
        approvedRevision: null,
      });
      try {
        // A savepoint, so a lost race becomes a CONFLICT and the transaction stays usable.
        await m.query('SAVEPOINT create_actual');
        actual = await m.getRepository(Actual).save(actual);
        await m.query('RELEASE SAVEPOINT create_actual');
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        await m.query('ROLLBACK TO SAVEPOINT create_actual');
        throw userError(
          'CONFLICT',
          `Another request has just recorded 「${target.indicator.name}」 for FY${input.fiscalYear}: reload and try again.`,
        );
      }
    } else {
      if (input.expectedRevision == null || input.expectedRevision !== actual.revision) {
        throw userError(
          'CONFLICT',
          input.expectedRevision == null
            ? `An actual for 「${target.indicator.name}」 in FY${input.fiscalYear} exists at revision ${actual.revision}: pass expectedRevision: ${actual.revision} to revise it.`
            : `The actual for 「${target.indicator.name}」 in FY${input.fiscalYear} is at revision ${actual.revision}, not ${input.expectedRevision}: someone changed it; reload and try again.`,
          { currentRevision: actual.revision },
        );
      }
      actual.revision += 1;
      actual.status = 'DRAFT';
      await m.getRepository(Actual).update({ id: actual.id }, { revision: actual.revision, status: 'DRAFT' });
    }
    const revision = await appendRevision(m, actual, {
      action: 'RECORDED',
      status: 'DRAFT',
      value,
      note,
      actor: user,
      recordedBy: user.name,
      recordedByTokenId: user.tokenId,
    });
    await emitActualEvents(m, [
      { kind: 'ACTUAL_RECORDED', actualId: actual.id, revision: actual.revision, actor: user.name },
    ]);
    const footnotes = input.footnotes ?? [];
    if (footnotes.length > 0) {
      await m.getRepository(Footnote).insert(
        footnotes.map((f, i) => ({
          planId: target.plan.id,
          actualRevisionId: revision.id,
          marker: `※${i + 1}`,
          text: f.text.trim(),
          category: f.category ?? categorizeFootnote(f.text),
        })),
      );
    }
    return viewActual(actual, await revisionsOf(m, actual.id), 'latest')!;
  };
  return manager ? run(manager) : inWriteTransaction(ctx.db, run);
}

/** Moves an actual one step through review; each step is a new revision. */
export async function moveActual(
  ctx: RequestContext,
  actualGlobalId: string,
  step: 'submit' | 'approve' | 'return',
  reason?: string,
): Promise<ActualView> {
  const user = requireUser(ctx);
  const { id } = parseGlobalId(actualGlobalId, 'Actual');
  if (step === 'return' && (!reason || reason.trim() === '' || reason.length > NOTE_LIMIT)) {
    throw userError('BAD_USER_INPUT', `A returned actual needs a reason of 1 to ${NOTE_LIMIT} characters.`, {
      argument: 'reason',
    });
  }
  return inWriteTransaction(ctx.db, (m) => moveOne(m, user, id, actualGlobalId, step, reason));
}

/** One step of one actual, inside the caller's transaction (the actual locked first). */
async function moveOne(
  m: EntityManager,
  user: User,
  id: number,
  actualGlobalId: string,
  step: 'submit' | 'approve' | 'return',
  reason?: string,
): Promise<ActualView> {
  const rule = REVIEW_TRANSITIONS[step];
  const actual = await lockActual(m, { id });
  if (!actual) throw userError('NOT_FOUND', `No actual with ID ${actualGlobalId}.`, { argument: 'id' });
  if (step === 'submit') await assertInScope(m, user, actual.indicatorId, 'this actual');
  if (actual.status !== rule.from) {
    throw userError(
      'CONFLICT',
      `Only a ${rule.from} actual can be ${rule.done}; this one is ${actual.status} (revision ${actual.revision}).`,
      { currentStatus: actual.status, currentRevision: actual.revision },
    );
  }
  const revisions = await revisionsOf(m, actual.id);
  const current = revisions[revisions.length - 1];
  if (step === 'approve' && current.recordedByTokenId === user.tokenId) {
    throw userError('FORBIDDEN', 'Nobody approves a value they recorded themselves: another approver must approve it.');
  }
  actual.revision += 1;
  actual.status = rule.to;
  if (step === 'approve') actual.approvedRevision = actual.revision;
  await m
    .getRepository(Actual)
    .update(
      { id: actual.id },
      { revision: actual.revision, status: actual.status, approvedRevision: actual.approvedRevision },
    );
  const added = await appendRevision(m, actual, {
    action: rule.action,
    status: rule.to,
    value: current.value,
    note: current.note,
    reason: step === 'return' ? reason!.trim() : null,
    actor: user,
    recordedBy: current.recordedBy,
    recordedByTokenId: current.recordedByTokenId,
  });
  await emitActualEvents(m, [
    { kind: `ACTUAL_${rule.action}`, actualId: actual.id, revision: actual.revision, actor: user.name },
  ]);
  return viewActual(actual, [...revisions, added], 'latest')!;
}

/** At most this many actuals per submitActuals / approveActuals. */
export const MOVE_MANY_LIMIT = 500;

/**
 * Submits or approves many actuals at once: each is checked as if alone (scope, self-approval, state),
 * in one transaction, so all move or none; the error names the id that failed and why.
 */
export async function moveActuals(
  ctx: RequestContext,
  actualGlobalIds: string[],
  step: 'submit' | 'approve',
): Promise<ActualView[]> {
  const user = requireUser(ctx);
  if (actualGlobalIds.length === 0 || actualGlobalIds.length > MOVE_MANY_LIMIT) {
    throw userError('BAD_USER_INPUT', `Pass 1 to ${MOVE_MANY_LIMIT} ids; this call has ${actualGlobalIds.length}.`, {
      argument: 'ids',
    });
  }
  const duplicate = actualGlobalIds.find((g, i) => actualGlobalIds.indexOf(g) !== i);
  if (duplicate !== undefined) {
    throw userError('BAD_USER_INPUT', `ids names ${duplicate} twice.`, { argument: 'ids', id: duplicate });
  }
  const parsed = actualGlobalIds.map((g, index) => {
    try {
      return parseGlobalId(g, 'Actual').id;
    } catch (error) {
      throw namingId(error, g, index);
    }
  });
  return inWriteTransaction(ctx.db, async (m) => {
    const moved: ActualView[] = [];
    for (const [index, id] of parsed.entries()) {
      try {
        moved.push(await moveOne(m, user, id, actualGlobalIds[index], step));
      } catch (error) {
        throw namingId(periodClosedFrom(error) ?? error, actualGlobalIds[index], index);
      }
    }
    return moved;
  });
}

/** A client error of one id of a bulk move, with that id and its index in the message and details. */
function namingId(error: unknown, globalId: string, index: number): unknown {
  if (!(error instanceof AppError)) return error;
  return new AppError(error.code, `ids[${index}] (${globalId}): ${error.message}`, {
    ...error.details,
    argument: 'ids',
    id: globalId,
    index,
  });
}
