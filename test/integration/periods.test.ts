import { Client } from 'pg';
import { startTestApp, type TestApp } from '../support/app';
import { code, setUpActuals, type Actuals } from '../support/actuals';
import { databaseUrl, env } from '../support/database';

// Closing and reopening fiscal years: every kind of write to a closed year is PERIOD_CLOSED and writes
// nothing (also a write racing with the close), reopening allows them again; measure-level closings.

let app: TestApp;
let a: Actuals;

const YEAR_FIELDS = 'year closed closedAt closedBy history { action by reason measure { title } }';
const CLOSE = `mutation($year: Int!, $reason: String, $measureId: ID) {
  closeFiscalYear(planCode: "arakawa", fiscalYear: $year, reason: $reason, measureId: $measureId) { ${YEAR_FIELDS} } }`;
const REOPEN = `mutation($year: Int!, $reason: String!, $measureId: ID) {
  reopenFiscalYear(planCode: "arakawa", fiscalYear: $year, reason: $reason, measureId: $measureId) { ${YEAR_FIELDS} } }`;
const IMPORT = `mutation($csv: String!, $dryRun: Boolean) { importActuals(csv: $csv, dryRun: $dryRun) {
  applied created revised errors { line column code message } } }`;

interface YearOut {
  year: number;
  closed: boolean;
  closedAt: string | null;
  closedBy: string | null;
  history: { action: string; by: string; reason: string | null; measure: { title: string } | null }[];
}

function close(token: string, year: number, extra: Record<string, unknown> = {}) {
  return app.gqlAs<{ closeFiscalYear: YearOut }>(token, CLOSE, { year, ...extra });
}
function reopen(token: string, year: number, reason: string, extra: Record<string, unknown> = {}) {
  return app.gqlAs<{ reopenFiscalYear: YearOut }>(token, REOPEN, { year, reason, ...extra });
}

async function measureId(title: string): Promise<string> {
  const res = await app.gql<{ plan: { measures: { id: string; title: string }[] } }>(
    '{ plan(code: "arakawa") { measures { id title } } }',
  );
  return res.data!.plan.measures.find((m) => m.title === title)!.id;
}

async function actualCount(year: number): Promise<number> {
  const [row] = (await app.db.dataSource.query(
    'SELECT count(*)::int AS n FROM actual a JOIN actual_revision r ON r.actual_id = a.id WHERE a.fiscal_year = $1',
    [year],
  )) as { n: number }[];
  return row.n;
}

beforeAll(async () => {
  app = await startTestApp();
  a = await setUpActuals(app);
});
afterAll(async () => {
  await app?.close();
});

