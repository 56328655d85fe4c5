import { useEffect } from 'preact/hooks';
import { DashboardOverviewDocument, request, type DashboardOverviewQuery } from '../../../clients/typescript/src';
import { ENDPOINT } from '../api';
import { Layout, Status } from '../components/Layout';
import { ProgressBar } from '../components/ProgressBar';
import { labels, yearLabel } from '../i18n';
import { markRendered, usePageData } from '../load';
import { href, measurePath, type Route } from '../route';

/** Every plan with its policies and measures, each with its progress for the year as a bar. */
export function Overview({ route }: { route: Route }) {
  const t = labels(route.lang);
  const loaded = usePageData<DashboardOverviewQuery>(route.year, (year) =>
    request(ENDPOINT, DashboardOverviewDocument, { year }),
  );
  useEffect(() => {
    if (loaded.state === 'ready') markRendered();
  }, [loaded.state]);
  if (loaded.state === 'loading') return <Layout route={route}>{null}</Layout>;
  if (loaded.state === 'failed') return <Status route={route} message={t.failed} />;
  const { year, data } = loaded;
  const years = data.plans[0]?.fiscalYears ?? [];
  const fy = years.find((y) => y.year === year);
  return (
    <Layout route={route} year={year} years={years}>
      {data.plans.map((plan) => (
        <article key={plan.id} class="plan">
          <h1>{plan.title}</h1>
          <section aria-labelledby={`plan-progress-${plan.code}`} class="card">
            <h2 id={`plan-progress-${plan.code}`}>{t.progressOf(fy ? yearLabel(route.lang, fy) : String(year))}</h2>
            <ProgressBar lang={route.lang} summary={plan.progress} />
          </section>
          {plan.policies.map((policy) => (
            <section key={policy.id} class="policy card" aria-labelledby={`policy-${policy.id}`}>
              <h2 id={`policy-${policy.id}`}>
                <span class="policy-number">{t.policy(policy.number)}</span> {policy.title}
              </h2>
              <ProgressBar lang={route.lang} summary={policy.progress} />
              <h3 class="visually-hidden">{t.measures}</h3>
              <ul class="measures">
                {policy.measures.map((measure) => (
                  <li key={measure.id} class="measure-row" data-measure={measure.title}>
                    <a href={href(measurePath(measure.id), route)}>{measure.title}</a>
                    <ProgressBar lang={route.lang} summary={measure.progress} />
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </article>
      ))}
    </Layout>
  );
}
