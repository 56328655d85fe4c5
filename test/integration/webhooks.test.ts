import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type Database } from '../../src/db/data-source';
import { createSchema } from '../../src/graphql/schema';
import { createLogger } from '../../src/logger';
import { startServer, type RunningServer } from '../../src/server';
import { createToken } from '../../src/services/auth';
import { emitFiscalYearEvent } from '../../src/services/events';
import { startDispatcher, type Dispatcher } from '../../src/services/webhook-dispatcher';
import { setUpActuals, type Actuals } from '../support/actuals';
import { startTestApp, type TestApp } from '../support/app';
import { connect, sleep, SUBSCRIBED_MS } from '../support/live';
import { Receiver, signedWith, until } from '../support/receiver';
import { openServerDatabase, type ServerDatabase } from '../support/server-database';

// Webhooks for report generators: admin-only registration, events from the outbox (written in the change's own
// transaction), signed POSTs retried with backoff while the receiver is down, each event delivered once per
// delivery id — with two dispatchers on one PostgreSQL, and across a server killed with kill -9.

const root = join(__dirname, '..', '..');
const SECRET = 'a-receiver-secret-of-some-length';
const FAST = { pollMs: 50, retryBaseMs: 100, retryMaxMs: 400, timeoutMs: 1_000 };

const CREATE = `mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { id url events planCode createdBy } }`;
const LIST = `{ webhooks { id url events deliveries { id eventId event status attempts lastStatusCode lastError nextAttemptAt deliveredAt } } }`;

interface Delivery {
  id: string;
  eventId: string;
  event: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
}

async function post(url: string, query: string, variables: Record<string, unknown>, token?: string) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as {
    data?: Record<string, { id?: string }>;
    errors?: { extensions?: { code?: string } }[];
  };
}