describe('closing a fiscal year for the whole plan', () => {
  let draftId: string;
  let submittedId: string;

  beforeAll(async () => {
    draftId = (await a.record(a.tokens.editor, '経常収支比率', 2022, '90.0%')).data!.recordActual.id;
    submittedId = (await a.record(a.tokens.editor, '実質公債費比率', 2022, '4.0%')).data!.recordActual.id;
    expect((await a.move(a.tokens.editor, 'submitActual', submittedId)).errors).toBeUndefined();
  });

  it('is for approvers and admins: anonymous is UNAUTHENTICATED, an editor FORBIDDEN', async () => {
    expect(code(await app.gql(CLOSE, { year: 2022 }))).toBe('UNAUTHENTICATED');
    expect(code(await close(a.tokens.editor, 2022))).toBe('FORBIDDEN');
    expect(code(await close(a.tokens.approver, 1999))).toBe('BAD_USER_INPUT');
  });

  it('closes the year, with who, when and why, and the history', async () => {
    const res = await close(a.tokens.approver, 2022, { reason: '決算確定' });
    expect(res.errors).toBeUndefined();
    expect(res.data!.closeFiscalYear).toMatchObject({
      year: 2022,
      closed: true,
      closedBy: 'approver-a',
      history: [{ action: 'CLOSED', by: 'approver-a', reason: '決算確定', measure: null }],
    });
    expect(Date.parse(res.data!.closeFiscalYear.closedAt!)).toBeGreaterThan(Date.now() - 60_000);
    const years = await app.gql<{ plan: { fiscalYears: { year: number; closed: boolean }[] } }>(
      '{ plan(code: "arakawa") { fiscalYears { year closed } } }',
    );
    expect(years.data!.plan.fiscalYears.filter((y) => y.closed).map((y) => y.year)).toEqual([2022]);
  });

  it('refuses closing it again with a CONFLICT', async () => {
    const again = await close(a.tokens.admin, 2022);
    expect(code(again)).toBe('CONFLICT');
    expect(again.errors![0].message).toMatch(/already closed/);
  });

  it('refuses every write of its actuals with PERIOD_CLOSED and writes nothing', async () => {
    const before = await a.revisionCount();
    const attempts = [
      await a.record(a.tokens.editor, '区政に関心がある区民の割合', 2022, '55.0%'),
      await a.record(a.tokens.editor, '経常収支比率', 2022, '89.0%', { expectedRevision: 1 }),
      await a.move(a.tokens.editor, 'submitActual', draftId),
      await a.move(a.tokens.approver, 'approveActual', submittedId),
      await a.move(a.tokens.approver, 'returnActual', submittedId, '数値を確認してください'),
    ];
    for (const res of attempts) {
      expect(code(res)).toBe('PERIOD_CLOSED');
      expect(res.errors![0].extensions).toMatchObject({ fiscalYear: 2022 });
      expect(res.errors![0].message).toMatch(/FY2022 is closed/);
    }
    expect(await a.revisionCount()).toBe(before);
    // Other years are open.
    expect((await a.record(a.tokens.editor, '区政に関心がある区民の割合', 2021, '55.0%')).errors).toBeUndefined();
  });

  it('refuses CSV rows for the closed year row by row, in the dry run and the real run, writing nothing', async () => {
    const csv = [
      'plan_code,indicator_name,fiscal_year,value,note',
      'arakawa,ツイッターの投稿回数,2021,"1,200回",',
      'arakawa,ツイッターの投稿回数,2022,"1,300回",',
    ].join('\n');
    const before = await a.revisionCount();
    for (const dryRun of [true, false]) {
      const res = await app.gqlAs<{ importActuals: { applied: boolean; errors: { line: number; code: string }[] } }>(
        a.tokens.editor,
        IMPORT,
        { csv, dryRun },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.importActuals.applied).toBe(false);
      expect(res.data!.importActuals.errors).toEqual([
        expect.objectContaining({ line: 3, column: 'fiscal_year', code: 'PERIOD_CLOSED' }),
      ]);
    }
    expect(await a.revisionCount()).toBe(before);
  });

  it('is reopened by an admin only, with a reason; then writes go through again', async () => {
    expect(code(await reopen(a.tokens.approver, 2022, '訂正'))).toBe('FORBIDDEN');
    expect(code(await reopen(a.tokens.admin, 2022, '  '))).toBe('BAD_USER_INPUT');
    const res = await reopen(a.tokens.admin, 2022, '監査の指摘で訂正');
    expect(res.errors).toBeUndefined();
    expect(res.data!.reopenFiscalYear).toMatchObject({
      year: 2022,
      closed: false,
      closedAt: null,
      closedBy: null,
      history: [
        { action: 'CLOSED', by: 'approver-a', reason: '決算確定' },
        { action: 'REOPENED', by: 'admin-a', reason: '監査の指摘で訂正' },
      ],
    });
    expect(code(await reopen(a.tokens.admin, 2022, 'もう一度'))).toBe('CONFLICT');
    expect((await a.move(a.tokens.editor, 'submitActual', draftId)).errors).toBeUndefined();
    expect((await a.move(a.tokens.approver, 'approveActual', submittedId)).data!.approveActual.status).toBe('APPROVED');
  });
});

