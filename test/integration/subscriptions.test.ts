import { toGlobalId } from 'graphql-relay';
import { emitFiscalYearEvent } from '../../src/services/events';
import { createToken, revokeToken } from '../../src/services/auth';
import { setUpActuals, type Actuals } from '../support/actuals';
import { startTestApp, type TestApp } from '../support/app';
import { connect, sleep, SUBSCRIBED_MS, type LiveClient } from '../support/live';

// Subscriptions over graphql-ws on the real server: who hears of what, the token checked at connection_init
// and again when revoked, the operation limits, and the events of the outbox (same transaction as the change).

let app: TestApp;
let a: Actuals;
let planId: number;
const clients: LiveClient[] = [];

const ACTUAL_CHANGED = `subscription($plan: String!, $measure: ID) {
  actualChanged(planCode: $plan, measureId: $measure) {
    id kind revision fiscalYear { year } actual { status revision value { raw } indicator { name } history { action } }
  } }`;

interface ActualChanged {
  actualChanged: {
    id: string;
    kind: string;
    revision: number;
    fiscalYear: { year: number };
    actual: {
      status: string;
      revision: number;
      value: { raw: string };
      indicator: { name: string };
      history: { action: string }[];
    };
  };
}

function live(token?: string): LiveClient {
  const c = connect(app.url, token);
  clients.push(c);
  return c;
}

beforeAll(async () => {
  app = await startTestApp(undefined, { authRecheckMs: 200 });
  a = await setUpActuals(app);
  [{ id: planId }] = (await app.db.dataSource.query(`SELECT id FROM plan WHERE code = 'arakawa'`)) as { id: number }[];
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});
afterAll(async () => {
  await app?.close();
});

