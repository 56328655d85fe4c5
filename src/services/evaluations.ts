import type { EntityManager } from 'typeorm';
import { fromGlobalId, toGlobalId } from 'graphql-relay';
import type { RequestContext } from '../context';
import { AppError } from '../domain/errors';
import type { ActualAction, ActualStatus } from '../domain/vocabulary';
import { Measure } from '../entities';
import type { User } from './auth';
import { parseGlobalId } from './global-id';
import { gradingScaleOf, suggestedGradeOf, type GradeData } from './grading';
import { periodClosed } from './periods';
import { summaryProgress } from './progress';
import { REVIEW_TRANSITIONS } from '../domain/review';

// Measure evaluations (施策評価): the evaluator's grade and comment for a measure and fiscal year, through the
// same reviewed, append-only workflow as actuals (services/actuals.ts): DRAFT → SUBMITTED → APPROVED, a
// return goes back to DRAFT; every step is a new revision; the public sees the latest approved revision only.

export const COMMENT_LIMIT = 2000;

export interface EvaluationRow {
  id: number;
  planId: number;
  measureId: number;
  fiscalYear: number;
  revision: number;
  status: ActualStatus;
  approvedRevision: number | null;
}

export interface EvaluationRevisionRow {
  revision: number;
  action: ActualAction;
  status: ActualStatus;
  grade: string;
  comment: string | null;
  reason: string | null;
  actor: string;
  recordedBy: string;
  recordedByTokenId: number | null;
  at: Date;
}

/** An evaluation as one caller sees it: the revision shown and the history up to it. */
export interface EvaluationView {
  evaluation: EvaluationRow;
  shown: EvaluationRevisionRow;
  history: EvaluationRevisionRow[];
}

export interface RecordEvaluationData {
  measureId: string;
  fiscalYear: number;
  grade: string;
  comment?: string | null;
  expectedRevision?: number | null;
}

const EVALUATION_COLUMNS = `id, plan_id AS "planId", measure_id AS "measureId", fiscal_year AS "fiscalYear", revision,
  status, approved_revision AS "approvedRevision"`;
const REVISION_COLUMNS = `revision, action, status, grade, comment, reason, actor, recorded_by AS "recordedBy",
  recorded_by_token_id AS "recordedByTokenId", at`;

export function evaluationGlobalId(id: number): string {
  return toGlobalId('Evaluation', String(id));
}

function parseEvaluationId(globalId: string): number {
  let decoded: { type: string; id: string } | null = null;
  try {
    decoded = fromGlobalId(globalId);
  } catch {
    decoded = null;
  }
  const id = decoded ? Number(decoded.id) : NaN;
  if (!decoded || decoded.type !== 'Evaluation' || !/^[0-9]+$/.test(decoded.id) || id > 2_147_483_647) {
    throw new AppError('BAD_USER_INPUT', `"${globalId}" is not the ID of an Evaluation.`, { argument: 'id' });
  }
  return id;
}

function requireUser(ctx: RequestContext): User {
  if (!ctx.viewer.user) throw new AppError('UNAUTHENTICATED', 'This operation needs a bearer token.');
  return ctx.viewer.user;
}

/** The view of an evaluation for a scope: 'approved' (the public) shows the latest approved revision or nothing. */
export function viewEvaluation(
  evaluation: EvaluationRow,
  revisions: EvaluationRevisionRow[],
  scope: 'approved' | 'latest',
): EvaluationView | null {
  const upTo = scope === 'latest' ? evaluation.revision : evaluation.approvedRevision;
  if (upTo === null) return null;
  const history = revisions.filter((r) => r.revision <= upTo);
  const shown = history[history.length - 1];
  return shown ? { evaluation, shown, history } : null;
}

async function revisionsOf(m: EntityManager, evaluationId: number): Promise<EvaluationRevisionRow[]> {
  return (await m.query(
    `SELECT ${REVISION_COLUMNS} FROM evaluation_revision WHERE evaluation_id = $1 ORDER BY revision`,
    [evaluationId],
  )) as EvaluationRevisionRow[];
}

/** The evaluations of a measure the caller may see, by fiscal year (public: approved revisions only). */
export async function evaluationsOfMeasure(
  ctx: RequestContext,
  measureId: number,
  fiscalYear?: number,
): Promise<EvaluationView[]> {
  const scope = ctx.viewer.scope(undefined);
  const rows = (await ctx.db.query(
    `SELECT ${EVALUATION_COLUMNS} FROM evaluation WHERE measure_id = $1 AND ($2::int IS NULL OR fiscal_year = $2)
      ORDER BY fiscal_year`,
    [measureId, fiscalYear ?? null],
  )) as EvaluationRow[];
  const views: EvaluationView[] = [];
  for (const row of rows) {
    const view = viewEvaluation(row, await revisionsOf(ctx.db.manager, row.id), scope);
    if (view) views.push(view);
  }
  return views;
}

