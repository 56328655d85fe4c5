// The explorer page: GraphiQL 5, bundled with its editor (Monaco) and workers by explorer/build.mjs and served
// by the API itself (src/http/explorer-page.ts), so it works offline and asks no other host for anything.
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL, type GraphiQLProps } from 'graphiql';
import 'graphiql/style.css';

/** What the server writes into the page (<script id="explorer-config" type="application/json">). */
interface ExplorerConfig {
  endpoint: string;
  tabs: { query: string; variables?: string; headers?: string }[];
  defaultHeaders: string;
  workers: { editor: string; json: string; graphql: string };
}

const config = JSON.parse(document.getElementById('explorer-config')?.textContent ?? '{}') as ExplorerConfig;

(globalThis as unknown as { MonacoEnvironment: unknown }).MonacoEnvironment = {
  getWorker(_id: string, label: string): Worker {
    const url =
      label === 'json' ? config.workers.json : label === 'graphql' ? config.workers.graphql : config.workers.editor;
    return new Worker(url, { type: 'module' });
  },
};

/** POST as JSON to the endpoint of this page, with the headers of the headers editor (Authorization: Bearer …). */
const fetcher: GraphiQLProps['fetcher'] = async (params, options) => {
  const response = await fetch(config.endpoint, {
    method: 'POST',
    headers: {
      accept: 'application/graphql-response+json, application/json',
      ...options?.headers,
      'content-type': 'application/json',
    },
    body: JSON.stringify(params),
  });
  return (await response.json()) as Record<string, unknown>;
};

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    createElement(GraphiQL, {
      fetcher,
      defaultTabs: config.tabs,
      // GraphiQL opens the first tab from these (defaultTabs alone leaves its variables empty).
      initialQuery: config.tabs[0]?.query,
      initialVariables: config.tabs[0]?.variables,
      defaultHeaders: config.defaultHeaders,
      defaultEditorToolsVisibility: 'variables',
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: false,
    }),
  );
}
