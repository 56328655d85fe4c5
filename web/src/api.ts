import { DashboardYearsDocument, GraphQLRequestError, request } from '../../clients/typescript/src';
import { currentFiscalYear } from './route';

/** The API of the server that serves the dashboard. */
export const ENDPOINT = '/graphql';

function outsideThePlan(error: unknown): boolean {
  return (
    error instanceof GraphQLRequestError &&
    error.errors.some((e) => e.extensions?.code === 'BAD_USER_INPUT' && e.extensions.argument === 'fiscalYear')
  );
}

function nearest(years: number[], wanted: number): number {
  return years.reduce((best, y) => (Math.abs(y - wanted) < Math.abs(best - wanted) ? y : best), years[0]);
}

/**
 * Loads a page's data in one request for `year` (given in the URL) or today's fiscal year. Only when
 * today's year is outside every plan (and no year was asked for) does it ask for the plans' years and
 * retry with the nearest one: two more requests, never in the plan's own period.
 */
export async function loadForYear<T>(
  asked: number | undefined,
  load: (year: number) => Promise<T>,
): Promise<{ year: number; data: T }> {
  const year = asked ?? currentFiscalYear();
  try {
    return { year, data: await load(year) };
  } catch (error) {
    if (asked !== undefined || !outsideThePlan(error)) throw error;
    const { plans } = await request(ENDPOINT, DashboardYearsDocument);
    const years = plans.flatMap((p) => p.fiscalYears.map((fy) => fy.year));
    if (years.length === 0) throw error;
    const fallback = nearest(years, year);
    return { year: fallback, data: await load(fallback) };
  }
}
