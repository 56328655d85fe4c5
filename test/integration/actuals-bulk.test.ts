import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toGlobalId } from 'graphql-relay';
import { parsePlanDocument } from '../../src/import/parse-plan';
import { writePlan } from '../../src/import/writer';
import { createToken } from '../../src/services/auth';
import { startTestApp, type TestApp } from '../support/app';
import { RECORD, setUpActuals, type Actuals } from '../support/actuals';
import { scalePlan } from '../support/scale-plan';

// importActuals at scale: a fixed number of SQL statements whatever the row count, an event loop that
// keeps serving /healthz during a large dry run, and rows written exactly as recordActual writes them.

/** recordActual's conflict sentences as the CSV import words them. */
function csvWording(message: string): string {
  return message
    .replace(/pass expectedRevision: (\d+) to revise it/, 'put $1 in expected_revision to revise it')
    .replace(
      /but expectedRevision (\d+) was given: reload and try again/,
      'but expected_revision $1 was given: leave it empty for a new actual, or reload and try again',
    );
}

let app: TestApp;
let a: Actuals;

const PLAN = 'arakawa-x16';
const IMPORT = `mutation($csv: String!, $dryRun: Boolean) { importActuals(csv: $csv, dryRun: $dryRun) {
  dryRun applied rows created revised unchanged errors { line column code message } } }`;

interface Report {
  applied: boolean;
  rows: number;
  created: number;
  revised: number;
  unchanged: number;
  errors: { line: number; column: string | null; code: string; message: string }[];
}

/** Indicator ids of the scaled plan by name (copy c ≥ 1 of 「X」 is named 「X (c+1)」). */
let ids: Map<string, number>;
/** One row per indicator of copies 3 and up and fiscal year, each with a value that fits (5,000 or more). */
let bulkRows: string[];

const same = (name: string) => name.normalize('NFKC').replace(/\s/g, '');

function id(name: string, copy: number): number {
  const found = ids.get(same(copy === 0 ? name : `${name} (${copy + 1})`));
  if (found === undefined) throw new Error(`no indicator ${name} in copy ${copy}`);
  return found;
}

const gid = (n: number) => toGlobalId('Indicator', String(n));

async function importCsv(csv: string, dryRun: boolean, token = a.tokens.editor) {
  const res = await app.gqlAs<{ importActuals: Report }>(token, IMPORT, { csv, dryRun });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return { report: res.data!.importActuals, statements: res.extensions!.sqlStatements! };
}

const csvOf = (rows: string[]) => ['indicator_id,fiscal_year,value,note', ...rows].join('\n');

beforeAll(async () => {
  // Bodies of 5,000 rows are over the default 100 kB limit; the limit is not what is tested here.
  app = await startTestApp(undefined, { limits: { bodyBytes: 1_000_000 } });
  a = await setUpActuals(app);
  const text = readFileSync(join(__dirname, '..', '..', 'seeds', 'arakawa-plan-chapter7.txt'), 'utf8');
  await app.db.dataSource.transaction((m) =>
    writePlan(m, scalePlan(parsePlanDocument(text), 16), { code: PLAN, name: 'x16', sha256: '0'.repeat(64) }),
  );
  const rows = (await app.db.dataSource.query(
    `SELECT i.id, i.name FROM indicator i JOIN plan p ON p.id = i.plan_id WHERE p.code = $1 ORDER BY i.id`,
    [PLAN],
  )) as { id: number; name: string }[];
  ids = new Map(rows.map((r) => [same(r.name), r.id]));
  const firstCopies = rows.length / 16;
  const cells = (await app.db.dataSource.query(
    `SELECT DISTINCT ON (t.indicator_id) t.indicator_id, t.value_kind, t.value_number, t.value_unit, t.value_text
       FROM target t WHERE t.indicator_id = ANY($1) AND t.value_kind <> 'MAINTAIN'
      ORDER BY t.indicator_id, t.fiscal_year`,
    [rows.slice(3 * firstCopies).map((r) => r.id)],
  )) as {
    indicator_id: number;
    value_kind: string;
    value_number: number;
    value_unit: string | null;
    value_text: string;
  }[];
  bulkRows = [2021, 2022, 2023, 2024, 2025, 2026, 2020].flatMap((year) =>
    cells.map((c) => {
      const value = c.value_kind === 'STATUS' ? c.value_text : `${c.value_number}${c.value_unit ?? ''}`;
      return `${gid(c.indicator_id)},${year},"${value}",bulk`;
    }),
  );
  expect(bulkRows.length).toBeGreaterThanOrEqual(5000);
});
afterAll(async () => {
  await app?.close();
});

