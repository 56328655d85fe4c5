import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { HttpError } from './errors';

// The public dashboard (web/, built by Vite into dist/dashboard): static files at /, index.html for deep
// links (/measures/<id>, /indicators/<id>), the API staying at /graphql. Public in production too.

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** Only what the page needs: our own scripts, styles (Plot writes inline styles into its SVG) and API. */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** The dashboard's pages (web/src/route.ts): index.html answers them; any other path stays a 404. */
const PAGE = /^\/(?:(?:measures|indicators)\/[^/]+\/?)?$/;

interface StaticFile {
  body: Buffer;
  gzip?: Buffer;
  type: string;
  /** Vite's content-hashed files under /assets/: cacheable for a year; index.html is revalidated. */
  immutable: boolean;
}

export interface Dashboard {
  /** Serves the request when it is the dashboard's; false leaves it to the caller (its 404). */
  serve(req: IncomingMessage, res: ServerResponse, url: URL): boolean;
}

/** The built dashboard: dist/dashboard from src/http (tests) or from dist/src/http (the compiled server). */
export function defaultDashboardDir(): string | undefined {
  const candidates = [join(__dirname, '..', '..', 'dashboard'), join(__dirname, '..', '..', 'dist', 'dashboard')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html')));
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/**
 * Reads the built files once (a few hundred kB) into a table of URL paths, so a request can only ever
 * name one of them (no path from the URL reaches the file system: no traversal), and gzips them once.
 */
export function createDashboard(dir: string | undefined = defaultDashboardDir()): Dashboard {
  const files = new Map<string, StaticFile>();
  if (dir) {
    for (const path of walk(dir)) {
      const urlPath = '/' + relative(dir, path).split(sep).join('/');
      const body = readFileSync(path);
      const type = TYPES[extname(path)] ?? 'application/octet-stream';
      const gzip = /^(text|image\/svg|application\/json)/.test(type) && body.length > 1024 ? gzipSync(body) : undefined;
      files.set(urlPath, { body, gzip, type, immutable: urlPath.startsWith('/assets/') });
    }
  }
  const index = files.get('/index.html');

  return {
    serve(req, res, url) {
      const path = url.pathname;
      const file = files.get(path);
      const page = !file && PAGE.test(path);
      if (!file && !page) return false;
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        throw new HttpError(405, 'The dashboard accepts GET and HEAD.', 'METHOD_NOT_ALLOWED', { allow: 'GET, HEAD' });
      }
      const chosen = file ?? index;
      if (!chosen) {
        throw new HttpError(404, 'The dashboard is not built: run `npm run build:web` (npm start does).', 'NOT_FOUND');
      }
      const gzip = chosen.gzip && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
      const body = gzip ? chosen.gzip! : chosen.body;
      res.writeHead(200, {
        'content-type': chosen.type,
        'content-length': String(body.length),
        'cache-control': chosen.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        vary: 'accept-encoding',
        'x-content-type-options': 'nosniff',
        ...(chosen.type.startsWith('text/html')
          ? { 'content-security-policy': CSP, 'referrer-policy': 'same-origin' }
          : {}),
        ...(gzip ? { 'content-encoding': 'gzip' } : {}),
      });
      res.end(req.method === 'HEAD' ? undefined : body);
      return true;
    },
  };
}
