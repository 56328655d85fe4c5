import type { QueryRunner } from 'typeorm';
import { openDatabase, type Database } from '../../src/db/data-source';
import { PREPARED_PER_CONNECTION } from '../../src/db/prepared-client';
import { createLoaders } from '../../src/loaders';
import { openServerDatabase, type ServerDatabase } from '../support/server-database';

// On a PostgreSQL server, reads go out as named prepared statements (src/db/prepared-client.ts): parsed and planned
// once per connection. What the session holds is read from pg_prepared_statements on the same connection.

let server: ServerDatabase;
let db: Database;
let runner: QueryRunner;

beforeAll(async () => {
  server = await openServerDatabase();
  db = await openDatabase({ databaseUrl: server.url });
  runner = db.dataSource.createQueryRunner();
  await runner.connect();
}, 120_000);
afterAll(async () => {
  await runner?.release();
  await db?.close();
  await server?.close();
});

async function preparedTexts(): Promise<string[]> {
  const rows = (await runner.query('SELECT statement FROM pg_prepared_statements ORDER BY prepare_time')) as {
    statement: string;
  }[];
  return rows.map((r) => r.statement);
}

it('a parameterized read is prepared once per connection and answers as before', async () => {
  const text = 'SELECT code, title FROM plan WHERE code = ANY($1) ORDER BY code';
  const first = (await runner.query(text, [['arakawa']])) as unknown[];
  const second = (await runner.query(text, [['arakawa']])) as unknown[];
  expect(first).toEqual(second);
  expect(first).toHaveLength(1);
  expect((await preparedTexts()).filter((s) => s === text)).toHaveLength(1);
  // Statements without parameters and writes keep pg's unnamed statement.
  await runner.query('SELECT count(*) FROM plan');
  await runner.query('UPDATE plan SET title = title WHERE code = $1', ['no such plan']);
  const texts = await preparedTexts();
  expect(texts).not.toContain('SELECT count(*) FROM plan');
  expect(texts.some((s) => s.startsWith('UPDATE'))).toBe(false);
});

it('the loaders of a request send prepared statements: the same rows as an unprepared read', async () => {
  const loaders = createLoaders(db.dataSource);
  const [plan] = (await db.dataSource.query(`SELECT id FROM plan WHERE code = 'arakawa'`)) as { id: number }[];
  const policies = await loaders.policiesByPlan.load(plan.id);
  expect(policies.length).toBeGreaterThan(0);
  const again = await createLoaders(db.dataSource).policiesByPlan.load(plan.id);
  expect(again).toEqual(policies);
  const plain = (await db.dataSource.query('SELECT id FROM policy WHERE plan_id = ' + String(plan.id))) as {
    id: number;
  }[];
  expect(policies.map((p) => p.id).sort()).toEqual(plain.map((p) => p.id).sort());
  // The pool hands back its last released connection: the one the loader's statement used.
  await createLoaders(db.dataSource).policiesByPlan.load(plan.id);
  const session = (await db.dataSource.query('SELECT statement FROM pg_prepared_statements')) as {
    statement: string;
  }[];
  // One parent: the one-key form of the statement (src/loaders/keys.ts).
  expect(session.some((r) => r.statement.includes('FROM "policy"') && /"plan_id" = \$1\b/.test(r.statement))).toBe(
    true,
  );
});

async function indicatorIds(count: number): Promise<number[]> {
  const rows = (await db.dataSource.query(
    `SELECT i.id FROM indicator i JOIN plan p ON p.id = i.plan_id WHERE p.code = 'arakawa' ORDER BY i.id LIMIT $1`,
    [count],
  )) as { id: number }[];
  return rows.map((r) => r.id);
}

