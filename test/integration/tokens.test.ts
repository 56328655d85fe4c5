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

describe('token administration over the API (admins only)', () => {
  const CREATE = `mutation ($input: CreateApiTokenInput!) {
    createApiToken(input: $input) { token apiToken { id name role revokedAt measures { id title } } }
  }`;
  const LIST = '{ apiTokens { id name role revokedAt measures { title } } }';
  const REVOKE = 'mutation ($id: ID!) { revokeApiToken(id: $id) { id revokedAt } }';
  type Created = {
    createApiToken: {
      token: string;
      apiToken: {
        id: string;
        name: string;
        role: string;
        revokedAt: string | null;
        measures: { id: string; title: string }[];
      };
    };
  };

  async function measureId(title: string): Promise<string> {
    const res = await app.gql<{ plan: { policies: { measures: { id: string; title: string }[] }[] } }>(
      '{ plan(code: "arakawa") { policies { measures { id title } } } }',
    );
    return res.data!.plan.policies.flatMap((p) => p.measures).find((m) => m.title === title)!.id;
  }
  const tokenCount = async () => Number((await app.db.dataSource.query('SELECT count(*) AS n FROM api_token'))[0].n);

  it('creates an editor token limited to measures, shown once; it works; revoking makes it a 401', async () => {
    const zaisei = await measureId('健全な財政運営');
    const res = await app.gqlAs<Created>(a.tokens.admin, CREATE, {
      input: { role: 'EDITOR', name: '財政課', measureIds: [zaisei] },
    });
    expect(res.errors).toBeUndefined();
    const created = res.data!.createApiToken;
    expect(created.token).toMatch(/^plg_/);
    expect(created.apiToken).toMatchObject({ name: '財政課', role: 'EDITOR', revokedAt: null });
    expect(created.apiToken.measures).toEqual([{ id: zaisei, title: '健全な財政運営' }]);
    const [row] = (await app.db.dataSource.query('SELECT token_hash FROM api_token WHERE id = $1', [
      Number(created.apiToken.id),
    ])) as { token_hash: string }[];
    expect(row.token_hash).not.toContain(created.token);

    expect((await app.gqlAs(created.token, READ)).status).toBe(200);
    const list = await app.gqlAs<{ apiTokens: { id: string; name: string; role: string }[] }>(a.tokens.admin, LIST);
    expect(list.data!.apiTokens.find((t) => t.id === created.apiToken.id)).toMatchObject({ role: 'EDITOR' });

    const revoked = await app.gqlAs<{ revokeApiToken: { revokedAt: string | null } }>(a.tokens.admin, REVOKE, {
      id: created.apiToken.id,
    });
    expect(revoked.data!.revokeApiToken.revokedAt).not.toBeNull();
    expect((await app.gqlAs(created.token, READ)).status).toBe(401);
    const again = await app.gqlAs(a.tokens.admin, REVOKE, { id: created.apiToken.id });
    expect(again.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses non-admins: anonymous UNAUTHENTICATED, editor and approver FORBIDDEN; nothing written', async () => {
    const before = await tokenCount();
    const input = { role: 'ADMIN', name: 'sneaky' };
    expect((await app.gql(CREATE, { input })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await app.gqlAs(a.tokens.editor, CREATE, { input })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await app.gqlAs(a.tokens.approver, CREATE, { input })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await app.gqlAs(a.tokens.approver, LIST)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await app.gqlAs(a.tokens.editor, REVOKE, { id: '1' })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await tokenCount()).toBe(before);
  });

  it.each([
    ['an editor without measureIds', { role: 'EDITOR', name: 'x' }, /needs measureIds/],
    [
      'an unknown measure',
      { role: 'EDITOR', name: 'x', measureIds: ['TWVhc3VyZTo5OTk5OTk='] },
      /No measure|not a Measure/,
    ],
    ['a forged measure id', { role: 'EDITOR', name: 'x', measureIds: ['nonsense'] }, /not a Measure.id/],
    ['measures on an approver', { role: 'APPROVER', name: 'x', measureIds: ['TWVhc3VyZTox'] }, /Only editor/],
    ['an empty name', { role: 'ADMIN', name: '  ' }, /name of 1 to 100/],
    [
      'measureIds with allMeasures',
      { role: 'EDITOR', name: 'x', measureIds: ['TWVhc3VyZTox'], allMeasures: true },
      /not both/,
    ],
  ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_, input, message) => {
    const before = await tokenCount();
    const res = await app.gqlAs(a.tokens.admin, CREATE, { input });
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].message).toMatch(message);
    expect(await tokenCount()).toBe(before);
  });

  it('creates an editor on every measure with allMeasures: true, as the CLI does without --measure', async () => {
    const res = await app.gqlAs<Created>(a.tokens.admin, CREATE, {
      input: { role: 'EDITOR', name: '全施策', allMeasures: true },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.createApiToken.apiToken).toMatchObject({ role: 'EDITOR', measures: [] });
    const [row] = (await app.db.dataSource.query(
      'SELECT count(*)::int AS n FROM api_token_measure WHERE token_id = $1',
      [Number(res.data!.createApiToken.apiToken.id)],
    )) as { n: number }[];
    expect(row.n).toBe(0);
  });
});
