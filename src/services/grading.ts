import type { RequestContext } from '../context';
import { AppError } from '../domain/errors';
import {
  PRESET_SCALES,
  grade,
  suggestedGrade,
  validateGradingScale,
  type GradeLevel,
  type GradingPreset,
  type GradingScaleData,
} from '../domain/grading';
import type { Language } from '../domain/explanation';
import type { ProgressStatus } from '../domain/vocabulary';
import { Plan } from '../entities';
import type { GradingScaleRow } from '../loaders';

export interface GradingScaleSpec {
  preset?: GradingPreset | null;
  name: string;
  method?: string | null;
  levels?: GradeLevelSpec[] | null;
}

/** A level as a client sends it: minRate and statuses may be left out. */
export interface GradeLevelSpec {
  code: string;
  labelJa: string;
  labelEn: string;
  minRate?: number | null;
  statuses?: ProgressStatus[] | null;
}

/** A grade as the API shows it: the level and the sentence saying how it was reached. */
export interface GradeData {
  level: GradeLevel;
  explanations: Readonly<Record<Language, string>>;
}

/**
 * The scale a client asked for: a preset (optionally renamed or with its own method text), or its own levels.
 * Both, or neither, is BAD_USER_INPUT.
 */
function resolveSpec(spec: GradingScaleSpec): { preset: GradingPreset | null; scale: GradingScaleData } {
  if (spec.preset != null) {
    if (spec.levels != null) {
      throw new AppError('BAD_USER_INPUT', 'Give either a preset or levels, not both.', { argument: 'input' });
    }
    const base = PRESET_SCALES[spec.preset];
    return {
      preset: spec.preset,
      scale: validateGradingScale({ ...base, name: spec.name, method: spec.method ?? base.method }),
    };
  }
  if (spec.levels == null) {
    throw new AppError('BAD_USER_INPUT', 'A grading scale needs levels or a preset.', {
      argument: 'input',
    });
  }
  const levels = spec.levels.map((l) => ({ ...l, minRate: l.minRate ?? null, statuses: l.statuses ?? [] }));
  return { preset: null, scale: validateGradingScale({ name: spec.name, method: spec.method ?? null, levels }) };
}

/** Sets (or replaces) a plan's grading scale. Admin only (checked by the resolver's @Authorized). */
export async function setGradingScale(
  ctx: RequestContext,
  planCode: string,
  spec: GradingScaleSpec,
): Promise<GradingScaleRow> {
  const user = ctx.viewer.user;
  if (!user) throw new AppError('UNAUTHENTICATED', 'This operation needs a bearer token.');
  const { preset, scale } = resolveSpec(spec);
  return ctx.db.transaction(async (m) => {
    const plan = await m.getRepository(Plan).findOne({ where: { code: planCode } });
    if (!plan) throw new AppError('NOT_FOUND', `No plan with code "${planCode}".`, { argument: 'planCode' });
    await m.query(
      `INSERT INTO grading_scale (plan_id, preset, name, method, levels, updated_by) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (plan_id) DO UPDATE SET preset = $2, name = $3, method = $4, levels = $5, updated_by = $6,
         updated_at = clock_timestamp()`,
      [plan.id, preset, scale.name, scale.method, JSON.stringify(scale.levels), user.name],
    );
    return { planId: plan.id, preset, ...scale };
  });
}

export function gradingScaleOf(ctx: RequestContext, planId: number): Promise<GradingScaleRow | null> {
  return ctx.loaders.gradingScaleByPlan.load(planId);
}

/** The grade of an indicator's progress under its plan's scale; null without a scale or when no level matches. */
export async function gradeOf(
  ctx: RequestContext,
  planId: number,
  progress: { status: ProgressStatus; achievementRate: number | null },
): Promise<GradeData | null> {
  const scale = await gradingScaleOf(ctx, planId);
  return scale === null ? null : grade(progress, scale);
}

/** The suggested grade of a roll-up under its plan's scale; null without a scale or when nothing was judged. */
export async function suggestedGradeOf(
  ctx: RequestContext,
  planId: number,
  summary: { achievedShare: number | null },
): Promise<GradeData | null> {
  const scale = await gradingScaleOf(ctx, planId);
  if (scale === null) return null;
  const s = suggestedGrade(summary, scale);
  return s.level === null ? null : { level: s.level, explanations: s.explanations };
}
