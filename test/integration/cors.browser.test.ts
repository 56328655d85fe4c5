import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createToken } from '../../src/services/auth';
import { startTestApp, type TestApp } from '../support/app';
import { launchBrowser, type TestBrowser } from '../support/browser';

// CORS as a browser applies it: a page from another origin on this machine calls the API with a bearer header
// (so the browser sends a preflight first). Admitted: the page reads the answer; refused: fetch fails.

/** A page server on 127.0.0.1 (its own port, so its own origin) that serves a blank page. */
async function pageServer(): Promise<{ origin: string; close(): Promise<void> }> {
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>another app</title>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Runs fetch() in a page of `origin` against `url`; returns the status and body, or the error message. */
async function callFrom(
  browser: TestBrowser,
  origin: string,
  url: string,
  token = 'not-a-real-token-000000',
): Promise<{ status?: number; body?: string; error?: string }> {
  const page = await browser.newPage();
  try {
    await page.goto(origin);
    return await page.evaluate(
      async ({ target, bearer }) => {
        try {
          const res = await fetch(target, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
            body: JSON.stringify({ query: '{ plans { code } }' }),
          });
          return { status: res.status, body: await res.text() };
        } catch (error) {
          return { error: String(error) };
        }
      },
      { target: url, bearer: token },
    );
  } finally {
    await page.close();
  }
}

describe('CORS in a browser', () => {
  let browser: TestBrowser;
  let other: Awaited<ReturnType<typeof pageServer>>;
  beforeAll(async () => {
    browser = await launchBrowser();
    other = await pageServer();
  });
  afterAll(async () => {
    await browser?.close();
    await other?.close();
  });

  it('development default: a page on http://127.0.0.1:<any port> reads the answer', async () => {
    const app: TestApp = await startTestApp();
    try {
      // A real token: an invalid one is refused with 401 (after a preflight the browser passes).
      const { token } = await createToken(app.db.dataSource, { role: 'approver', name: 'cors-page' });
      const result = await callFrom(browser, other.origin, app.url, token);
      expect(result.error).toBeUndefined();
      expect(result.status).toBe(200);
      expect(JSON.parse(result.body ?? '{}')).toMatchObject({ data: { plans: [{ code: 'arakawa' }] } });
    } finally {
      await app.close();
    }
  });

  it('an origin not in CORS_ORIGINS cannot read it: the browser blocks the call', async () => {
    const app: TestApp = await startTestApp(undefined, { cors: ['http://localhost:*'] });
    try {
      const result = await callFrom(browser, other.origin, app.url);
      expect(result.status).toBeUndefined();
      expect(result.error).toMatch(/Failed to fetch/);
    } finally {
      await app.close();
    }
  });
});
