import { readFileSync, readdirSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { parse } from 'graphql';
import { toGlobalId } from 'graphql-relay';
import { exampleOperations, exampleVariables } from './explorer';

/** URL prefix of the explorer's bundle (JS, CSS, workers), built into dist/explorer/ by explorer/build.mjs. */
export const EXPLORER_ASSETS_PATH = '/explorer/';

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The page may load and connect to this server only: a second guard, after the bundle itself, against any
 * request to another host. Monaco sets inline styles, hence 'unsafe-inline' for styles alone.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "worker-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

interface Manifest {
  main: string;
  mainCss?: string;
  editorWorker: string;
  jsonWorker: string;
  graphqlWorker: string;
}

/** dist/explorer/, from the sources (src/http) and from the compiled code (dist/src/http). */
function bundleDir(): string | undefined {
  for (const dir of [join(__dirname, '..', '..', 'dist', 'explorer'), join(__dirname, '..', '..', 'explorer')]) {
    try {
      if (statSync(join(dir, 'manifest.json')).isFile()) return dir;
    } catch {
      // try the next one
    }
  }
  return undefined;
}

/** The bundle's files by URL path (/explorer/main-HASH.js …): only what the build wrote is served. */
function bundleFiles(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (folder: string, prefix: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path, `${prefix}${entry.name}/`);
      else if (CONTENT_TYPES[extname(entry.name)]) files.set(`${EXPLORER_ASSETS_PATH}${prefix}${entry.name}`, path);
    }
  };
  walk(dir, '');
  return files;
}

/** Sample values for the examples' variables: the plan code, empty searches, a fiscal year, the first ids. */
function sampleVariables(query: string, planCode: string | undefined): Record<string, unknown> {
  const values = exampleVariables(query, planCode);
  const declared = new Set([...query.matchAll(/\$([A-Za-z_]\w*)\s*:/g)].map((m) => m[1]));
  const guesses: Record<string, unknown> = { year: 2021, policyNumber: 1, id: toGlobalId('Measure', '1') };
  for (const [name, value] of Object.entries(guesses)) {
    if (declared.has(name) && !(name in values)) values[name] = value;
  }
  return values;
}

/** One tab per example operation of schema/operations/ (each with its comment), with sample variables. */
export function explorerTabs(planCode: string | undefined): { query: string; variables: string }[] {
  const source = exampleOperations();
  const tabs: { query: string; variables: string }[] = [];
  let start = 0;
  for (const definition of parse(source).definitions) {
    const end = definition.loc?.end ?? source.length;
    const query = `${source.slice(start, end).trim()}\n`;
    start = end;
    tabs.push({ query, variables: JSON.stringify(sampleVariables(query, planCode), null, 2) });
  }
  return tabs;
}

function escapeJsonForHtml(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

function page(title: string, head: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${title}</title>
${head}
</head>
<body>
${body}
</body>
</html>
`;
}

const PLAIN_STYLE =
  '<style>body{font:16px/1.5 system-ui,sans-serif;max-width:42rem;margin:3rem auto;padding:0 1rem}</style>';

export interface ExplorerPageOptions {
  production: boolean;
  /** Path of the GraphQL endpoint the page talks to. */
  endpoint: string;
  examplePlanCode?: string;
}

/**
 * GET <endpoint> from a browser (Accept: text/html, no `query` parameter): GraphiQL with the example
 * operations as tabs, the docs explorer and a headers editor, served with its assets under /explorer/.
 * In production, a plain page without scripts instead, and no assets. Returns false for other requests.
 */
export function explorerPage(
  options: ExplorerPageOptions,
): (req: IncomingMessage, res: ServerResponse, url: URL) => boolean {
  const dir = options.production ? undefined : bundleDir();
  const files = dir ? bundleFiles(dir) : new Map<string, string>();
  const manifest = dir ? (JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest) : undefined;
  const tabs = options.production ? [] : explorerTabs(options.examplePlanCode);

  const send = (res: ServerResponse, status: number, type: string, body: string | Buffer, cache: string) => {
    res.writeHead(status, { 'content-type': type, 'cache-control': cache, 'x-content-type-options': 'nosniff' });
    res.end(body);
  };

  return (req, res, url) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    if (url.pathname.startsWith(EXPLORER_ASSETS_PATH)) {
      const file = files.get(normalize(url.pathname).split(sep).join('/'));
      if (!file) return false;
      // Names carry a content hash: a new build has new names.
      send(res, 200, CONTENT_TYPES[extname(file)], readFileSync(file), 'public, max-age=31536000, immutable');
      return true;
    }
    const html = /\btext\/html\b/.test(req.headers.accept ?? '');
    if (url.pathname !== options.endpoint || !html || url.searchParams.has('query')) return false;
    res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
    if (options.production) {
      const body = `<h1>plangraph</h1><p>This is a GraphQL API: POST <code>{"query": "{ plans { code title } }"}</code> to <code>${options.endpoint}</code>. The explorer and introspection are off in production.</p>`;
      send(res, 200, 'text/html; charset=utf-8', page('plangraph', PLAIN_STYLE, body), 'no-store');
      return true;
    }
    if (!manifest) {
      const body =
        '<h1>plangraph explorer</h1><p>The explorer is not built. Run <code>npm run build</code> ' +
        '(or <code>node explorer/build.mjs</code>) and reload.</p>';
      send(res, 503, 'text/html; charset=utf-8', page('plangraph explorer', PLAIN_STYLE, body), 'no-store');
      return true;
    }
    const config = {
      endpoint: options.endpoint,
      tabs,
      defaultHeaders: '{\n  // "Authorization": "Bearer <token from npm run token -- create …>"\n}',
      workers: { editor: manifest.editorWorker, json: manifest.jsonWorker, graphql: manifest.graphqlWorker },
    };
    const head = [
      manifest.mainCss ? `<link rel="stylesheet" href="${manifest.mainCss}">` : '',
      '<style>html,body,#root{height:100%;margin:0}</style>',
      `<script type="module" src="${manifest.main}"></script>`,
    ].join('\n');
    const body = `<div id="root"></div>\n<script id="explorer-config" type="application/json">${escapeJsonForHtml(config)}</script>`;
    send(res, 200, 'text/html; charset=utf-8', page('plangraph explorer', head, body), 'no-store');
    return true;
  };
}