/** The grade the measure's progress summary suggests for the evaluation's year (approved actuals only). */
export async function suggestedGradeOfEvaluation(ctx: RequestContext, view: EvaluationView): Promise<GradeData | null> {
  const { planId, measureId, fiscalYear } = view.evaluation;
  const summary = await summaryProgress(ctx, { kind: 'measure', id: measureId, planId }, fiscalYear, false, null);
  return suggestedGradeOf(ctx, planId, summary);
}

/** PERIOD_CLOSED when the plan's year (or the measure's) is closed; FOR SHARE waits for a closing in flight. */
async function assertYearOpen(m: EntityManager, planId: number, measureId: number, fiscalYear: number): Promise<void> {
  await m.query(`SELECT 1 FROM plan_fiscal_year WHERE plan_id = $1 AND year = $2 FOR SHARE`, [planId, fiscalYear]);
  const closed = (await m.query(
    `SELECT 1 FROM fiscal_year_closing WHERE plan_id = $1 AND fiscal_year = $2 AND reopened_at IS NULL
        AND (measure_id IS NULL OR measure_id = $3) LIMIT 1`,
    [planId, fiscalYear, measureId],
  )) as unknown[];
  if (closed.length > 0) throw periodClosed(fiscalYear);
}

function assertMeasureInScope(user: User, measureId: number): void {
  if (user.measureIds !== null && !user.measureIds.includes(measureId)) {
    throw new AppError(
      'FORBIDDEN',
      'Your token may write to its own measures only; this evaluation is not one of them.',
    );
  }
}

async function lockEvaluation(m: EntityManager, where: string, params: unknown[]): Promise<EvaluationRow | null> {
  const rows = (await m.query(
    `SELECT ${EVALUATION_COLUMNS} FROM evaluation WHERE ${where} FOR UPDATE`,
    params,
  )) as EvaluationRow[];
  return rows[0] ?? null;
}

