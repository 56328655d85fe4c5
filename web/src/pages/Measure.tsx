import { useEffect } from 'preact/hooks';
import { DashboardMeasureDocument, request, type DashboardMeasureQuery } from '../../../clients/typescript/src';
import { ENDPOINT } from '../api';
import { ChartLegend } from '../components/Chart';
import { FootnoteList } from '../components/Footnotes';
import { IndicatorView } from '../components/IndicatorView';
import { Layout, Status } from '../components/Layout';
import { ProgressBar } from '../components/ProgressBar';
import { labels, yearLabel } from '../i18n';
import { markRendered, usePageData } from '../load';
import { href, type Route } from '../route';

type MeasureNode = Extract<NonNullable<DashboardMeasureQuery['node']>, { title: string }>;

/** A measure: purpose, progress, each outcome indicator with a chart, each project with its indicators. */
export function MeasurePage({ route, id }: { route: Route; id: string }) {
  const t = labels(route.lang);
  const loaded = usePageData(route.year, (year) =>
    request(ENDPOINT, DashboardMeasureDocument, { id, year, language: route.lang === 'en' ? 'EN' : 'JA' }),
  );
  const measure = loaded.state === 'ready' ? (loaded.data.node as MeasureNode | null) : null;
  useEffect(() => {
    if (loaded.state === 'ready') markRendered();
  }, [loaded.state]);
  if (loaded.state === 'loading') return <Layout route={route}>{null}</Layout>;
  if (loaded.state === 'failed') return <Status route={route} message={t.failed} />;
  if (!measure || !('purpose' in measure)) return <Status route={route} message={t.notFound} />;
  const { year } = loaded;
  const fy = measure.plan.fiscalYears.find((y) => y.year === year);
  // Footnotes already shown under an indicator's table are not repeated under the outcome table.
  const shown = new Set(
    measure.outcomeIndicators.flatMap((i) => [
      ...i.footnotes.map((f) => f.id),
      ...i.targets.flatMap((c) => c.footnotes.map((f) => f.id)),
    ]),
  );
  return (
    <Layout route={route} year={year} years={measure.plan.fiscalYears}>
      <p class="crumbs">
        <a href={href('/', route)}>{t.overview}</a> › {t.policy(measure.policy.number)} {measure.policy.title}
      </p>
      <h1>{measure.title}</h1>
      <section class="card" aria-labelledby="purpose">
        <h2 id="purpose">{t.purpose}</h2>
        {measure.purpose.split('\n').map((p, i) => (
          <p key={i}>{p}</p>
        ))}
      </section>
      <section class="card" aria-labelledby="measure-progress">
        <h2 id="measure-progress">{t.progressOf(fy ? yearLabel(route.lang, fy) : String(year))}</h2>
        <ProgressBar lang={route.lang} summary={measure.progress} />
      </section>
      <section aria-labelledby="outcomes">
        <h2 id="outcomes">{t.outcomeIndicators}</h2>
        <ChartLegend lang={route.lang} />
        {measure.outcomeIndicators.map((indicator) => (
          <IndicatorView
            key={indicator.id}
            lang={route.lang}
            route={route}
            indicator={indicator}
            plan={measure.plan}
            chart={true}
            headingLevel={3}
            link={true}
          />
        ))}
        <FootnoteList lang={route.lang} footnotes={measure.footnotes.filter((f) => !shown.has(f.id))} />
      </section>
      <section aria-labelledby="projects">
        <h2 id="projects">{t.projects}</h2>
        {measure.projects.map((project) => (
          <section key={project.id} class="project card" aria-labelledby={`project-${project.id}`}>
            <h3 id={`project-${project.id}`}>
              {project.title}
              {project.repostPage ? <span class="sub"> {t.repost(project.repostPage)}</span> : null}
            </h3>
            {project.indicators.map((indicator) => (
              <IndicatorView
                key={indicator.id}
                lang={route.lang}
                route={route}
                indicator={indicator}
                plan={measure.plan}
                chart={false}
                headingLevel={4}
                link={true}
              />
            ))}
          </section>
        ))}
      </section>
    </Layout>
  );
}
