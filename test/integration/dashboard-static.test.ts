import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../support/app';
import { DASHBOARD_DIR } from '../support/dashboard-build';

/** A raw GET whose path reaches the server as written (fetch would normalise `..`). */
function rawGet(base: string, path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('dashboard static files (src/http/dashboard.ts)', () => {
  let app: TestApp;
  let base: string;
  let dir: string;
  beforeAll(async () => {
    // A tiny built dashboard of our own, so the test pins the behaviour, not Vite's file names.
    dir = mkdtempSync(join(tmpdir(), 'plangraph-dashboard-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(
      join(dir, 'index.html'),
      '<!doctype html><title>dash</title><script src="/assets/app-abc123.js"></script>',
    );
    writeFileSync(join(dir, 'assets', 'app-abc123.js'), `console.log(${JSON.stringify('x'.repeat(4000))});`);
    writeFileSync(join(dir, 'assets', 'app-abc123.css'), 'body{}');
    app = await startTestApp(undefined, { dashboardDir: dir });
    base = app.url.replace(/\/graphql$/, '');
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves index.html at / and at the deep links, revalidated, with a same-origin CSP', async () => {
    for (const path of ['/', '/measures/TWVhc3VyZTox', '/indicators/SW5kaWNhdG9yOjQ1?lang=en', '/index.html']) {
      const res = await fetch(base + path);
      expect([path, res.status, res.headers.get('content-type')]).toEqual([path, 200, 'text/html; charset=utf-8']);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(await res.text()).toContain('<title>dash</title>');
    }
  });

  it('serves hashed assets with their type, cached for a year, gzipped when asked', async () => {
    const js = await fetch(`${base}/assets/app-abc123.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(js.headers.get('content-encoding')).toBe('gzip'); // fetch asks for gzip and decodes it
    expect(await js.text()).toContain('xxxx');
    const css = await fetch(`${base}/assets/app-abc123.css`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const head = await fetch(`${base}/assets/app-abc123.css`, { method: 'HEAD' });
    expect([head.status, head.headers.get('content-length'), await head.text()]).toEqual([200, '6', '']);
  });

  it('404s unknown assets and paths, never leaves its folder, and the API stays at /graphql', async () => {
    for (const path of ['/assets/nope.js', '/favicon.ico', '/nope', '/measures/1/2', '/assets/../../package.json']) {
      const res = await fetch(base + path);
      expect([path, res.status]).toEqual([path, 404]);
    }
    for (const path of [
      '/../package.json',
      '/assets/../../../etc/passwd',
      '/%2e%2e/package.json',
      '/assets/%2e%2e%2f%2e%2e%2fpackage.json',
    ]) {
      const res = await rawGet(base, path);
      expect([path, res.status]).toEqual([path, 404]);
      expect(res.body).not.toContain('plangraph');
    }
    const post = await fetch(`${base}/`, { method: 'POST', body: 'x' });
    expect([post.status, post.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
    const api = await app.gql<{ plans: { code: string }[] }>('{ plans { code } }');
    expect(api.data?.plans.map((p) => p.code)).toContain('arakawa');
  });

  it('is public in production too (unlike the explorer)', async () => {
    const prod = await startTestApp(undefined, { dashboardDir: dir, production: true });
    try {
      const res = await fetch(prod.url.replace(/\/graphql$/, '/'));
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<title>dash</title>');
    } finally {
      await prod.close();
    }
  });

  it('the default is the bundle built by Vite (test/support/global-setup.ts builds it when stale)', async () => {
    const res = await fetch(`${base.replace(/\/$/, '')}/`);
    expect(res.ok).toBe(true);
    const fallback = await startTestApp();
    try {
      const html = await (await fetch(fallback.url.replace(/\/graphql$/, '/'))).text();
      expect(html).toMatch(/<script type="module" crossorigin src="\/assets\/index-[\w-]+\.js"><\/script>/);
      expect(DASHBOARD_DIR).toMatch(/dist[\\/]dashboard$/);
    } finally {
      await fallback.close();
    }
  });
});
