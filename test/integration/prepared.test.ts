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
  expect(session.some((r) => r.statement.includes('FROM "policy"') && r.statement.includes('= ANY('))).toBe(true);
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