describe('closing a fiscal year for one measure', () => {
  it('refuses the measure’s indicators (directly and through its projects), not the others', async () => {
    const zaisei = await measureId('健全な財政運営');
    const res = await close(a.tokens.approver, 2023, { measureId: zaisei, reason: '財政課 完了' });
    expect(res.errors).toBeUndefined();
    // The year stays open for the plan as a whole; the history names the measure.
    expect(res.data!.closeFiscalYear).toMatchObject({
      closed: false,
      history: [{ action: 'CLOSED', measure: { title: '健全な財政運営' } }],
    });
    expect(code(await close(a.tokens.approver, 2023, { measureId: zaisei }))).toBe('CONFLICT');
    const before = await actualCount(2023);
    expect(code(await a.record(a.tokens.editor, '経常収支比率', 2023, '91.0%'))).toBe('PERIOD_CLOSED');
    expect(code(await a.record(a.tokens.editor, 'その他の主な自主財源（額）', 2023, '150,000 千円'))).toBe(
      'PERIOD_CLOSED',
    );
    expect(await actualCount(2023)).toBe(before);
    expect((await a.record(a.tokens.editor, 'フェイスブックの投稿回数', 2023, '700回')).errors).toBeUndefined();

    expect(code(await reopen(a.tokens.admin, 2023, '訂正'))).toBe('CONFLICT'); // not closed plan-wide
    expect((await reopen(a.tokens.admin, 2023, '訂正', { measureId: zaisei })).errors).toBeUndefined();
    expect((await a.record(a.tokens.editor, '経常収支比率', 2023, '91.0%')).errors).toBeUndefined();
  });

  it('refuses an unknown measure and a measure ID of another type', async () => {
    expect(
      code(await close(a.tokens.approver, 2023, { measureId: Buffer.from('Measure:999999').toString('base64') })),
    ).toBe('NOT_FOUND');
    expect(code(await close(a.tokens.approver, 2023, { measureId: await a.indicatorId('経常収支比率') }))).toBe(
      'BAD_USER_INPUT',
    );
  });
});

