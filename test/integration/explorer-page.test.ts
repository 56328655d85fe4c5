import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { explorerTabs } from '../../src/http/explorer-page';
import { startTestApp, type TestApp } from '../support/app';

describe('explorer page over HTTP (development)', () => {
  let app: TestApp;
  let base: string;
  beforeAll(async () => {
    app = await startTestApp(undefined, { examplePlanCode: 'arakawa' });
    base = app.url.replace(/\/graphql$/, '');
  });
  afterAll(() => app.close());

  const html = () => fetch(app.url, { headers: { accept: 'text/html,application/xhtml+xml' } });

  it('serves GraphiQL from this server only: same-origin assets, a CSP that admits no other host', async () => {
    const res = await html();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    const page = await res.text();
    const urls = [...page.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThanOrEqual(2);
    for (const url of urls) expect(url).toMatch(/^(\/explorer\/|data:)/);
    expect(page).not.toMatch(/https?:\/\/(?!127\.0\.0\.1|localhost)/);
    for (const url of urls.filter((u) => u.startsWith('/explorer/'))) {
      const asset = await fetch(`${base}${url}`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-type')).toMatch(/^text\/(javascript|css)/);
      expect(asset.headers.get('cache-control')).toContain('immutable');
    }
  });

  it('opens one tab per example operation, with sample variables and a headers template', async () => {
    const page = await (await html()).text();
    const config = JSON.parse(
      /<script id="explorer-config" type="application\/json">(.*?)<\/script>/s.exec(page)![1],
    ) as {
      tabs: { query: string; variables: string }[];
      defaultHeaders: string;
      workers: Record<string, string>;
    };
    expect(config.tabs.map((t) => /query (\w+)/.exec(t.query)?.[1])).toEqual([
      'CovidCells',
      'CovidFootnotes',
      'IndicatorByName',
      'MeasureDashboard',
      'PolicySubtree',
      'WholePlan',
    ]);
    expect(JSON.parse(config.tabs[0].variables)).toEqual({ planCode: 'arakawa', year: 2021 });
    expect(config.defaultHeaders).toContain('Authorization');
    expect(Object.keys(config.workers).sort()).toEqual(['editor', 'graphql', 'json']);
  });

  it('runs every tab as given: each example operation answers without errors', async () => {
    for (const tab of explorerTabs('arakawa')) {
      const res = await app.gql(tab.query, JSON.parse(tab.variables) as Record<string, unknown>);
      expect([tab.query.slice(0, 80), res.errors]).toEqual([tab.query.slice(0, 80), undefined]);
    }
  });

  it('leaves GraphQL over GET to Apollo, and serves nothing outside the bundle', async () => {
    const query = await fetch(`${app.url}?query=${encodeURIComponent('{ plans { code } }')}`, {
      headers: { accept: 'text/html,*/*;q=0.8', 'apollo-require-preflight': '1' },
    });
    expect(query.status).toBe(200);
    expect(await query.json()).toMatchObject({ data: { plans: expect.any(Array) } });
    for (const path of ['/explorer/manifest.json.bak', '/explorer/../package.json', '/explorer/%2e%2e/package.json']) {
      expect((await fetch(`${base}${path}`)).status).toBe(404);
    }
    const json = await fetch(app.url, { headers: { accept: 'application/json' } });
    expect(json.status).toBe(400);
  });
});

describe('explorer page in production', () => {
  it('is a plain page without scripts, and the bundle is not served', async () => {
    const app = await startTestApp(undefined, { production: true });
    try {
      const res = await fetch(app.url, { headers: { accept: 'text/html' } });
      expect(res.status).toBe(200);
      const page = await res.text();
      expect(page).not.toContain('<script');
      expect(page).toContain('off in production');
      const manifest = JSON.parse(
        readFileSync(join(__dirname, '..', '..', 'dist', 'explorer', 'manifest.json'), 'utf8'),
      ) as {
        main: string;
      };
      expect((await fetch(app.url.replace(/\/graphql$/, manifest.main))).status).toBe(404);
    } finally {
      await app.close();
    }
  });
});