describe('importActuals at scale', () => {
  it('checks 5,000 rows with as many SQL statements as 50, and writes 500 rows with as many as 50', async () => {
    const small = await importCsv(csvOf(bulkRows.slice(0, 50)), true);
    const large = await importCsv(csvOf(bulkRows.slice(0, 5000)), true);
    expect(small.report).toMatchObject({ rows: 50, created: 50, errors: [] });
    expect(large.report).toMatchObject({ rows: 5000, created: 5000, errors: [] });
    // Indicators with their plans, targets, and current actuals (one `= ANY($1)` each); the token is checked
    // before the request's statements are counted.
    expect(small.statements).toBe(3);
    expect(large.statements).toBe(small.statements);

    const before = await a.revisionCount();
    const write50 = await importCsv(csvOf(bulkRows.slice(0, 50)), false);
    const write500 = await importCsv(csvOf(bulkRows.slice(50, 550)), false);
    expect(write50.report).toMatchObject({ applied: true, created: 50, errors: [] });
    expect(write500.report).toMatchObject({ applied: true, created: 500, errors: [] });
    expect(await a.revisionCount()).toBe(before + 550);
    // + START TRANSACTION, the lock, the new actuals, their revisions, their events (outbox), COMMIT.
    expect(write50.statements).toBe(9);
    expect(write500.statements).toBe(write50.statements);
  });

  it('keeps /healthz answering during a dry run of a ~100 kB file', async () => {
    const csv = csvOf(bulkRows.slice(1000, 3400));
    expect(Buffer.byteLength(csv)).toBeGreaterThan(95_000);
    const latencies: number[] = [];
    let done = false;
    const probe = (async () => {
      // Counted from when the probe was due, so late timers (a blocked event loop) count too.
      let due = performance.now();
      while (!done) {
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
        const res = await fetch(app.url.replace(/\/graphql$/, '/healthz'));
        expect(res.status).toBe(200);
        await res.arrayBuffer();
        latencies.push(performance.now() - due);
        due = performance.now() + 5;
      }
    })();
    const { report } = await importCsv(csv, true);
    done = true;
    await probe;
    expect(report).toMatchObject({ rows: 2400, errors: [] });
    expect(latencies.length).toBeGreaterThan(0);
    expect(Math.max(...latencies)).toBeLessThan(250);
  });
});

