import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importPlan } from '../../src/import/import-plan';
import type { IndicatorOverrides } from '../../src/import/plan-document';
import { setUpActuals, type Actuals } from '../support/actuals';
import { startTestApp, type TestApp } from '../support/app';
import { NEXT_TERM, nextTermText } from '../support/next-term';

const [oldName, newName] = NEXT_TERM.renamedIndicator;
const overrides: IndicatorOverrides = {
  lineage: {
    force: { [newName]: oldName },
    forbid: { '町会・自治会法人化数': '町会・自治会法人化数' },
    reasons: {
      [newName]: 'The survey question is the same; only the wording of the indicator changed.',
      '町会・自治会法人化数': 'From this term the count includes 自治会 registered as 認可地縁団体 only.',
    },
  },
};
const text = nextTermText();

let app: TestApp;
let actuals: Actuals;

function importNext(extra: Partial<Parameters<typeof importPlan>[1]> = {}) {
  return importPlan(app.db.dataSource, {
    code: 'arakawa-3',
    text,
    sourceName: 'arakawa-3.txt',
    previous: 'arakawa',
    overrides,
    ...extra,
  });
}

async function lineageCounts(): Promise<number[]> {
  const [row] = (await app.db.dataSource.query(
    `SELECT (SELECT count(*) FROM plan)::int AS plans, (SELECT count(*) FROM plan_change)::int AS changes,
       (SELECT count(*) FROM indicator WHERE predecessor_id IS NOT NULL)::int AS linked`,
  )) as { plans: number; changes: number; linked: number }[];
  return [row.plans, row.changes, row.linked];
}

beforeAll(async () => {
  app = await startTestApp();
  actuals = await setUpActuals(app);
  // First-term actuals of the indicator the next term renames: one approved, one still a draft.
  await actuals.approved(oldName, 2021, '56.1%');
  expect((await actuals.record(actuals.tokens.editor, oldName, 2022, '57.9%')).data?.recordActual.status).toBe('DRAFT');
});
afterAll(async () => {
  await app?.close();
});

const CHANGES = `{ plan(code: "arakawa-3") { code previous { code } changesFromPrevious { kind subjectType previousSubject newSubject description } } }`;
type Change = {
  kind: string;
  subjectType: string;
  previousSubject: string | null;
  newSubject: string | null;
  description: string;
};

