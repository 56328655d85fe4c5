import { INVALID_TOKEN_UNITS } from '../../src/http/rate-limit';
import { startTestApp, type TestApp } from '../support/app';
import { setUpActuals, type Actuals } from '../support/actuals';

// Bearer tokens over HTTP: an unknown or revoked token is refused with 401 on reads too, at a small fixed
// rate-limit cost; a valid one reads as before.

let app: TestApp;
let a: Actuals;

beforeAll(async () => {
  app = await startTestApp();
  a = await setUpActuals(app);
});
afterAll(async () => {
  await app?.close();
});

const READ = '{ plans { code } }';

async function raw(url: string, authorization: string | undefined, query = READ) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify({ query }),
  });
  return {
    status: res.status,
    wwwAuthenticate: res.headers.get('www-authenticate'),
    body: (await res.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] },
  };
}

describe('an invalid bearer token', () => {
  it.each([
    ['a revoked token', () => `Bearer ${a.tokens.revoked}`],
    ['an unknown token', () => 'Bearer plg_not-a-token-anyone-was-given'],
    ['a malformed header', () => 'Basic dXNlcjpwYXNz'],
  ])('%s is refused on a read with 401 UNAUTHENTICATED and WWW-Authenticate: Bearer', async (_, header) => {
    const res = await raw(app.url, header());
    expect(res.status).toBe(401);
    expect(res.wwwAuthenticate).toMatch(/^Bearer /);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.body.errors?.[0].message).toMatch(/unknown, revoked or malformed/);
  });

  it('is refused over GET too', async () => {
    const res = await fetch(`${app.url}?query=${encodeURIComponent(READ)}`, {
      headers: { authorization: `Bearer ${a.tokens.revoked}`, 'apollo-require-preflight': 'true' },
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
  });

  it('does not change anonymous and valid-token reads', async () => {
    const anonymous = await raw(app.url, undefined);
    expect(anonymous.status).toBe(200);
    expect(anonymous.body.errors).toBeUndefined();
    const valid = await raw(app.url, `Bearer ${a.tokens.editor}`);
    expect(valid.status).toBe(200);
    expect(valid.body.errors).toBeUndefined();
  });
});

describe('the rate-limit cost of a 401', () => {
  it(`is ${INVALID_TOKEN_UNITS} units of the address budget, whatever the operation; a spent address gets 429`, async () => {
    const budget = 3 * INVALID_TOKEN_UNITS;
    const limited = await startTestApp(app.db, { rateLimit: { perAddress: budget, perToken: 1_000_000 } });
    try {
      // An operation that would cost far more than the budget if it ran: the 401 costs the fixed units only.
      const dear = '{ plans { code policies(first: 100) { nodes { code } } } }';
      const statuses: number[] = [];
      for (let i = 0; i < 4; i += 1) statuses.push((await raw(limited.url, `Bearer plg_guess-${i}`, dear)).status);
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      await limited.server.stop();
    }
  });
});
