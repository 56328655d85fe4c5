import { useEffect } from 'preact/hooks';
import {
  DashboardIndicatorPageDocument,
  request,
  type DashboardIndicatorPageQuery,
} from '../../../clients/typescript/src';
import { ENDPOINT } from '../api';
import { ChartLegend } from '../components/Chart';
import { IndicatorView } from '../components/IndicatorView';
import { Layout, Status } from '../components/Layout';
import { labels } from '../i18n';
import { markRendered, usePageData } from '../load';
import { href, measurePath, type Route } from '../route';

type IndicatorNode = Extract<NonNullable<DashboardIndicatorPageQuery['node']>, { name: string }>;

/** One indicator (deep-linkable): the chart, the table of the same numbers, the explanation, footnotes. */
export function IndicatorPage({ route, id }: { route: Route; id: string }) {
  const t = labels(route.lang);
  const loaded = usePageData(route.year, (year) =>
    request(ENDPOINT, DashboardIndicatorPageDocument, { id, year, language: route.lang === 'en' ? 'EN' : 'JA' }),
  );
  const indicator = loaded.state === 'ready' ? (loaded.data.node as IndicatorNode | null) : null;
  useEffect(() => {
    if (loaded.state === 'ready') markRendered();
  }, [loaded.state]);
  if (loaded.state === 'loading') return <Layout route={route}>{null}</Layout>;
  if (loaded.state === 'failed') return <Status route={route} message={t.failed} />;
  if (!indicator || !('targets' in indicator)) return <Status route={route} message={t.notFound} />;
  const measures = [
    ...new Map(
      [...indicator.measures, ...indicator.projects.flatMap((p) => p.measures)].map((m) => [m.id, m]),
    ).values(),
  ];
  return (
    <Layout route={route} year={loaded.year} years={indicator.plan.fiscalYears}>
      <p class="crumbs">
        <a href={href('/', route)}>{t.overview}</a>
        {measures.map((m) => (
          <span key={m.id}>
            {' › '}
            <a href={href(measurePath(m.id), route)}>{m.title}</a>
          </span>
        ))}
      </p>
      <h1>{indicator.name}</h1>
      {indicator.projects.length > 0 ? (
        <p>
          {t.projectsOf}: {indicator.projects.map((p) => p.title).join(route.lang === 'en' ? ', ' : '、')}
        </p>
      ) : null}
      <ChartLegend lang={route.lang} />
      <IndicatorView
        lang={route.lang}
        route={route}
        indicator={indicator}
        plan={indicator.plan}
        chart={true}
        headingLevel={2}
        headingHidden={true}
        link={false}
      />
    </Layout>
  );
}