describe('webhooks on one server', () => {
  let app: TestApp;
  let a: Actuals;
  const receiver = new Receiver();

  beforeAll(async () => {
    app = await startTestApp(undefined, { webhooks: FAST });
    a = await setUpActuals(app);
  });
  afterAll(async () => {
    await receiver.down();
    await app?.close();
  });

  it('are registered, listed and deleted by admins only; http(s) URLs only; the secret is never returned', async () => {
    const input = {
      url: 'https://reports.example/hook',
      events: ['ACTUAL_APPROVED'],
      planCode: 'arakawa',
      secret: SECRET,
    };
    expect((await app.gql(CREATE, { input })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await app.gqlAs(a.tokens.approver, CREATE, { input })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await app.gqlAs(a.tokens.editor, LIST)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    for (const bad of [
      { ...input, url: 'ftp://reports.example/hook' },
      { ...input, url: 'file:///etc/passwd' },
      { ...input, url: 'not a url' },
      { ...input, secret: 'short' },
      { ...input, events: [] },
    ]) {
      expect((await app.gqlAs(a.tokens.admin, CREATE, { input: bad })).errors?.[0]?.extensions?.code).toBe(
        'BAD_USER_INPUT',
      );
    }
    const unknownPlan = await app.gqlAs(a.tokens.admin, CREATE, { input: { ...input, planCode: 'nowhere' } });
    expect(unknownPlan.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const created = await app.gqlAs<{ createWebhook: Record<string, unknown> }>(a.tokens.admin, CREATE, { input });
    expect(created.errors).toBeUndefined();
    expect(created.data?.createWebhook).toMatchObject({
      url: input.url,
      events: ['ACTUAL_APPROVED'],
      planCode: 'arakawa',
      createdBy: 'admin-a',
    });
    const secretAsked = await app.gqlAs(a.tokens.admin, '{ webhooks { secret } }');
    expect(secretAsked.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const id = created.data!.createWebhook.id as string;
    const del = 'mutation($id: ID!) { deleteWebhook(id: $id) }';
    expect((await app.gqlAs(a.tokens.editor, del, { id })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await app.gqlAs(a.tokens.admin, del, { id })).data).toEqual({ deleteWebhook: true });
    expect((await app.gqlAs(a.tokens.admin, del, { id })).data).toEqual({ deleteWebhook: false });
    expect((await app.gqlAs(a.tokens.admin, del, { id: '99999999999' })).errors?.[0]?.extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('a receiver that is down for a while receives every event afterwards, signed, once per delivery id', async () => {
    await receiver.up();
    await receiver.down(); // its port now refuses connections
    const created = await app.gqlAs<{ createWebhook: { id: string } }>(a.tokens.admin, CREATE, {
      input: {
        url: receiver.url,
        events: ['ACTUAL_RECORDED', 'ACTUAL_SUBMITTED', 'ACTUAL_APPROVED', 'ACTUAL_RETURNED'],
        planCode: 'arakawa',
        secret: SECRET,
      },
    });
    expect(created.errors).toBeUndefined();
    const approved = await a.approved('経常収支比率', 2021, '88.5%');

    const deliveries = async () =>
      (
        await app.gqlAs<{ webhooks: { id: string; deliveries: Delivery[] }[] }>(a.tokens.admin, LIST)
      ).data!.webhooks.find((w) => w.id === created.data!.createWebhook.id)!.deliveries;
    // Refused connections are retried with backoff, and the attempts are there for admins to see.
    const failing = await until('three retried deliveries', async () => {
      const list = await deliveries();
      return list.length === 3 && list.every((d) => d.attempts >= 2 && d.status === 'PENDING') && list;
    });
    expect(failing.map((d) => d.event)).toEqual(['ACTUAL_RECORDED', 'ACTUAL_SUBMITTED', 'ACTUAL_APPROVED']);
    expect(failing[0].lastError).toMatch(/ECONNREFUSED/);
    expect(failing[0].lastStatusCode).toBeNull();
    expect(failing[0].nextAttemptAt).not.toBeNull();

    // Up again, but busy (503) for its first two answers.
    let busy = 2;
    receiver.answer = () => (busy-- > 0 ? 'fail' : 'ok');
    await receiver.up();
    const done = await until('every delivery delivered', async () => {
      const list = await deliveries();
      return list.every((d) => d.status === 'DELIVERED') && list;
    });
    expect(done.every((d) => d.lastStatusCode === 200 && d.deliveredAt !== null && d.nextAttemptAt === null)).toBe(
      true,
    );

    const delivered = receiver.delivered();
    expect([...delivered.keys()].sort()).toEqual(done.map((d) => d.id).sort());
    expect([...delivered.values()].every((requests) => requests.length === 1)).toBe(true);
    expect(receiver.requests.filter((r) => r.answered === 503)).toHaveLength(2);
    for (const r of receiver.requests) expect(signedWith(SECRET, r.body, r.signature)).toBe(true);
    expect(signedWith('another-secret-entirely', receiver.requests[0].body, receiver.requests[0].signature)).toBe(
      false,
    );
    const approval = [...delivered.values()].map(([r]) => r).find((r) => r.event === 'ACTUAL_APPROVED')!;
    expect(approval.json).toMatchObject({
      deliveryId: approval.deliveryId,
      event: 'ACTUAL_APPROVED',
      planCode: 'arakawa',
      fiscalYear: 2021,
      actual: { id: approved.id, revision: approved.revision, status: 'APPROVED', value: '88.5%' },
    });

    // A change that rolls back (a CSV with a bad row writes nothing) queues nothing.
    const before = receiver.requests.length;
    const id = await a.indicatorId('経常収支比率');
    const csv = ['indicator_id,fiscal_year,value', `${id},2022,87.0%`, `${id},1999,87.0%`].join('\n');
    const res = await app.gqlAs<{ importActuals: { applied: boolean } }>(
      a.tokens.editor,
      'mutation($csv: String!) { importActuals(csv: $csv, dryRun: false) { applied } }',
      { csv },
    );
    expect(res.data?.importActuals.applied).toBe(false);
    await sleep(300);
    expect(await deliveries()).toHaveLength(3);
    expect(receiver.requests.length).toBe(before);
  }, 60_000);
});

describe('webhooks and subscriptions across processes on one PostgreSQL', () => {
  let database: ServerDatabase;
  let b: Database;
  let serverB: RunningServer;
  let out: string;
  const children = new Set<ChildProcess>();
  const receiver = new Receiver();
  const ADMIN = 'admin-token-for-the-kill-test';

  beforeAll(async () => {
    database = await openServerDatabase();
    b = await openDatabase({ databaseUrl: database.url });
    // A private build, so that a parallel test file's build of dist/ cannot interfere.
    out = join(root, '.test-cache', `webhooks-${process.pid}`);
    execFileSync(
      process.execPath,
      [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json', '--outDir', out],
      { cwd: root, stdio: 'inherit' },
    );
    mkdirSync(out, { recursive: true });
    symlinkSync(join(root, 'seeds'), join(out, 'seeds'));
  }, 180_000);

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await receiver.down();
    await serverB?.stop();
    await b?.close();
    await database?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  async function startA(): Promise<{ child: ChildProcess; url: string }> {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: database.url,
      PORT: '0',
      LOG_LEVEL: 'info',
      ADMIN_TOKEN: ADMIN,
      WEBHOOK_POLL_MS: '50',
      WEBHOOK_RETRY_BASE_MS: '100',
      WEBHOOK_RETRY_MAX_MS: '400',
      WEBHOOK_TIMEOUT_MS: '500',
    };
    delete env.NODE_ENV;
    const child = spawn(process.execPath, [join(out, 'src', 'main.js')], { cwd: root, env });
    children.add(child);
    child.once('exit', () => children.delete(child));
    let log = '';
    child.stdout.on('data', (d: Buffer) => (log += d.toString()));
    child.stderr.on('data', (d: Buffer) => (log += d.toString()));
    const url = await until('the server to listen', () => /listening on (http:\/\/\S+?)"/.exec(log)?.[1], 90_000);
    return { child, url };
  }

  it('two dispatchers on one PostgreSQL deliver each event once', async () => {
    const [{ id: planId }] = (await b.dataSource.query(`SELECT id FROM plan WHERE code = 'arakawa'`)) as {
      id: number;
    }[];
    const years = (
      (await b.dataSource.query('SELECT year FROM plan_fiscal_year WHERE plan_id = $1', [planId])) as {
        year: number;
      }[]
    ).map((r) => r.year);
    await receiver.up();
    receiver.answer = () => 'ok';
    const [{ id: webhookId }] = (await b.dataSource.query(
      `INSERT INTO webhook (url, plan_id, secret, created_by) VALUES ($1, $2, $3, 'test') RETURNING id`,
      [receiver.url, planId, SECRET],
    )) as { id: number }[];
    await b.dataSource.query(`INSERT INTO webhook_event (webhook_id, kind) VALUES ($1, 'FISCAL_YEAR_CLOSED')`, [
      webhookId,
    ]);
    const other = await openDatabase({ databaseUrl: database.url });
    const dispatchers: Dispatcher[] = [
      startDispatcher(b.dataSource, { ...FAST, batch: 3 }),
      startDispatcher(other.dataSource, { ...FAST, batch: 3 }),
    ];
    try {
      await b.dataSource.transaction(async (m) => {
        for (let i = 0; i < 40; i += 1) {
          await emitFiscalYearEvent(m, { kind: 'FISCAL_YEAR_CLOSED', planId, fiscalYear: years[i % years.length] });
        }
      });
      for (const d of dispatchers) d.wake();
      await until('40 deliveries', async () => {
        const [row] = (await b.dataSource.query(
          `SELECT count(*)::int AS n FROM webhook_delivery WHERE webhook_id = $1 AND status = 'DELIVERED'`,
          [webhookId],
        )) as { n: number }[];
        return row.n === 40;
      });
      await sleep(300);
      expect(receiver.requests).toHaveLength(40);
      expect(new Set(receiver.requests.map((r) => r.deliveryId)).size).toBe(40);
    } finally {
      await Promise.all(dispatchers.map((d) => d.stop()));
      await other.close();
      await b.dataSource.query('DELETE FROM webhook WHERE id = $1', [webhookId]);
    }
  }, 60_000);

  it('a subscriber on process B hears an approval made on process A; A killed with kill -9 mid-delivery delivers after restart', async () => {
    // Process B: this test process, serving subscriptions only (it delivers no webhooks).
    serverB = await startServer({
      schema: await createSchema(),
      db: b.dataSource,
      port: 0,
      log: createLogger('silent'),
      rateLimit: false,
      webhooks: false,
    });
    const editor = (await createToken(b.dataSource, { role: 'editor', name: 'kill-editor' })).token;
    const approver = (await createToken(b.dataSource, { role: 'approver', name: 'kill-approver' })).token;
    const a = await startA();

    receiver.requests.length = 0;
    receiver.answer = () => 'hang';
    const hook = await post(
      a.url,
      CREATE,
      { input: { url: receiver.url, events: ['ACTUAL_APPROVED'], planCode: 'arakawa', secret: SECRET } },
      ADMIN,
    );
    expect(hook.errors).toBeUndefined();

    const subscriber = connect(serverB.url);
    const heard = subscriber.subscribe<{ actualChanged: { kind: string; actual: { value: { raw: string } } } }>(
      'subscription { actualChanged(planCode: "arakawa") { kind actual { value { raw } } } }',
    );
    await sleep(SUBSCRIBED_MS);

    const [indicator] = (await b.dataSource.query(`SELECT id FROM indicator WHERE name = '経常収支比率'`)) as {
      id: number;
    }[];
    const { toGlobalId } = await import('graphql-relay');
    const recorded = await post(
      a.url,
      'mutation($input: RecordActualInput!) { recordActual(input: $input) { id } }',
      { input: { indicatorId: toGlobalId('Indicator', String(indicator.id)), fiscalYear: 2022, value: '86.0%' } },
      editor,
    );
    const actualId = recorded.data!.recordActual.id!;
    expect(
      (await post(a.url, 'mutation($id: ID!) { submitActual(id: $id) { id } }', { id: actualId }, editor)).errors,
    ).toBeUndefined();
    expect(
      (await post(a.url, 'mutation($id: ID!) { approveActual(id: $id) { id } }', { id: actualId }, approver)).errors,
    ).toBeUndefined();

    // Across processes: only PostgreSQL could have told B.
    const [event] = await heard.waitFor(1);
    expect(event.data?.actualChanged).toEqual({ kind: 'APPROVED', actual: { value: { raw: '86.0%' } } });
    await subscriber.close();

    // A is posting the approval to a receiver that does not answer: committed, not delivered. Kill it.
    const first = await until('the first attempt', () => receiver.requests[0]);
    a.child.kill('SIGKILL');
    await new Promise((r) => a.child.once('exit', r));
    const [pending] = (await b.dataSource.query(`SELECT status, attempts FROM webhook_delivery WHERE id = $1`, [
      first.deliveryId,
    ])) as { status: string; attempts: number }[];
    expect(pending).toEqual({ status: 'PENDING', attempts: 1 });

    receiver.answer = () => 'ok';
    await startA();
    await until(
      'the delivery after restart',
      async () =>
        (
          (await b.dataSource.query(`SELECT status FROM webhook_delivery WHERE id = $1`, [first.deliveryId])) as {
            status: string;
          }[]
        )[0]?.status === 'DELIVERED',
      30_000,
    );
    // The same delivery id again (the receiver never answered the first), and delivered exactly once.
    expect(receiver.requests.every((r) => r.deliveryId === first.deliveryId)).toBe(true);
    expect(receiver.requests.filter((r) => r.answered === 200)).toHaveLength(1);
    expect(receiver.requests.every((r) => r.body === first.body && signedWith(SECRET, r.body, r.signature))).toBe(true);
  }, 120_000);
});