describe('a write racing with the close', () => {
  it('either commits before the close or gets PERIOD_CLOSED and writes nothing (concurrent requests)', async () => {
    const names = [
      '区政に関心がある区民の割合',
      '経常収支比率',
      '実質公債費比率',
      'ツイッターの投稿回数',
      'フェイスブックの投稿回数',
    ];
    const before = await actualCount(2024);
    const ids = await Promise.all(names.map((n) => a.indicatorId(n)));
    const [closing, ...writes] = await Promise.all([
      close(a.tokens.approver, 2024),
      ...names.map((n) => a.record(a.tokens.editor, n, 2024, n.includes('回数') ? '100回' : '50.0%')),
    ]);
    expect(closing.errors).toBeUndefined();
    let committed = 0;
    for (const res of writes) {
      if (res.errors) expect(code(res)).toBe('PERIOD_CLOSED');
      else committed += 1;
    }
    // Exactly the writes that answered with an actual are stored; nothing else.
    expect(await actualCount(2024)).toBe(before + committed);
    const [stored] = (await app.db.dataSource.query(
      'SELECT count(*)::int AS n FROM actual WHERE fiscal_year = 2024 AND indicator_id = ANY($1)',
      [ids.map((id) => Number(Buffer.from(id, 'base64').toString().split(':')[1]))],
    )) as { n: number }[];
    expect(stored.n).toBe(committed);
    // After the close, nothing gets in.
    expect(code(await a.record(a.tokens.editor, 'ホームページ訪問回数 (月平均)', 2024, '340,000回'))).toBe(
      'PERIOD_CLOSED',
    );
  });

  if (env.serverUrl) {
    // Deterministic interleaving on the server: a closing transaction holds the year's row while a
    // recordActual is in flight; the write waits in the database and is refused once the close commits.
    it('refuses a write that was already in flight when the close committed (PostgreSQL server)', async () => {
      const client = new Client({ connectionString: databaseUrl(env.serverUrl!, app.db.name!) });
      await client.connect();
      try {
        const [{ id: planId }] = (await app.db.dataSource.query(`SELECT id FROM plan WHERE code = 'arakawa'`)) as {
          id: number;
        }[];
        const draft = (await a.record(a.tokens.editor, '実質公債費比率', 2025, '4.1%')).data!.recordActual.id;
        const before = await actualCount(2025);
        await client.query('BEGIN');
        await client.query('SELECT 1 FROM plan_fiscal_year WHERE plan_id = $1 AND year = 2025 FOR UPDATE', [planId]);
        await client.query(
          `INSERT INTO fiscal_year_closing (plan_id, fiscal_year, closed_by) VALUES ($1, 2025, 'race-test')`,
          [planId],
        );
        // A new actual (its foreign key to the year's row waits too) and a submit (an UPDATE: only the
        // trigger's FOR SHARE makes it wait).
        const inFlight = [
          a.record(a.tokens.editor, '経常収支比率', 2025, '92.0%'),
          a.move(a.tokens.editor, 'submitActual', draft),
        ];
        // Wait until both writes are blocked on the year's row.
        let waiting = 0;
        for (let i = 0; i < 200 && waiting < 2; i += 1) {
          await new Promise((resolve) => setTimeout(resolve, 25));
          const { rows } = await client.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
          );
          waiting = rows[0].n;
        }
        expect(waiting).toBe(2);
        await client.query('COMMIT');
        for (const res of await Promise.all(inFlight)) expect(code(res)).toBe('PERIOD_CLOSED');
        expect(await actualCount(2025)).toBe(before);
      } finally {
        await client.end();
      }
    });

    it('fails a CSV import in flight when the close commits, writing none of its rows (PostgreSQL server)', async () => {
      const client = new Client({ connectionString: databaseUrl(env.serverUrl!, app.db.name!) });
      await client.connect();
      try {
        const [{ id: planId }] = (await app.db.dataSource.query(`SELECT id FROM plan WHERE code = 'arakawa'`)) as {
          id: number;
        }[];
        const before = await a.revisionCount();
        await client.query('BEGIN');
        await client.query('SELECT 1 FROM plan_fiscal_year WHERE plan_id = $1 AND year = 2021 FOR UPDATE', [planId]);
        await client.query(
          `INSERT INTO fiscal_year_closing (plan_id, fiscal_year, closed_by) VALUES ($1, 2021, 'race-test')`,
          [planId],
        );
        const csv = ['plan_code,indicator_name,fiscal_year,value,note', 'arakawa,経常収支比率,2021,88.0%,'].join('\n');
        const inFlight = app.gqlAs(a.tokens.editor, IMPORT, { csv, dryRun: false });
        let waiting = 0;
        for (let i = 0; i < 200 && waiting < 1; i += 1) {
          await new Promise((resolve) => setTimeout(resolve, 25));
          const { rows } = await client.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
          );
          waiting = rows[0].n;
        }
        expect(waiting).toBe(1);
        await client.query('COMMIT');
        const res = await inFlight;
        expect(code(res)).toBe('PERIOD_CLOSED');
        expect(res.errors![0].extensions).toMatchObject({ fiscalYear: 2021 });
        expect(await a.revisionCount()).toBe(before);
      } finally {
        await client.end();
      }
    });

    it('lets a write that holds the year first commit before the close (PostgreSQL server)', async () => {
      const client = new Client({ connectionString: databaseUrl(env.serverUrl!, app.db.name!) });
      await client.connect();
      try {
        const [{ plan_id: planId, id: indicatorId }] = (await app.db.dataSource.query(
          `SELECT plan_id, id FROM indicator WHERE name = 'ツイッターの投稿回数'`,
        )) as { plan_id: number; id: number }[];
        await client.query('BEGIN');
        const {
          rows: [actual],
        } = await client.query<{ id: number }>(
          `INSERT INTO actual (plan_id, indicator_id, fiscal_year, revision, status) VALUES ($1, $2, 2026, 1, 'DRAFT') RETURNING id`,
          [planId, indicatorId],
        );
        await client.query(
          `INSERT INTO actual_revision (actual_id, revision, action, status, value_raw, value_kind, value_number, value_unit,
             value_comparator, actor, recorded_by) VALUES ($1, 1, 'RECORDED', 'DRAFT', '900回', 'QUANTITY', 900, '回', 'EQ', 'race', 'race')`,
          [actual.id],
        );
        let settled = false;
        const closing = close(a.tokens.approver, 2026).finally(() => (settled = true));
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(settled).toBe(false); // the close waits for the write
        await client.query('COMMIT');
        expect((await closing).data!.closeFiscalYear.closed).toBe(true);
        const [row] = (await app.db.dataSource.query(
          `SELECT a.id, c.closed_at > r.at AS after FROM actual a JOIN actual_revision r ON r.actual_id = a.id
             JOIN fiscal_year_closing c ON c.plan_id = a.plan_id AND c.fiscal_year = a.fiscal_year
            WHERE a.id = $1`,
          [actual.id],
        )) as { id: number; after: boolean }[];
        expect(row.after).toBe(true);
      } finally {
        await client.end();
      }
    });
  }
});
