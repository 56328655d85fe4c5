import { render } from 'preact';
import { labels } from './i18n';
import { IndicatorPage } from './pages/Indicator';
import { MeasurePage } from './pages/Measure';
import { Overview } from './pages/Overview';
import { parseRoute, type Route } from './route';
import { Status } from './components/Layout';
import './styles.css';

function App({ route }: { route: Route }) {
  switch (route.page.kind) {
    case 'overview':
      return <Overview route={route} />;
    case 'measure':
      return <MeasurePage route={route} id={route.page.id} />;
    case 'indicator':
      return <IndicatorPage route={route} id={route.page.id} />;
    case 'unknown':
      return <Status route={route} message={labels(route.lang).notFound} />;
  }
}

const route = parseRoute(location);
document.documentElement.lang = route.lang;
document.title = labels(route.lang).appTitle;
const root = document.getElementById('app')!;
root.replaceChildren(); // the static loading line of index.html
render(<App route={route} />, root);
