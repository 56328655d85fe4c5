import type { Lang } from './i18n';

export type Page =
  { kind: 'overview' } | { kind: 'measure'; id: string } | { kind: 'indicator'; id: string } | { kind: 'unknown' };

export interface Route {
  page: Page;
  lang: Lang;
  /** `?year=` when given; otherwise the page picks today's fiscal year. */
  year: number | undefined;
}

/** The URL is the state: path for the page, `?lang=en` for English, `?year=` for the fiscal year. */
export function parseRoute(location: { pathname: string; search: string }): Route {
  const params = new URLSearchParams(location.search);
  const lang: Lang = params.get('lang') === 'en' ? 'en' : 'ja';
  const yearParam = params.get('year');
  const year = yearParam && /^\d{4}$/.test(yearParam) ? Number(yearParam) : undefined;
  const path = location.pathname.replace(/\/+$/, '') || '/';
  const match = /^\/(measures|indicators)\/([^/]+)$/.exec(path);
  let page: Page = { kind: 'unknown' };
  if (path === '/') page = { kind: 'overview' };
  else if (match) {
    const id = decodeURIComponent(match[2]);
    page = match[1] === 'measures' ? { kind: 'measure', id } : { kind: 'indicator', id };
  }
  return { page, lang, year };
}

/** A link that keeps the language and the year. */
export function href(path: string, route: Pick<Route, 'lang' | 'year'>, changes: Partial<Route> = {}): string {
  const lang = changes.lang ?? route.lang;
  const year = 'year' in changes ? changes.year : route.year;
  const params = new URLSearchParams();
  if (lang === 'en') params.set('lang', 'en');
  if (year !== undefined) params.set('year', String(year));
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

export function measurePath(id: string): string {
  return `/measures/${encodeURIComponent(id)}`;
}

export function indicatorPath(id: string): string {
  return `/indicators/${encodeURIComponent(id)}`;
}

/** The Japanese fiscal year (April to March) running today, in Japan's time zone. */
export function currentFiscalYear(now: Date = new Date()): number {
  const [year, month] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: 'numeric' })
    .formatToParts(now)
    .filter((p) => p.type === 'year' || p.type === 'month')
    .map((p) => Number(p.value));
  return month >= 4 ? year : year - 1;
}
