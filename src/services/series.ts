import type { ActualScope, RequestContext } from '../context';
import type { Indicator } from '../entities';
import { seriesKey, type SeriesRow } from '../loaders';

export type { SeriesRow } from '../loaders';

/**
 * An indicator's fiscal years over its own plan (base year to final year: every year a cell or an actual can have),
 * each with the plan's cell and the value of the actual `scope` shows — by default what Indicator.series shows (the
 * latest revision for a token holder, the approved one otherwise). Progress reads the same rows: one statement per
 * query level for the series and the progress of every indicator of that level.
 */
export function indicatorYears(
  ctx: RequestContext,
  indicatorId: number,
  scope: ActualScope = ctx.viewer.scope(undefined),
): Promise<SeriesRow[]> {
  return ctx.loaders.seriesByIndicator.load(seriesKey(scope, indicatorId));
}

/**
 * node(id:) of an indicator whose series is selected: the indicator and its years in one statement. The request's
 * loaders are primed with both, so `Indicator.series` (same scope) and anything else reading the indicator by id
 * find them without a statement of their own. Null when no such indicator exists.
 */
export async function indicatorWithYears(ctx: RequestContext, indicatorId: number): Promise<Indicator | null> {
  const key = seriesKey(ctx.viewer.scope(undefined), indicatorId);
  const { indicator, series } = await ctx.loaders.indicatorWithSeries.load(key);
  if (!indicator) return null;
  ctx.loaders.seriesByIndicator.prime(key, series);
  ctx.loaders.indicator.prime(indicatorId, indicator);
  return indicator;
}