describe('plan terms', () => {
  it('refuses an unknown --previous with a clear error and writes nothing', async () => {
    const before = await lineageCounts();
    await expect(importNext({ previous: 'no-such-plan' })).rejects.toMatchObject({
      code: 'UNKNOWN_PREVIOUS',
      message: expect.stringContaining('--previous "no-such-plan" names no other imported plan'),
    });
    expect(await lineageCounts()).toEqual(before);
  });

  it('imports the next term with lineage, and warns of what it cannot match with the closest candidates', async () => {
    const result = await importNext();
    expect(result.status).toBe('created');
    const [, projectOld, projectNew] = ['', ...NEXT_TERM.renamedProject];
    expect(result.warnings).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^Project 「${projectNew}」 continues nothing of the previous term; closest candidates: .*「${projectOld}」`,
        ),
      ),
    );
    // The forbidden pair leaves the indicator unmatched, and the warning names the forbidden one as a candidate.
    expect(result.warnings).toContainEqual(
      expect.stringMatching(
        /^Indicator 「町会・自治会法人化数」 continues nothing of the previous term; closest candidates: 「町会・自治会法人化数」 \(100%\)/,
      ),
    );
    const res = await app.gql<{ plan: { previous: { code: string }; importWarnings: string[]; next: null } }>(
      '{ plan(code: "arakawa-3") { previous { code } next { code } importWarnings } arakawa: plan(code: "arakawa") { next { code } previous { code } } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toMatchObject({
      plan: { previous: { code: 'arakawa' }, next: null },
      arakawa: { next: { code: 'arakawa-3' }, previous: null },
    });
    expect(res.data!.plan.importWarnings).toEqual(expect.arrayContaining(result.warnings));
  });

  it('changesFromPrevious names each kind of change of the fixture', async () => {
    const res = await app.gql<{ plan: { changesFromPrevious: Change[] } }>(CHANGES);
    expect(res.errors).toBeUndefined();
    const changes = res.data!.plan.changesFromPrevious;
    const find = (kind: string, subjectType: string, subject: string) =>
      changes.find(
        (c) => c.kind === kind && c.subjectType === subjectType && (c.newSubject ?? c.previousSubject) === subject,
      );
    expect(find('RENUMBERED', 'POLICY', '積極的な区政情報の発信と信頼される区政の推進')?.description).toBe(
      'Policy 「積極的な区政情報の発信と信頼される区政の推進」 is renumbered from 14 to 1.',
    );
    expect(find('RENAMED', 'MEASURE', NEXT_TERM.renamedMeasure[1])).toMatchObject({
      previousSubject: NEXT_TERM.renamedMeasure[0],
      description: expect.stringContaining('shares 6 of 7 indicators and projects'),
    });
    expect(find('REMOVED', 'MEASURE', NEXT_TERM.removedMeasure)).toMatchObject({ newSubject: null });
    expect(find('ADDED', 'MEASURE', NEXT_TERM.addedMeasure)?.description).toBe(
      `Measure 「${NEXT_TERM.addedMeasure}」 is new in this term.`,
    );
    expect(find('ADDED', 'INDICATOR', NEXT_TERM.addedIndicator)).toBeDefined();
    expect(find('MOVED', 'PROJECT', NEXT_TERM.movedProject)).toBeDefined();
    expect(find('REMOVED', 'PROJECT', NEXT_TERM.renamedProject[0])).toBeDefined();
    expect(find('ADDED', 'PROJECT', NEXT_TERM.renamedProject[1])).toMatchObject({ previousSubject: null });
    expect(find('RENAMED', 'INDICATOR', newName)?.description).toContain(
      'Curated override: The survey question is the same',
    );
    expect(find('RETARGETED', 'INDICATOR', NEXT_TERM.retargetedIndicator)?.description).toBe(
      `Indicator 「${NEXT_TERM.retargetedIndicator}」: the final-year target changes from 45.0% (FY2026) to 48.0% (FY2029).`,
    );
    expect(changes.filter((c) => c.kind === 'RETARGETED')).toHaveLength(1);
    expect(new Set(changes.map((c) => c.kind))).toEqual(
      new Set(['ADDED', 'REMOVED', 'RENAMED', 'RENUMBERED', 'RETARGETED', 'MOVED']),
    );
  });

  it('links indicators both ways, with the reason of each match', async () => {
    const res = await app.gql<{
      indicators: {
        nodes: {
          name: string;
          lineageReason: string;
          predecessor: { name: string; plan: { code: string }; successors: { name: string }[] } | null;
        }[];
      };
    }>(
      `{ indicators(filter: { planCode: "arakawa-3" }) { nodes { name lineageReason predecessor { name plan { code } successors { name } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const nodes = res.data!.indicators.nodes;
    const renamed = nodes.find((n) => n.name === newName);
    expect(renamed).toMatchObject({
      predecessor: { name: oldName, plan: { code: 'arakawa' }, successors: [{ name: newName }] },
      lineageReason: expect.stringContaining('Curated override'),
    });
    expect(nodes.find((n) => n.name === '町会・自治会法人化数')).toMatchObject({
      predecessor: null,
      lineageReason: null,
    });
    const kept = nodes.find((n) => n.name === NEXT_TERM.retargetedIndicator);
    expect(kept?.lineageReason).toMatch(/^Same name/);
  });

  const SERIES = `query($planCode: String!, $s: String!) { indicators(filter: { planCode: $planCode, search: $s }) { nodes {
    name series(acrossTerms: true) { plan { code } fiscalYear { year } baseline { raw } target { raw } actual { raw } } } } }`;
  type Point = {
    plan: { code: string };
    fiscalYear: { year: number };
    baseline: { raw: string } | null;
    target: { raw: string } | null;
    actual: { raw: string } | null;
  };

  it('series(acrossTerms: true) runs from the first base year to the last final year, both terms kept where they overlap', async () => {
    const res = await app.gql<{ indicators: { nodes: { name: string; series: Point[] }[] } }>(SERIES, {
      planCode: 'arakawa-3',
      s: newName,
    });
    expect(res.errors).toBeUndefined();
    const series = res.data!.indicators.nodes.find((n) => n.name === newName)!.series;
    const compact = series.map((p) => [
      p.fiscalYear.year,
      p.plan.code,
      p.baseline?.raw ?? p.target?.raw ?? null,
      p.actual?.raw ?? null,
    ]);
    expect(compact).toEqual([
      [2020, 'arakawa', '55.5%', null],
      [2021, 'arakawa', '55.5%', '56.1%'],
      [2022, 'arakawa', '56.0%', null], // the draft of 2022 is not public
      [2023, 'arakawa', '56.5%', null],
      [2023, 'arakawa-3', '55.5%', null],
      [2024, 'arakawa-3', '55.5%', null],
      [2025, 'arakawa-3', '56.0%', null],
      [2026, 'arakawa', '57.0%', null],
      [2026, 'arakawa-3', '56.5%', null],
      [2027, 'arakawa-3', null, null],
      [2028, 'arakawa-3', null, null],
      [2029, 'arakawa-3', '57.0%', null],
    ]);
    // From the first term's indicator the same lineage is walked forwards; a token holder sees the draft too.
    const old = await app.gqlAs<{ indicators: { nodes: { name: string; series: Point[] }[] } }>(
      actuals.tokens.editor,
      SERIES,
      { planCode: 'arakawa', s: oldName },
    );
    const fromOld = old.data!.indicators.nodes.find((n) => n.name === oldName)!.series;
    expect(fromOld.map((p) => [p.fiscalYear.year, p.plan.code])).toEqual(
      series.map((p) => [p.fiscalYear.year, p.plan.code]),
    );
    expect(fromOld.find((p) => p.fiscalYear.year === 2022)?.actual?.raw).toBe('57.9%');
  });

  it('costs the same number of statements for one indicator and for all of them', async () => {
    const q = (search: string) =>
      app.gql(
        `query($s: String) { indicators(filter: { planCode: "arakawa-3", search: $s }) { nodes {
        predecessor { name successors { name } } successors { name } series(acrossTerms: true) { plan { code } actual { raw } } } } }`,
        { s: search || null },
      );
    const one = await q(newName);
    const all = await q('');
    expect(one.errors).toBeUndefined();
    expect(all.errors).toBeUndefined();
    expect(all.extensions?.sqlStatements).toBe(one.extensions?.sqlStatements);
    // One statement per level (the lineage is one recursive statement), not one per indicator or term.
    expect(one.extensions?.sqlStatements).toBeLessThanOrEqual(10);
  });

  it('re-importing the term is idempotent, and its lineage with it', async () => {
    const before = await lineageCounts();
    const first = await app.gql<{ plan: { changesFromPrevious: Change[] } }>(CHANGES);
    const again = await importNext();
    expect(again.status).toBe('unchanged');
    expect(await lineageCounts()).toEqual(before);
    expect((await app.gql(CHANGES)).data).toEqual(first.data);
    // Replacing it with the same text (as after an edit of the overrides) rebuilds the same lineage.
    const replaced = await importNext({
      replace: true,
      overrides: { lineage: { ...overrides.lineage, reasons: { ...overrides.lineage?.reasons } } },
      title: 'third term',
    });
    expect(replaced.status).toBe('replaced');
    expect(await lineageCounts()).toEqual(before);
    expect((await app.gql(CHANGES)).data).toEqual(first.data);
  });

  it('a plan is followed by one term only', async () => {
    await expect(
      importPlan(app.db.dataSource, { code: 'arakawa-3b', text, sourceName: 'b.txt', previous: 'arakawa' }),
    ).rejects.toMatchObject({ code: 'PREVIOUS_TAKEN' });
  });
});

describe('npm run import -- FILE --plan-code CODE --previous CODE', () => {
  const root = join(__dirname, '..', '..');
  let out: string;
  let work: string;

  beforeAll(() => {
    // A private build, so that a parallel test file's build of dist/ cannot interfere.
    out = join(root, '.test-cache', `terms-${process.pid}`);
    execFileSync(
      process.execPath,
      [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json', '--outDir', out],
      { cwd: root, stdio: 'inherit' },
    );
    // The importer reads the bundled plans' settings (seeds/plans.json) beside its build or one folder up.
    cpSync(join(root, 'seeds'), join(out, 'seeds'), { recursive: true });
    work = mkdtempSync(join(tmpdir(), 'plangraph-terms-'));
    writeFileSync(join(work, 'next.txt'), text);
    writeFileSync(join(work, 'overrides.json'), JSON.stringify(overrides));
  }, 180_000);
  afterAll(() => {
    rmSync(out, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  function cli(...args: string[]) {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: join(work, 'data') };
    delete env.DATABASE_URL;
    return spawnSync(process.execPath, [join(out, 'src', 'cli', 'import.js'), ...args], { env, encoding: 'utf8' });
  }

  it('refuses an unknown --previous with a clear error, then imports the next term of an imported plan', () => {
    const unknown = cli(join(work, 'next.txt'), '--plan-code', 'third', '--previous', 'second');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain(
      'import failed, nothing was written: --previous "second" names no other imported plan; import the previous term first',
    );
    const first = cli(join(root, 'seeds', 'arakawa-plan-chapter7.txt'), '--plan-code', 'second');
    expect(first.status).toBe(0);
    const next = cli(
      join(work, 'next.txt'),
      '--plan-code',
      'third',
      '--previous',
      'second',
      '--overrides',
      join(work, 'overrides.json'),
    );
    expect(next.stderr).toBe('');
    expect(next.status).toBe(0);
    expect(next.stdout).toContain('Created plan "third" from next.txt');
    expect(next.stdout).toContain(
      `- Project 「${NEXT_TERM.renamedProject[1]}」 continues nothing of the previous term`,
    );
    const again = cli(
      join(work, 'next.txt'),
      '--plan-code',
      'third',
      '--previous',
      'second',
      '--overrides',
      join(work, 'overrides.json'),
    );
    expect(again.stdout).toContain('Already imported, unchanged: plan "third"');
  }, 120_000);
});