describe('importActuals writes what recordActual writes', () => {
  const P = '経常収支比率';
  const Q = '区政に関心がある区民の割合';
  const H = 'ホームページ訪問回数 (月平均)';
  const S = 'ホームページ等による情報提供';

  async function recordOk(token: string, indicator: number, fiscalYear: number, value: string, extra = {}) {
    const res = await app.gqlAs<{ recordActual: { id: string } }>(token, RECORD, {
      input: { indicatorId: gid(indicator), fiscalYear, value, ...extra },
    });
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.recordActual.id;
  }

  /** The same starting point in two copies of the plan: a draft, an approved actual, a draft with a note. */
  async function prepare(copy: number) {
    await recordOk(a.tokens.editor, id(P, copy), 2021, '88.0%');
    const approved = await recordOk(a.tokens.editor, id(P, copy), 2022, '87.0%');
    await a.move(a.tokens.editor, 'submitActual', approved);
    await a.move(a.tokens.approver, 'approveActual', approved);
    await recordOk(a.tokens.editor, id(Q, copy), 2021, '54.0%', { note: 'n' });
  }

  interface Row {
    indicator: number;
    fiscalYear: number;
    value: string;
    note: string | null;
    expectedRevision: number | null;
  }

  /** The rows of a file, as recordActual input. */
  const input = (copy: number): Row[] => [
    { indicator: id(P, copy), fiscalYear: 2021, value: '87.5%', note: '見直し', expectedRevision: 1 },
    { indicator: id(P, copy), fiscalYear: 2022, value: '86.0%', note: null, expectedRevision: 3 },
    { indicator: id(Q, copy), fiscalYear: 2021, value: '54.0%', note: 'n', expectedRevision: null },
    { indicator: id(Q, copy), fiscalYear: 2022, value: '55.0%', note: '世論調査', expectedRevision: null },
    { indicator: id(H, copy), fiscalYear: 2021, value: '35万回', note: null, expectedRevision: 0 },
    { indicator: id(S, copy), fiscalYear: 2021, value: '実施', note: 'a, "quoted" note', expectedRevision: null },
  ];

  function toCsv(rows: Row[]): string {
    const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
    return [
      'indicator_id,fiscal_year,value,note,expected_revision',
      ...rows.map((r) =>
        [gid(r.indicator), r.fiscalYear, quote(r.value), quote(r.note ?? ''), r.expectedRevision ?? ''].join(','),
      ),
    ].join('\n');
  }

  /** Everything stored for a copy's actuals, ids and times left out, indicators by their name in copy 0. */
  async function stored(copy: number) {
    const suffix = ` (${copy + 1})`;
    const rows = (await app.db.dataSource.query(
      `SELECT i.name, a.fiscal_year, a.revision AS current, a.status AS current_status, a.approved_revision,
              a.plan_id, r.revision, r.action, r.status, r.value_raw, r.value_kind, r.value_number, r.value_unit,
              r.value_comparator, r.value_text, r.value_note, r.note, r.reason, r.actor, r.actor_token_id,
              r.recorded_by, r.recorded_by_token_id
         FROM actual a JOIN indicator i ON i.id = a.indicator_id JOIN actual_revision r ON r.actual_id = a.id
        WHERE a.indicator_id = ANY($1)
        ORDER BY i.position, i.name, a.fiscal_year, r.revision`,
      [[P, Q, H, S].map((n) => id(n, copy))],
    )) as { name: string }[];
    return rows.map((r) => ({ ...r, name: r.name.replace(suffix, '') }));
  }

  it('stores the same rows, revision history and audit fields as recordActual row by row', async () => {
    await prepare(1);
    await prepare(2);
    const started = Date.now();
    expect((await importCsv(toCsv(input(1)), true)).report).toMatchObject({
      applied: false,
      created: 3,
      revised: 2,
      unchanged: 1,
      errors: [],
    });
    expect((await importCsv(toCsv(input(1)), false)).report).toMatchObject({
      applied: true,
      created: 3,
      revised: 2,
      unchanged: 1,
      errors: [],
    });
    for (const row of input(2)) {
      if (row.value === '54.0%') continue; // the unchanged row: importActuals does not record it
      await recordOk(a.tokens.editor, row.indicator, row.fiscalYear, row.value, {
        note: row.note,
        expectedRevision: row.expectedRevision,
      });
    }
    const viaCsv = await stored(1);
    expect(viaCsv.length).toBe(10);
    expect(viaCsv).toEqual(await stored(2));
    const [at] = (await app.db.dataSource.query(
      `SELECT min(r.at) AS first FROM actual_revision r JOIN actual a ON a.id = r.actual_id
        WHERE a.indicator_id = ANY($1) AND r.note IS DISTINCT FROM 'n' AND r.revision = a.revision`,
      [[P, Q, H, S].map((n) => id(n, 1))],
    )) as { first: Date }[];
    expect(new Date(at.first).getTime()).toBeGreaterThanOrEqual(started - 1000);

    // The importer is the recorder: it cannot approve what it imported; another approver can.
    const [actual] = (await app.db.dataSource.query(
      'SELECT id FROM actual WHERE indicator_id = $1 AND fiscal_year = 2022',
      [id(Q, 1)],
    )) as { id: number }[];
    const actualId = toGlobalId('Actual', String(actual.id));
    const adminCsv = await importCsv(
      toCsv([{ ...input(1)[3], value: '55.5%', expectedRevision: 1 }]),
      false,
      a.tokens.admin,
    );
    expect(adminCsv.report).toMatchObject({ applied: true, revised: 1 });
    await a.move(a.tokens.admin, 'submitActual', actualId);
    const self = await a.move(a.tokens.admin, 'approveActual', actualId);
    expect(self.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const ok = await a.move(a.tokens.approver, 'approveActual', actualId);
    expect(ok.data!.approveActual).toMatchObject({ status: 'APPROVED', revision: 4, approvedRevision: 4 });
  });

  it('fails every row that recordActual would refuse, with the same code and message', async () => {
    const copy = 1; // prepared by the test above
    const rows: Row[] = [
      { indicator: id(P, copy), fiscalYear: 2021, value: '87%', note: null, expectedRevision: 1 },
      { indicator: id(P, copy), fiscalYear: 2023, value: '88件', note: null, expectedRevision: null },
      { indicator: id(P, copy), fiscalYear: 2040, value: '88件', note: null, expectedRevision: null },
      { indicator: id(P, copy), fiscalYear: 2024, value: '※1', note: null, expectedRevision: null },
      { indicator: id(P, copy), fiscalYear: 2025, value: '実施', note: null, expectedRevision: null },
      { indicator: id(Q, copy), fiscalYear: 2023, value: '50%', note: 'x'.repeat(2001), expectedRevision: null },
      { indicator: id(Q, copy), fiscalYear: 2022, value: '56%', note: null, expectedRevision: null },
      { indicator: id(H, copy), fiscalYear: 2023, value: '1回', note: null, expectedRevision: 2 },
      { indicator: id(S, copy), fiscalYear: 2022, value: '50%', note: null, expectedRevision: null },
      { indicator: 99_999_999, fiscalYear: 2022, value: '50%', note: null, expectedRevision: null },
    ];
    const [zaisei] = (await app.db.dataSource.query(
      `SELECT m.id FROM measure m JOIN policy po ON po.id = m.policy_id JOIN plan p ON p.id = po.plan_id
        WHERE p.code = $1 AND m.title = '健全な財政運営 (2)'`,
      [PLAN],
    )) as { id: number }[];
    const scoped = (
      await createToken(app.db.dataSource, { role: 'editor', name: 'x16-zaisei', measureIds: [zaisei.id] })
    ).token;
    for (const token of [a.tokens.editor, scoped]) {
      const before = await a.revisionCount();
      const { report } = await importCsv(toCsv(rows), false, token);
      const expected: (string | number | null)[][] = [];
      for (const [i, row] of rows.entries()) {
        const res = await app.gqlAs(token, RECORD, {
          input: {
            indicatorId: gid(row.indicator),
            fiscalYear: row.fiscalYear,
            value: row.value,
            note: row.note,
            expectedRevision: row.expectedRevision,
          },
        });
        expect(res.errors).toBeDefined();
        const error = res.errors![0];
        const problems = (error.extensions?.problems ?? []) as { field: string; code: string; message: string }[];
        if (problems.length === 0) {
          // A CSV row's conflict names its column, in the CSV's words (expected_revision, not expectedRevision).
          const conflict = error.extensions!.code === 'CONFLICT';
          expected.push([
            i + 2,
            conflict ? 'expected_revision' : null,
            error.extensions!.code!,
            csvWording(error.message),
          ]);
        }
        for (const p of problems) {
          expected.push([i + 2, p.field === 'fiscalYear' ? 'fiscal_year' : p.field, p.code, p.message]);
        }
      }
      expect(report.errors.map((e) => [e.line, e.column, e.code, e.message])).toEqual(expected);
      expect(report).toMatchObject({ applied: false, created: 0, revised: 0 });
      expect(await a.revisionCount()).toBe(before);
      if (token === scoped) expect(report.errors.map((e) => e.code)).toContain('FORBIDDEN');
    }
  });

  it('lets exactly one of two concurrent imports of the same rows win; the other is CONFLICT and writes nothing', async () => {
    const copy = 1; // P in FY2021 is at revision 2 (the first test of this block)
    const file = (tenth: number) =>
      toCsv([
        { indicator: id(P, copy), fiscalYear: 2021, value: `86.${tenth}%`, note: null, expectedRevision: 2 },
        { indicator: id(Q, copy), fiscalYear: 2024, value: `56.${tenth}%`, note: null, expectedRevision: null },
      ]);
    const before = await a.revisionCount();
    const reports = await Promise.all([importCsv(file(1), false), importCsv(file(2), false, a.tokens.editor2)]);
    const won = reports.filter((r) => r.report.applied);
    const lost = reports.filter((r) => !r.report.applied);
    expect(won).toHaveLength(1);
    expect(won[0].report).toMatchObject({ created: 1, revised: 1, errors: [] });
    expect(lost).toHaveLength(1);
    expect(lost[0].report.errors.map((e) => [e.line, e.code])).toEqual([
      [2, 'CONFLICT'],
      [3, 'CONFLICT'],
    ]);
    expect(await a.revisionCount()).toBe(before + 2);
  });
});
