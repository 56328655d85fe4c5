import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importPlan, PlanImportError } from '../../src/import/import-plan';
import { parsePlanDocument } from '../../src/import/parse-plan';
import { writePlan } from '../../src/import/writer';
import { openEmpty, type TestDatabase } from '../support/database';

const seeds = join(__dirname, '..', '..', 'seeds');
const text = readFileSync(join(seeds, 'arakawa-plan-chapter7.txt'), 'utf8');

let db: TestDatabase;

beforeAll(async () => {
  db = await openEmpty();
});
afterAll(async () => {
  await db?.close();
});

async function rowCounts(): Promise<Record<string, number>> {
  const tables = [
    'plan',
    'policy',
    'measure',
    'project',
    'indicator',
    'target',
    'footnote',
    'measure_indicator',
    'target_footnote',
  ];
  const out: Record<string, number> = {};
  for (const t of tables) {
    const [row] = (await db.dataSource.query(`SELECT count(*)::int AS n FROM ${t}`)) as { n: number }[];
    out[t] = row.n;
  }
  return out;
}

describe('importing a plan document', () => {
  it('creates the plan, and a second import of the same text changes nothing', async () => {
    const first = await importPlan(db.dataSource, { code: 'imp', text, sourceName: 'a.txt' });
    expect(first.status).toBe('created');
    const after = await rowCounts();
    expect(after.plan).toBe(1);
    expect(after.indicator).toBe(first.counts.indicators);
    expect(after.target).toBe(first.counts.targets);
    expect(after.footnote).toBe(first.counts.footnotes);
    expect(after.measure).toBe(8);

    const second = await importPlan(db.dataSource, { code: 'imp', text, sourceName: 'a.txt' });
    expect(second).toMatchObject({ status: 'unchanged', planId: first.planId });
    expect(await rowCounts()).toEqual(after);
  });

  it('refuses a different document under an existing code, unless told to replace it', async () => {
    const before = await rowCounts();
    const changed = text.replace('55.5%', '55.6%');
    await expect(importPlan(db.dataSource, { code: 'imp', text: changed, sourceName: 'b.txt' })).rejects.toMatchObject({
      code: 'PLAN_EXISTS',
    });
    expect(await rowCounts()).toEqual(before);

    const replaced = await importPlan(db.dataSource, {
      code: 'imp',
      text: changed,
      sourceName: 'b.txt',
      replace: true,
    });
    expect(replaced.status).toBe('replaced');
    // 55.6% makes the first printing of 区政に関心がある区民の割合 differ from the other two: no longer merged.
    expect(replaced.warnings.some((w) => w.includes('区政に関心がある区民の割合'))).toBe(true);
    const after = await rowCounts();
    expect(after).toMatchObject({ plan: 1, indicator: replaced.counts.indicators, target: replaced.counts.targets });
    expect(after.indicator).toBe(before.indicator + 1);
    const [plan] = (await db.dataSource.query(`SELECT source_name FROM plan WHERE code = 'imp'`)) as {
      source_name: string;
    }[];
    expect(plan.source_name).toBe('b.txt');
  });

  it('keeps several plans apart in one database', async () => {
    const other = await importPlan(db.dataSource, { code: 'imp-2', text, sourceName: 'a.txt' });
    expect(other.status).toBe('created');
    const [row] = (await db.dataSource.query(`SELECT count(DISTINCT plan_id)::int AS n FROM indicator`)) as {
      n: number;
    }[];
    expect(row.n).toBe(2);
  });

  it('rejects an invalid plan code before touching the database', async () => {
    await expect(importPlan(db.dataSource, { code: 'Bad Code', text, sourceName: 'a.txt' })).rejects.toBeInstanceOf(
      PlanImportError,
    );
  });

  it('runs in one transaction: a failure half-way leaves the database as it was', async () => {
    const before = await rowCounts();
    const parsed = parsePlanDocument(text);
    // The last footnote points at a project that does not exist: the writer fails after many inserts.
    parsed.footnotes.push({ ...parsed.footnotes[0], key: 'broken', measureKey: null, projectKey: 'no-such-project' });
    await expect(
      db.dataSource.transaction((m) => writePlan(m, parsed, { code: 'half', name: 'x', sha256: 'f'.repeat(64) })),
    ).rejects.toThrow(/no-such-project/);
    expect(await rowCounts()).toEqual(before);
  });
});
