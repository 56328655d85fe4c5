import { createHash } from 'node:crypto';
import { auditServer, type AuditResult } from 'graphql-http';
import { createToken } from '../../src/services/auth';
import { startTestApp, type TestApp } from '../support/app';

// GraphQL over HTTP conformance (graphql-http's audit suite against the real server), persisted
// queries, cache hints, the explorer and the health endpoints.

let app: TestApp;
let prod: TestApp;

beforeAll(async () => {
  app = await startTestApp();
  prod = await startTestApp(app.db, { production: true });
});
afterAll(async () => {
  await prod?.server.stop();
  await app?.close();
});

function failures(results: AuditResult[], level: 'MUST' | 'SHOULD'): string[] {
  return results
    .filter((r) => r.status !== 'ok' && r.name.startsWith(level))
    .map((r) => `${r.id} ${r.name}: ${'reason' in r ? r.reason : ''}`);
}

describe('GraphQL over HTTP (graphql-http auditServer)', () => {
  it('development: no MUST failures', async () => {
    const results = await auditServer({ url: app.url });
    expect(results.length).toBeGreaterThan(20);
    expect(failures(results, 'MUST')).toEqual([]);
  });

  it('production: no MUST failures but the two audits that query __type (introspection is off)', async () => {
    const results = await auditServer({ url: prod.url });
    // BF61 "MUST accept utf-8 encoded request" and 28B9 "MUST allow map {variables} parameter" send
    // `__type(name: …)` queries, which production refuses as introspection.
    const excused = new Set(['BF61', '28B9']);
    expect(failures(results, 'MUST').filter((f) => !excused.has(f.slice(0, 4)))).toEqual([]);
  });
});

async function post(body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return {
    res,
    json: (await res.json()) as Record<string, unknown> & { errors?: { extensions?: { code?: string } }[] },
  };
}

describe('automatic persisted queries', () => {
  it('an unknown hash asks for the query; once sent, the hash alone works, over POST and GET', async () => {
    const query = '{ plans { code title } }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    const unknown = await post({ extensions });
    expect(unknown.json.errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = await post({ query, extensions });
    expect(registered.json.errors).toBeUndefined();
    const byHash = await post({ extensions });
    expect(byHash.json.data).toEqual(registered.json.data);
    const get = await fetch(`${app.url}?extensions=${encodeURIComponent(JSON.stringify(extensions))}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(get.status).toBe(200);
    expect(get.headers.get('cache-control')).toBe('max-age=60, public');
    expect(((await get.json()) as { data: unknown }).data).toEqual(registered.json.data);
  });

  it('a hash that does not match the query is refused', async () => {
    const wrong = await post({
      query: '{ plans { code } }',
      extensions: { persistedQuery: { version: 1, sha256Hash: 'ab'.repeat(32) } },
    });
    expect(wrong.res.status).toBe(400);
  });
});

describe('cache hints', () => {
  it('anonymous plan data is public for 60 s; with a token, a mutation or an error never cacheable', async () => {
    const anon = await post({ query: '{ plan(code: "arakawa") { title policies { title } } }' });
    expect(anon.res.headers.get('cache-control')).toBe('max-age=60, public');
    expect(anon.res.headers.get('vary')).toMatch(/authorization/i);
    const { token } = await createToken(app.db.dataSource, { role: 'editor', name: 'cache-test' });
    const withToken = await post(
      { query: '{ plan(code: "arakawa") { title } }' },
      { authorization: `Bearer ${token}` },
    );
    expect(withToken.json.errors).toBeUndefined();
    expect(withToken.res.headers.get('cache-control')).toBe('no-store');
    const mutation = await post(
      { query: 'mutation { submitActual(id: "nope") { id } }' },
      { authorization: `Bearer ${token}` },
    );
    expect(mutation.res.headers.get('cache-control')).toBe('no-store');
    const failed = await post({ query: '{ plan(code: "arakawa") { nope } }' });
    expect(failed.res.headers.get('cache-control')).toBe('no-store');
  });
});

describe('explorer and endpoints', () => {
  it('development: the explorer opens at the server URL with the example operations', async () => {
    const res = await fetch(app.url, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('/explorer/main-');
    expect(html).toContain('WholePlan');
    expect(html).toContain('IndicatorByName');
  });

  it('production: a plain landing page, no explorer', async () => {
    const res = await fetch(prod.url, { headers: { accept: 'text/html' } });
    const html = await res.text();
    expect(html).not.toContain('<script');
    expect(html).not.toContain('WholePlan');
  });

  it('/healthz, /readyz, 404 elsewhere; every response carries a request id', async () => {
    const base = app.url.replace(/\/graphql$/, '');
    const health = await fetch(`${base}/healthz`);
    expect([health.status, await health.json()]).toEqual([200, { status: 'ok' }]);
    const ready = await fetch(`${base}/readyz`);
    expect([ready.status, await ready.json()]).toEqual([200, { status: 'ready' }]);
    const missing = await fetch(`${base}/nope`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { errors: { message: string }[] }).errors[0].message).toBe(
      'Not found. The GraphQL endpoint is /graphql.',
    );
    expect(missing.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const echoed = await fetch(`${base}/healthz`, { headers: { 'x-request-id': 'lb-0123456789' } });
    expect(echoed.headers.get('x-request-id')).toBe('lb-0123456789');
    const forged = await fetch(`${base}/healthz`, { headers: { 'x-request-id': '../<script>' + 'x'.repeat(80) } });
    expect(forged.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