async function appendRevision(
  m: EntityManager,
  evaluation: EvaluationRow,
  step: Omit<EvaluationRevisionRow, 'revision' | 'at' | 'actor'> & { actor: User },
): Promise<void> {
  await m.query(`UPDATE evaluation SET revision = $2, status = $3, approved_revision = $4 WHERE id = $1`, [
    evaluation.id,
    evaluation.revision,
    evaluation.status,
    evaluation.approvedRevision,
  ]);
  await m.query(
    `INSERT INTO evaluation_revision (evaluation_id, revision, action, status, grade, comment, reason, actor,
       actor_token_id, recorded_by, recorded_by_token_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      evaluation.id,
      evaluation.revision,
      step.action,
      step.status,
      step.grade,
      step.comment,
      step.reason,
      step.actor.name,
      step.actor.tokenId,
      step.recordedBy,
      step.recordedByTokenId,
    ],
  );
}

async function latestView(m: EntityManager, evaluation: EvaluationRow): Promise<EvaluationView> {
  return viewEvaluation(evaluation, await revisionsOf(m, evaluation.id), 'latest')!;
}

/**
 * Records a grade and comment as a new evaluation (revision 1) or a new revision of an existing one; a revision of
 * an approved evaluation goes through review again. `expectedRevision` must name the current revision (else CONFLICT).
 */
export async function recordEvaluation(ctx: RequestContext, input: RecordEvaluationData): Promise<EvaluationView> {
  const user = requireUser(ctx);
  const { id: measureId } = parseGlobalId(input.measureId, 'Measure');
  const measure = await ctx.db.getRepository(Measure).findOne({ where: { id: measureId } });
  if (!measure) throw new AppError('NOT_FOUND', `No measure with ID ${input.measureId}.`, { argument: 'measureId' });
  const [plan] = (await ctx.db.query(
    `SELECT code, base_year AS "baseYear", final_year AS "finalYear" FROM plan WHERE id = $1`,
    [measure.planId],
  )) as { code: string; baseYear: number; finalYear: number }[];
  if (!Number.isInteger(input.fiscalYear) || input.fiscalYear < plan.baseYear || input.fiscalYear > plan.finalYear) {
    throw new AppError(
      'BAD_USER_INPUT',
      `Fiscal year ${input.fiscalYear} is outside the plan "${plan.code}" (FY${plan.baseYear}–FY${plan.finalYear}).`,
      { argument: 'fiscalYear' },
    );
  }
  const scale = await gradingScaleOf(ctx, measure.planId);
  if (scale === null) {
    throw new AppError(
      'BAD_USER_INPUT',
      `The plan "${plan.code}" has no grading scale yet: an admin sets one (setGradingScale) before measures are evaluated.`,
      { argument: 'grade' },
    );
  }
  const codes = scale.levels.map((l) => l.code);
  if (!codes.includes(input.grade)) {
    throw new AppError(
      'BAD_USER_INPUT',
      `"${input.grade}" is not a grade of the scale 「${scale.name}」; use one of ${codes.join(', ')}.`,
      { argument: 'grade', grades: codes },
    );
  }
  const comment = input.comment?.trim() ? input.comment.trim() : null;
  if (comment !== null && comment.length > COMMENT_LIMIT) {
    throw new AppError(
      'BAD_USER_INPUT',
      `The comment has ${comment.length} characters; the limit is ${COMMENT_LIMIT}.`,
      {
        argument: 'comment',
      },
    );
  }
  return ctx.db.transaction(async (m) => {
    assertMeasureInScope(user, measureId);
    await assertYearOpen(m, measure.planId, measureId, input.fiscalYear);
    let evaluation = await lockEvaluation(m, 'measure_id = $1 AND fiscal_year = $2', [measureId, input.fiscalYear]);
    if (!evaluation) {
      if (input.expectedRevision != null && input.expectedRevision !== 0) {
        throw new AppError(
          'CONFLICT',
          `There is no evaluation of 「${measure.title}」 for FY${input.fiscalYear} yet, but expectedRevision ${input.expectedRevision} was given: reload and try again.`,
          { currentRevision: 0 },
        );
      }
      const inserted = (await m.query(
        `INSERT INTO evaluation (plan_id, measure_id, fiscal_year, revision, status) VALUES ($1, $2, $3, 1, 'DRAFT')
         ON CONFLICT (measure_id, fiscal_year) DO NOTHING RETURNING ${EVALUATION_COLUMNS}`,
        [measure.planId, measureId, input.fiscalYear],
      )) as EvaluationRow[];
      if (inserted.length === 0) {
        throw new AppError(
          'CONFLICT',
          `Another request has just evaluated 「${measure.title}」 for FY${input.fiscalYear}: reload and try again.`,
        );
      }
      evaluation = inserted[0];
    } else {
      if (input.expectedRevision == null || input.expectedRevision !== evaluation.revision) {
        throw new AppError(
          'CONFLICT',
          input.expectedRevision == null
            ? `An evaluation of 「${measure.title}」 for FY${input.fiscalYear} exists at revision ${evaluation.revision}: pass expectedRevision: ${evaluation.revision} to revise it.`
            : `The evaluation of 「${measure.title}」 for FY${input.fiscalYear} is at revision ${evaluation.revision}, not ${input.expectedRevision}: someone changed it; reload and try again.`,
          { currentRevision: evaluation.revision },
        );
      }
      evaluation = { ...evaluation, revision: evaluation.revision + 1, status: 'DRAFT' };
    }
    await appendRevision(m, evaluation, {
      action: 'RECORDED',
      status: 'DRAFT',
      grade: input.grade,
      comment,
      reason: null,
      actor: user,
      recordedBy: user.name,
      recordedByTokenId: user.tokenId,
    });
    return latestView(m, evaluation);
  });
}

/** Moves an evaluation one step through review; each step is a new revision. */
export async function moveEvaluation(
  ctx: RequestContext,
  globalId: string,
  step: 'submit' | 'approve' | 'return',
  reason?: string,
): Promise<EvaluationView> {
  const user = requireUser(ctx);
  const id = parseEvaluationId(globalId);
  const rule = REVIEW_TRANSITIONS[step];
  if (step === 'return' && (!reason || reason.trim() === '' || reason.length > COMMENT_LIMIT)) {
    throw new AppError('BAD_USER_INPUT', `A returned evaluation needs a reason of 1 to ${COMMENT_LIMIT} characters.`, {
      argument: 'reason',
    });
  }
  return ctx.db.transaction(async (m) => {
    const evaluation = await lockEvaluation(m, 'id = $1', [id]);
    if (!evaluation) throw new AppError('NOT_FOUND', `No evaluation with ID ${globalId}.`, { argument: 'id' });
    if (step === 'submit') assertMeasureInScope(user, evaluation.measureId);
    await assertYearOpen(m, evaluation.planId, evaluation.measureId, evaluation.fiscalYear);
    if (evaluation.status !== rule.from) {
      throw new AppError(
        'CONFLICT',
        `Only a ${rule.from} evaluation can be ${rule.done}; this one is ${evaluation.status} (revision ${evaluation.revision}).`,
        { currentStatus: evaluation.status, currentRevision: evaluation.revision },
      );
    }
    const revisions = await revisionsOf(m, evaluation.id);
    const current = revisions[revisions.length - 1];
    if (step === 'approve' && current.recordedByTokenId === user.tokenId) {
      throw new AppError(
        'FORBIDDEN',
        'Nobody approves an evaluation they recorded themselves: another approver must approve it.',
      );
    }
    const revision = evaluation.revision + 1;
    const moved: EvaluationRow = {
      ...evaluation,
      revision,
      status: rule.to,
      approvedRevision: step === 'approve' ? revision : evaluation.approvedRevision,
    };
    await appendRevision(m, moved, {
      action: rule.action,
      status: rule.to,
      grade: current.grade,
      comment: current.comment,
      reason: step === 'return' ? reason!.trim() : null,
      actor: user,
      recordedBy: current.recordedBy,
      recordedByTokenId: current.recordedByTokenId,
    });
    return latestView(m, moved);
  });
}
