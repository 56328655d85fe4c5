import { startTestApp, type TestApp } from '../support/app';

const QUERY = JSON.stringify({ query: '{ plans { code } }' });

function preflight(url: string, origin: string): Promise<Response> {
  return fetch(url, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type, authorization',
    },
  });
}

function post(url: string, origin: string | undefined): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(origin ? { origin } : {}) },
    body: QUERY,
  });
}

function corsHeaders(res: Response): string[] {
  return [...res.headers.keys()].filter((name) => name.startsWith('access-control-'));
}

describe('CORS (development default: localhost on any port)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('answers a preflight from http://localhost:5173 with 204, methods, headers and max-age', async () => {
    const res = await preflight(app.url, 'http://localhost:5173');
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(res.headers.get('access-control-allow-methods')).toBe('GET, POST');
    expect(res.headers.get('access-control-allow-headers')).toMatch(/content-type/);
    expect(res.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    expect(res.headers.get('access-control-max-age')).toBe('600');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(res.headers.get('vary')).toMatch(/origin/i);
    expect(await res.text()).toBe('');
  });

  it('lets the admitted page read the answer: Access-Control-Allow-Origin, Vary: Origin and Authorization', async () => {
    const res = await post(app.url, 'http://127.0.0.1:8080');
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:8080');
    expect(res.headers.get('access-control-expose-headers')).toMatch(/x-request-id/);
    expect(res.headers.get('vary')).toMatch(/origin/i);
    expect(res.headers.get('vary')).toMatch(/authorization/i);
    expect(((await res.json()) as { data: { plans: unknown[] } }).data.plans.length).toBeGreaterThan(0);
  });

  it('carries the CORS headers on refusals too, so the page can read the error', async () => {
    const res = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://localhost:3000' },
      body: '{"query": "{ plans { code"}',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
  });

  it('gives another origin no CORS headers: its preflight is a 403 with a sentence', async () => {
    const res = await preflight(app.url, 'https://evil.example');
    expect(res.status).toBe(403);
    expect(corsHeaders(res)).toEqual([]);
    const body = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(body.errors[0].message).toMatch(/CORS_ORIGINS/);

    const direct = await post(app.url, 'https://evil.example');
    expect(corsHeaders(direct)).toEqual([]);
  });

  it('leaves same-origin and non-browser requests as they were', async () => {
    const res = await post(app.url, undefined);
    expect(res.status).toBe(200);
    expect(corsHeaders(res)).toEqual([]);
    const options = await fetch(app.url, { method: 'OPTIONS' });
    expect(options.status).toBe(405);
  });
});

describe('CORS in production', () => {
  it('admits nobody unless CORS_ORIGINS says so', async () => {
    const app = await startTestApp(undefined, { production: true });
    try {
      const res = await preflight(app.url, 'http://localhost:5173');
      expect(res.status).toBe(403);
      expect(corsHeaders(res)).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('admits the configured origins exactly', async () => {
    const app = await startTestApp(undefined, { production: true, cors: ['https://app.example.org'] });
    try {
      expect((await preflight(app.url, 'https://app.example.org')).status).toBe(204);
      expect((await preflight(app.url, 'https://other.example.org')).status).toBe(403);
      const res = await post(app.url, 'https://app.example.org');
      expect(res.headers.get('access-control-allow-origin')).toBe('https://app.example.org');
    } finally {
      await app.close();
    }
  });

  it('answers * to anyone with CORS_ORIGINS=*', async () => {
    const app = await startTestApp(undefined, { production: true, cors: '*' });
    try {
      const res = await preflight(app.url, 'https://anyone.example');
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
    } finally {
      await app.close();
    }
  });
});
