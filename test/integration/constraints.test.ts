import { importPlan } from '../../src/import/import-plan';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openEmpty, type TestDatabase } from '../support/database';

// The database itself refuses inconsistent data, whatever code writes it.

let db: TestDatabase;
let a: number;
let b: number;

async function one<T>(sql: string, params: unknown[] = []): Promise<T> {
  const rows = (await db.dataSource.query(sql, params)) as T[];
  return rows[0];
}

beforeAll(async () => {
  db = await openEmpty();
  const text = readFileSync(join(__dirname, '..', '..', 'seeds', 'arakawa-plan-chapter7.txt'), 'utf8');
  a = (await importPlan(db.dataSource, { code: 'a', text, sourceName: 'a.txt' })).planId;
  b = (await importPlan(db.dataSource, { code: 'b', text, sourceName: 'a.txt' })).planId;
});
afterAll(async () => {
  await db?.close();
});

describe('database constraints', () => {
  it('refuses to link a measure of one plan to an indicator of another', async () => {
    const m = await one<{ id: number }>('SELECT id FROM measure WHERE plan_id = $1 LIMIT 1', [a]);
    const i = await one<{ id: number }>('SELECT id FROM indicator WHERE plan_id = $1 LIMIT 1', [b]);
    await expect(
      db.dataSource.query(
        'INSERT INTO measure_indicator (measure_id, indicator_id, plan_id, position) VALUES ($1, $2, $3, 99)',
        [m.id, i.id, a],
      ),
    ).rejects.toThrow(/foreign key/);
  });

  it('refuses a target for a fiscal year outside the plan', async () => {
    const i = await one<{ id: number }>('SELECT id FROM indicator WHERE plan_id = $1 LIMIT 1', [a]);
    await expect(
      db.dataSource.query(
        `INSERT INTO target (plan_id, indicator_id, fiscal_year, role, value_raw, value_kind, value_number, value_unit, value_comparator)
         VALUES ($1, $2, 2031, 'TARGET', '1件', 'QUANTITY', 1, '件', 'EQ')`,
        [a, i.id],
      ),
    ).rejects.toThrow(/foreign key/);
  });

  it('refuses a second cell for the same indicator and year', async () => {
    const t = await one<{ indicator_id: number; fiscal_year: number }>(
      'SELECT indicator_id, fiscal_year FROM target WHERE plan_id = $1 LIMIT 1',
      [a],
    );
    await expect(
      db.dataSource.query(
        `INSERT INTO target (plan_id, indicator_id, fiscal_year, role, value_raw, value_kind, value_text) VALUES ($1, $2, $3, 'TARGET', '実施', 'STATUS', '実施')`,
        [a, t.indicator_id, t.fiscal_year],
      ),
    ).rejects.toThrow(/duplicate key|unique/);
  });

  it('refuses a quantity without a number, an unknown kind, and a footnote with two owners', async () => {
    const i = await one<{ id: number }>(
      `SELECT id FROM indicator WHERE plan_id = $1 AND NOT EXISTS (SELECT 1 FROM target t WHERE t.indicator_id = indicator.id AND t.fiscal_year = 2024) LIMIT 1`,
      [a],
    );
    await expect(
      db.dataSource.query(
        `INSERT INTO target (plan_id, indicator_id, fiscal_year, role, value_raw, value_kind) VALUES ($1, $2, 2024, 'TARGET', '?', 'QUANTITY')`,
        [a, i.id],
      ),
    ).rejects.toThrow(/check constraint/);
    await expect(db.dataSource.query(`UPDATE indicator SET kind = 'OTHER' WHERE id = $1`, [i.id])).rejects.toThrow(
      /check constraint/,
    );
    const m = await one<{ id: number }>('SELECT id FROM measure WHERE plan_id = $1 LIMIT 1', [a]);
    const p = await one<{ id: number }>('SELECT id FROM project WHERE plan_id = $1 LIMIT 1', [a]);
    await expect(
      db.dataSource.query(
        `INSERT INTO footnote (plan_id, measure_id, project_id, marker, text, category) VALUES ($1, $2, $3, '※9', 'x', 'NOTE')`,
        [a, m.id, p.id],
      ),
    ).rejects.toThrow(/check constraint/);
  });

  it('deletes a plan with everything it owns and nothing of another plan', async () => {
    const before = await one<{ n: number }>('SELECT count(*)::int AS n FROM target WHERE plan_id = $1', [b]);
    await db.dataSource.query('DELETE FROM plan WHERE id = $1', [a]);
    expect(await one<{ n: number }>('SELECT count(*)::int AS n FROM target WHERE plan_id = $1', [a])).toEqual({ n: 0 });
    expect(await one<{ n: number }>('SELECT count(*)::int AS n FROM target WHERE plan_id = $1', [b])).toEqual(before);
  });
});
