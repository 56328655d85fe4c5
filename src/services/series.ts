import type { ActualScope, RequestContext } from '../context';
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