describe('actualChanged', () => {
  it('an anonymous subscriber receives the approval with the approved value and no draft; a token holder every step', async () => {
    const anonymous = live().subscribe<ActualChanged>(ACTUAL_CHANGED, { plan: 'arakawa' });
    const editor = live(a.tokens.editor2).subscribe<ActualChanged>(ACTUAL_CHANGED, { plan: 'arakawa' });
    await sleep(SUBSCRIBED_MS);

    const approved = await a.approved('経常収支比率', 2021, '88.5%');
    const steps = await editor.waitFor(3);
    expect(steps.map((r) => r.data?.actualChanged.kind)).toEqual(['RECORDED', 'SUBMITTED', 'APPROVED']);
    expect(steps.map((r) => r.data?.actualChanged.revision)).toEqual([1, 2, 3]);
    expect(steps[0].data?.actualChanged.actual.indicator.name).toBe('経常収支比率');

    const [heard] = await anonymous.waitFor(1);
    expect(heard.errors).toBeUndefined();
    expect(heard.data?.actualChanged).toMatchObject({
      kind: 'APPROVED',
      revision: approved.revision,
      fiscalYear: { year: 2021 },
      actual: { status: 'APPROVED', value: { raw: '88.5%' }, history: [{ action: 'APPROVED' }] },
    });

    // A new draft of the approved actual: the token holder hears of it, the public does not.
    const draft = await a.record(a.tokens.editor, '経常収支比率', 2021, '89.0%', {
      expectedRevision: approved.revision,
    });
    expect(draft.errors).toBeUndefined();
    const [, , , redraft] = await editor.waitFor(4);
    expect(redraft.data?.actualChanged).toMatchObject({
      kind: 'RECORDED',
      actual: { status: 'DRAFT', value: { raw: '89.0%' } },
    });
    await sleep(300);
    expect(anonymous.results).toHaveLength(1);
  });

  it('a token limited to measures receives drafts of those measures only (and approvals of any)', async () => {
    const scoped = live(a.tokens.scoped).subscribe<ActualChanged>(ACTUAL_CHANGED, { plan: 'arakawa' });
    await sleep(SUBSCRIBED_MS);
    // 区政に関心がある区民の割合 is outside 健全な財政運営; 実質公債費比率 inside.
    expect((await a.record(a.tokens.editor, '区政に関心がある区民の割合', 2021, '50.0%')).errors).toBeUndefined();
    expect((await a.record(a.tokens.editor, '実質公債費比率', 2021, '4.0%')).errors).toBeUndefined();
    const [first] = await scoped.waitFor(1);
    expect(first.data?.actualChanged.actual.indicator.name).toBe('実質公債費比率');
    await sleep(300);
    expect(scoped.results).toHaveLength(1);
  });

  it('measureId narrows to one measure’s indicators', async () => {
    const [zaisei] = (await app.db.dataSource.query(`SELECT id FROM measure WHERE title = '健全な財政運営'`)) as {
      id: number;
    }[];
    const one = live(a.tokens.admin).subscribe<ActualChanged>(ACTUAL_CHANGED, {
      plan: 'arakawa',
      measure: toGlobalId('Measure', String(zaisei.id)),
    });
    await sleep(SUBSCRIBED_MS);
    expect((await a.record(a.tokens.editor, '区政に関心がある区民の割合', 2022, '51.0%')).errors).toBeUndefined();
    expect((await a.record(a.tokens.editor, '実質公債費比率', 2022, '4.1%')).errors).toBeUndefined();
    const [first] = await one.waitFor(1);
    expect(first.data?.actualChanged.actual.indicator.name).toBe('実質公債費比率');
    await sleep(300);
    expect(one.results).toHaveLength(1);
  });

  it('a CSV import announces every row it wrote (the bulk path, one statement of events)', async () => {
    const editor = live(a.tokens.admin).subscribe<ActualChanged>(ACTUAL_CHANGED, { plan: 'arakawa' });
    await sleep(SUBSCRIBED_MS);
    const ids = await Promise.all(['経常収支比率', '実質公債費比率'].map((n) => a.indicatorId(n)));
    const csv = ['indicator_id,fiscal_year,value', `${ids[0]},2023,87.0%`, `${ids[1]},2023,3.9%`].join('\n');
    const res = await app.gqlAs<{ importActuals: { applied: boolean } }>(
      a.tokens.editor,
      'mutation($csv: String!) { importActuals(csv: $csv, dryRun: false) { applied } }',
      { csv },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.importActuals.applied).toBe(true);
    const got = await editor.waitFor(2);
    expect(got.map((r) => [r.data?.actualChanged.kind, r.data?.actualChanged.fiscalYear.year])).toEqual([
      ['RECORDED', 2023],
      ['RECORDED', 2023],
    ]);
  });

  it('an unknown plan is NOT_FOUND', async () => {
    const sub = live().subscribe(ACTUAL_CHANGED, { plan: 'nowhere' });
    const [res] = await sub.waitFor(1);
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('fiscalYearChanged', () => {
  const FY = `subscription { fiscalYearChanged(planCode: "arakawa") { id kind fiscalYear { year label } measureId reason } }`;

  it('a committed closing reaches anonymous subscribers; a rolled-back one never does', async () => {
    const anonymous = live().subscribe<{ fiscalYearChanged: Record<string, unknown> }>(FY);
    await sleep(SUBSCRIBED_MS);
    await app.db.dataSource
      .transaction(async (m) => {
        await emitFiscalYearEvent(m, { kind: 'FISCAL_YEAR_CLOSED', planId, fiscalYear: 2022, reason: 'rolled back' });
        throw new Error('rollback');
      })
      .catch(() => undefined);
    await app.db.dataSource.transaction((m) =>
      emitFiscalYearEvent(m, { kind: 'FISCAL_YEAR_CLOSED', planId, fiscalYear: 2021, reason: '決算確定' }),
    );
    const [res] = await anonymous.waitFor(1);
    expect(res.data?.fiscalYearChanged).toMatchObject({
      kind: 'CLOSED',
      fiscalYear: { year: 2021, label: '令和3年度' },
      measureId: null,
      reason: '決算確定',
    });
    await sleep(300);
    expect(anonymous.results).toHaveLength(1);
  });
});

describe('connections', () => {
  it('an invalid token in connection_init closes the connection with 4403 Forbidden', async () => {
    const c = live('plg_not-a-token');
    c.subscribe(ACTUAL_CHANGED, { plan: 'arakawa' });
    expect(await c.waitForClose()).toBe(4403);
    const revoked = live(a.tokens.revoked);
    expect(await revoked.waitForClose()).toBe(4403);
  });

  it('a token revoked while connected: the connection is closed with 4403 and no event reaches it', async () => {
    const token = await createToken(app.db.dataSource, { role: 'editor', name: 'soon-revoked' });
    const c = live(token.token);
    const sub = c.subscribe<ActualChanged>(ACTUAL_CHANGED, { plan: 'arakawa' });
    await sleep(SUBSCRIBED_MS);
    await revokeToken(app.db.dataSource, token.id);
    expect(await c.waitForClose()).toBe(4403);
    expect((await a.record(a.tokens.editor, '実質公債費比率', 2020, '4.4%')).errors).toBeUndefined();
    await sleep(300);
    expect(sub.results).toHaveLength(0);
  });

  it('at most 50 subscriptions per connection', async () => {
    const c = live();
    const subs = Array.from({ length: 51 }, () => c.subscribe(ACTUAL_CHANGED, { plan: 'arakawa' }));
    const [refused] = await subs[50].waitFor(1);
    expect(refused.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(subs.slice(0, 50).every((s) => s.results.length === 0)).toBe(true);
  });

  it('operation limits apply to subscription documents; queries and mutations go over HTTP', async () => {
    const c = live();
    let deep = 'name';
    for (let i = 0; i < 6; i += 1) deep = `measures { outcomeIndicators { ${deep} } }`;
    const tooDeep = c.subscribe(
      `subscription { actualChanged(planCode: "arakawa") { actual { indicator { ${deep} } } } }`,
    );
    const [depth] = await tooDeep.waitFor(1);
    expect(depth.errors?.[0]?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'depth' });
    const query = c.subscribe('{ plans { code } }');
    const [refused] = await query.waitFor(1);
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    // Over plain HTTP a subscription is still refused.
    const http = await app.gql(`subscription { fiscalYearChanged(planCode: "arakawa") { kind } }`);
    expect(http.status).toBe(400);
    expect(http.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
  });
});
