import { summarizeProgress } from '../domain/progress';
import type { Plan } from '../entities';
import { VALUE_KINDS, type ValueKind } from '../domain/vocabulary';
import type { RequestContext as Context } from '../context';
import { AppError } from '../domain/errors';
import type { ProgressSummaryData } from '../domain/progress';
import { indicatorYears } from './series';
import { evaluate, indicatorsBelow } from './progress';

export interface UnitSumData {
  unit: string;
  indicatorCount: number;
  targetTotal: number | null;
  baselineTotal: number | null;
  actualTotal: number | null;
  actualCount: number;
}

/** Counts and totals of the indicators below a plan, policy or measure for one fiscal year. */
export interface YearAggregateData {
  fiscalYear: number;
  indicatorCount: number;
  byStatus: ProgressSummaryData['counts'];
  byValueKind: { valueKind: ValueKind; count: number }[];
  sums: UnitSumData[];
}

function badInput(message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError('BAD_USER_INPUT', message, details);
}

/**
 * Per fiscal year: indicators by progress status, cells by value kind, and sums per unit where adding
 * up means something — plain numbers (EQ), not cumulative indicators, not percentages, never across
 * units. Everything goes through the request's loaders: the cost does not grow with the rows.
 */
export async function aggregates(
  ctx: Context,
  owner: { kind: 'plan' | 'policy' | 'measure'; id: number; planId: number },
  fiscalYears: number[] | null | undefined,
  includeDrafts: boolean,
): Promise<YearAggregateData[]> {
  const plan: Plan | null = await ctx.loaders.plan.load(owner.planId);
  if (!plan) throw new Error('plan vanished during the request');
  const years = fiscalYears ?? Array.from({ length: plan.finalYear - plan.baseYear + 1 }, (_, i) => plan.baseYear + i);
  if (years.length > 50) throw badInput('At most 50 fiscal years per request.', { argument: 'fiscalYears' });
  for (const y of years) {
    if (y < plan.baseYear || y > plan.finalYear) {
      throw badInput(`Fiscal year ${y} is outside the plan "${plan.code}" (FY${plan.baseYear}–FY${plan.finalYear}).`, {
        argument: 'fiscalYears',
      });
    }
  }
  const scope = ctx.viewer.scope(includeDrafts);
  const indicators = await indicatorsBelow(ctx, owner);
  // The same rows as each indicator's progress (services/series.ts): one statement for all of them.
  const series = await Promise.all(indicators.map((i) => indicatorYears(ctx, i.id, scope)));
  return Promise.all(
    years.map(async (year) => {
      const evaluations = await Promise.all(indicators.map((i) => evaluate(ctx, i, year, includeDrafts)));
      const { counts } = summarizeProgress(evaluations.map((e) => ({ status: e.status })));
      const ofYear = series.map((rows) => rows.find((r) => r.year === year));
      const cells = ofYear.flatMap((r) => (r?.cell ? [r.cell] : []));
      const sums = new Map<
        string,
        { indicatorCount: number; target: number[]; baseline: number[]; actual: number[] }
      >();
      indicators.forEach((indicator, n) => {
        const cell = ofYear[n]?.cell;
        const v = cell?.value;
        if (
          !cell ||
          !v ||
          indicator.cumulative ||
          v.kind !== 'QUANTITY' ||
          v.comparator !== 'EQ' ||
          !v.unit ||
          v.unit === '%'
        ) {
          return;
        }
        const sum = sums.get(v.unit) ?? { indicatorCount: 0, target: [], baseline: [], actual: [] };
        sum.indicatorCount += 1;
        (cell.role === 'TARGET' ? sum.target : sum.baseline).push(v.number!);
        const actual = ofYear[n]?.actual;
        if (actual?.kind === 'QUANTITY' && actual.number !== null && (actual.unit ?? v.unit) === v.unit)
          sum.actual.push(actual.number);
        sums.set(v.unit, sum);
      });
      const total = (xs: number[]) => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0));
      return {
        fiscalYear: year,
        indicatorCount: indicators.length,
        byStatus: counts,
        byValueKind: VALUE_KINDS.map((valueKind) => ({
          valueKind,
          count: cells.filter((c) => c.value.kind === valueKind).length,
        })),
        sums: [...sums.entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([unit, s]) => ({
            unit,
            indicatorCount: s.indicatorCount,
            targetTotal: total(s.target),
            baselineTotal: total(s.baseline),
            actualTotal: total(s.actual),
            actualCount: s.actual.length,
          })),
      };
    }),
  );
}
