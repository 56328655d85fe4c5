import { useEffect, useState } from 'preact/hooks';
import { loadForYear } from './api';

export type Loaded<T> =
  { state: 'loading' } | { state: 'failed'; error: unknown } | { state: 'ready'; year: number; data: T };

/** One page's data (one request, see loadForYear); marks the first render for the browser tests. */
export function usePageData<T>(asked: number | undefined, load: (year: number) => Promise<T>): Loaded<T> {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  useEffect(() => {
    loadForYear(asked, load).then(
      (result) => setLoaded({ state: 'ready', ...result }),
      (error: unknown) => setLoaded({ state: 'failed', error }),
    );
    // The page's route is fixed for the page's life: navigation is a new page load.
  }, []);
  return loaded;
}

/** Called once the page's main content is in the DOM. */
export function markRendered(): void {
  if (document.body.dataset.rendered) return;
  performance.mark('plangraph:rendered');
  document.body.dataset.rendered = 'true';
}
