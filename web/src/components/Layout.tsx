import type { ComponentChildren } from 'preact';
import { labels, yearLabel, type Lang } from '../i18n';
import { href, type Route } from '../route';
import type { FiscalYearInfo } from '../series';

/** Header (home link, year chooser, language switch), skip link, and the page's main landmark. */
export function Layout({
  route,
  year,
  years,
  children,
}: {
  route: Route;
  year?: number;
  years?: FiscalYearInfo[];
  children: ComponentChildren;
}) {
  const t = labels(route.lang);
  const other: Lang = route.lang === 'ja' ? 'en' : 'ja';
  const here = typeof location === 'undefined' ? '/' : location.pathname;
  return (
    <>
      <a class="skip" href="#main">
        {t.skip}
      </a>
      <header class="top">
        <a class="home" href={href('/', route)}>
          {t.appTitle}
        </a>
        {years && years.length > 0 ? (
          <form class="year" method="get" action={here}>
            <label for="year-select">{t.fiscalYear}</label>
            <select id="year-select" name="year" value={String(year)}>
              {years.map((fy) => (
                <option key={fy.year} value={String(fy.year)}>
                  {yearLabel(route.lang, fy)}
                </option>
              ))}
            </select>
            {route.lang === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
            <button type="submit">{t.show}</button>
          </form>
        ) : null}
        <nav aria-label={t.language}>
          <a
            class="lang-switch"
            href={href(here, route, { lang: other })}
            hreflang={other}
            lang={other}
            data-lang-switch={other}
          >
            {t.switchTo}
          </a>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

export function Status({ route, message }: { route: Route; message: string }) {
  return (
    <Layout route={route}>
      <h1>{message}</h1>
      <p>
        <a href={href('/', route, { year: undefined })}>{labels(route.lang).backToOverview}</a>
      </p>
    </Layout>
  );
}