it('a batch of one key is a scalar parameter, and PostgreSQL keeps a generic plan for it', async () => {
  // The series statement of one indicator (bench workload 4). As `= ANY($1)` with a one-element array PostgreSQL
  // planned every execution anew (custom_plans only): a generic plan of an array is costed for ten elements.
  const [id] = await indicatorIds(1);
  const first = await createLoaders(db.dataSource).seriesByIndicator.load(`approved:${id}`);
  for (let i = 0; i < 7; i++) {
    expect(await createLoaders(db.dataSource).seriesByIndicator.load(`approved:${id}`)).toEqual(first);
  }
  expect(first.length).toBeGreaterThan(0);
  const rows = (await db.dataSource.query(
    `SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements WHERE statement LIKE '%generate_series%'`,
  )) as { statement: string; generic_plans: string; custom_plans: string }[];
  const one = rows.filter((r) => !r.statement.includes('= ANY('));
  expect(one).toHaveLength(1);
  expect(Number(one[0].generic_plans)).toBeGreaterThan(0);
  expect(Number(one[0].custom_plans)).toBeLessThanOrEqual(5);
});

it('the one-key and the many-key forms of a loader give the same rows', async () => {
  const ids = await indicatorIds(3);
  const batched = createLoaders(db.dataSource);
  const together = await Promise.all([
    batched.seriesByIndicator.loadMany(ids.map((id) => `approved:${id}`)),
    batched.indicator.loadMany(ids),
    batched.targetsByIndicator.loadMany(ids),
  ]);
  const alone = await Promise.all(
    ids.map(async (id) => {
      const own = createLoaders(db.dataSource);
      return [
        await own.seriesByIndicator.load(`approved:${id}`),
        await own.indicator.load(id),
        await own.targetsByIndicator.load(id),
      ];
    }),
  );
  for (const [k, id] of ids.entries()) {
    expect(alone[k][0]).toEqual(together[0][k]);
    expect(alone[k][1]).toEqual(together[1][k]);
    expect(alone[k][2]).toEqual(together[2][k]);
    expect((alone[k][1] as { id: number }).id).toBe(id);
  }
});

it(`a connection keeps at most ${PREPARED_PER_CONNECTION} statements, the least recently used deallocated`, async () => {
  const hot = 'SELECT $1::int + 0 AS n';
  await runner.query(hot, [1]);
  for (let i = 1; i <= PREPARED_PER_CONNECTION + 20; i++) {
    await runner.query(`SELECT $1::int + ${i} AS n`, [1]);
    // The hot statement stays recent, so it is never the one evicted.
    if (i % 50 === 0) await runner.query(hot, [1]);
  }
  const texts = await preparedTexts();
  expect(texts.length).toBeLessThanOrEqual(PREPARED_PER_CONNECTION);
  expect(texts).toContain(hot);
  expect(texts).not.toContain('SELECT $1::int + 1 AS n');
  expect(texts).toContain(`SELECT $1::int + ${PREPARED_PER_CONNECTION + 20} AS n`);
  // An evicted text is prepared again on its next use, and answers.
  expect(await runner.query('SELECT $1::int + 1 AS n', [1])).toEqual([{ n: 2 }]);
  expect(await preparedTexts()).toContain('SELECT $1::int + 1 AS n');
});

it('a read that fails (at parse or at execution) leaves the connection usable and the statement re-preparable', async () => {
  await expect(runner.query('SELECT 10 / $1::int AS n', [0])).rejects.toThrow(/division by zero/);
  expect(await runner.query('SELECT 10 / $1::int AS n', [2])).toEqual([{ n: 5 }]);
  await expect(runner.query('SELECT no_such_column FROM plan WHERE code = $1', ['x'])).rejects.toThrow(
    /no_such_column/,
  );
  await expect(runner.query('SELECT no_such_column FROM plan WHERE code = $1', ['x'])).rejects.toThrow(
    /no_such_column/,
  );
  expect(await runner.query('SELECT $1::text AS t', ['ok'])).toEqual([{ t: 'ok' }]);
  // Inside a transaction that failed and rolled back, too.
  await runner.startTransaction();
  await expect(runner.query('SELECT 10 / $1::int AS n', [0])).rejects.toThrow(/division by zero/);
  await runner.rollbackTransaction();
  expect(await runner.query('SELECT 10 / $1::int AS n', [5])).toEqual([{ n: 2 }]);
});
