import { evaluateProgress, summarizeProgress, type Evaluation } from '../domain/progress';
import type { ProgressSummaryData } from '../domain/progress';
import type { Indicator, Measure, Plan, Policy, Project } from '../entities';
import type { RequestContext as Context } from '../context';
import { AppError } from '../domain/errors';
import { indicatorYears } from './series';
import { parseGlobalId } from './global-id';

function badInput(message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError('BAD_USER_INPUT', message, details);
}

export interface IndicatorWeightSpec {
  /** Global ID of the indicator. */
  indicatorId: string;
  weight: number;
}

/** Progress of the indicators below an owner for a year. */
export interface ProgressSummaryResult extends ProgressSummaryData {
  fiscalYear: number;
  indicatorCount: number;
}

function assertYear(plan: Plan, fiscalYear: number): void {
  if (fiscalYear < plan.baseYear || fiscalYear > plan.finalYear) {
    throw badInput(
      `Fiscal year ${fiscalYear} is outside the plan "${plan.code}" (FY${plan.baseYear}–FY${plan.finalYear}).`,
      {
        argument: 'fiscalYear',
      },
    );
  }
}

async function planOf(ctx: Context, planId: number): Promise<Plan> {
  const plan = await ctx.loaders.plan.load(planId);
  if (!plan) throw new Error(`plan ${planId} vanished during the request`);
  return plan;
}

export async function evaluate(
  ctx: Context,
  indicator: Indicator,
  fiscalYear: number,
  includeDrafts: boolean,
): Promise<Evaluation> {
  const [years, scale] = await Promise.all([
    indicatorYears(ctx, indicator.id, ctx.viewer.scope(includeDrafts)),
    ctx.loaders.statusScaleByPlan.load(indicator.planId),
  ]);
  const cells = years.flatMap((y) => (y.cell ? [{ fiscalYear: y.year, role: y.cell.role, value: y.cell.value }] : []));
  const baseline = cells.find((c) => c.role === 'BASELINE_ESTIMATE');
  return evaluateProgress({
    indicator: {
      name: indicator.name,
      direction: indicator.direction,
      cumulative: indicator.cumulative,
      unit: indicator.unit,
    },
    baseline: baseline ? { fiscalYear: baseline.fiscalYear, value: baseline.value } : null,
    targets: cells.filter((c) => c.role === 'TARGET').map((c) => ({ fiscalYear: c.fiscalYear, value: c.value })),
    actuals: years.flatMap((y) => (y.actual ? [{ fiscalYear: y.year, value: y.actual }] : [])),
    fiscalYear,
    statusScale: scale.map((s) => ({ word: s.word, rank: s.rank })),
  });
}

/**
 * The status of an indicator for a year, as the status filters see it: with `progress`'s default
 * (approved actuals only), so a list filtered on status and the progress of its items agree.
 */
export async function indicatorStatus(
  ctx: Context,
  indicator: Indicator,
  fiscalYear: number,
): Promise<Evaluation['status']> {
  return (await evaluate(ctx, indicator, fiscalYear, false)).status;
}

export async function indicatorProgress(
  ctx: Context,
  indicator: Indicator,
  fiscalYear: number,
  includeDrafts: boolean,
): Promise<Evaluation> {
  assertYear(await planOf(ctx, indicator.planId), fiscalYear);
  return evaluate(ctx, indicator, fiscalYear, includeDrafts);
}

async function indicatorsOfMeasures(ctx: Context, measureIds: number[]): Promise<Indicator[]> {
  const [outcome, projects] = await Promise.all([
    Promise.all(measureIds.map((id) => ctx.loaders.indicatorsByMeasure.load(id))),
    Promise.all(measureIds.map((id) => ctx.loaders.projectsByMeasure.load(id))),
  ]);
  const output = await Promise.all(projects.flat().map((p) => ctx.loaders.indicatorsByProject.load(p.id)));
  return [...outcome.flat(), ...output.flat()];
}

/** The distinct indicators below a project, measure, policy or plan (a shared indicator counts once). */
export async function indicatorsBelow(
  ctx: Context,
  owner: { kind: 'plan' | 'policy' | 'measure' | 'project'; id: number },
): Promise<Indicator[]> {
  let all: Indicator[];
  switch (owner.kind) {
    case 'plan':
      all = await ctx.loaders.indicatorsByPlan.load(owner.id);
      break;
    case 'project':
      all = await ctx.loaders.indicatorsByProject.load(owner.id);
      break;
    case 'measure':
      all = await indicatorsOfMeasures(ctx, [owner.id]);
      break;
    case 'policy':
      all = await indicatorsOfMeasures(
        ctx,
        (await ctx.loaders.measuresByPolicy.load(owner.id)).map((m) => m.id),
      );
      break;
  }
  const unique = new Map(all.map((i) => [i.id, i]));
  return [...unique.values()];
}

export async function summaryProgress(
  ctx: Context,
  owner: { kind: 'plan' | 'policy' | 'measure' | 'project'; id: number; planId: number },
  fiscalYear: number,
  includeDrafts: boolean,
  weights: IndicatorWeightSpec[] | null | undefined,
): Promise<ProgressSummaryResult> {
  assertYear(await planOf(ctx, owner.planId), fiscalYear);
  const weightOf = new Map<number, number>();
  for (const w of weights ?? []) weightOf.set(parseGlobalId(w.indicatorId, 'Indicator').id, w.weight);
  const indicators = await indicatorsBelow(ctx, owner);
  const evaluations = await Promise.all(indicators.map((i) => evaluate(ctx, i, fiscalYear, includeDrafts)));
  const summary = summarizeProgress(
    evaluations.map((e, i) => ({ status: e.status, weight: weightOf.get(indicators[i].id) ?? 1 })),
  );
  return { fiscalYear, indicatorCount: indicators.length, ...summary };
}

export type ProgressOwner = Plan | Policy | Measure | Project;
