import { VOCABULARY_COLUMNS, vocabularyCheck } from '../../migrations/vocabulary';
import { openEmpty, type TestDatabase } from '../support/database';

// The database's CHECK lists and the domain's vocabulary (src/domain/vocabulary.ts) are one list: this reads every
// CHECK constraint of the migrated schema from pg_constraint and compares.

interface CheckRow {
  table: string;
  name: string;
  columns: string[];
  definition: string;
}

let db: TestDatabase;
let checks: CheckRow[];

/** The words of an IN-list CHECK as PostgreSQL prints it: CHECK ((kind = ANY (ARRAY['OUTCOME'::text, …]))). */
function listedWords(definition: string): string[] | null {
  const list = /= ANY \(\(?ARRAY\[(.*)\]\)?(?:::text\[\])?\)/.exec(definition)?.[1];
  if (list === undefined) return null;
  return [...list.matchAll(/'((?:[^']|'')*)'::text/g)].map((m) => (m[1] ?? '').replaceAll("''", "'"));
}

beforeAll(async () => {
  db = await openEmpty();
  checks = (await db.dataSource.query(`
    SELECT c.relname AS "table", k.conname AS name, pg_get_constraintdef(k.oid) AS definition,
           array(SELECT a.attname::text FROM pg_attribute a
                  WHERE a.attrelid = k.conrelid AND a.attnum = ANY (k.conkey) ORDER BY a.attname) AS columns
      FROM pg_constraint k
      JOIN pg_class c ON c.oid = k.conrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE k.contype = 'c' AND n.nspname = current_schema()`)) as CheckRow[];
});
afterAll(async () => {
  await db?.close();
});

describe('the vocabulary in the database', () => {
  it.each(VOCABULARY_COLUMNS.map((c) => [`${c.table}.${c.column}`, c] as const))(
    '%s allows exactly the domain words',
    (_, { table, column, values }) => {
      const lists = checks
        .filter((c) => c.table === table && c.columns.length === 1 && c.columns[0] === column)
        .map((c) => listedWords(c.definition))
        .filter((words) => words !== null);
      expect(lists).toEqual([[...values]]);
    },
  );

  it('has no word-list CHECK on a column the vocabulary does not know', () => {
    const known = new Set(VOCABULARY_COLUMNS.map((c) => `${c.table}.${c.column}`));
    const listed = checks.filter((c) => listedWords(c.definition) !== null);
    expect(listed.length).toBeGreaterThanOrEqual(VOCABULARY_COLUMNS.length);
    expect(listed.map((c) => `${c.table}.${c.columns.join(',')}`).filter((c) => !known.has(c))).toEqual([]);
  });

  it('builds a CHECK from a domain array the way the database reads it back', async () => {
    await db.dataSource.query(
      `CREATE TEMP TABLE vocabulary_probe (word text ${vocabularyCheck('word', ['A', "it's"])})`,
    );
    const [row] = (await db.dataSource.query(
      `SELECT pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE conrelid = 'vocabulary_probe'::regclass`,
    )) as { definition: string }[];
    expect(listedWords(row?.definition ?? '')).toEqual(['A', "it's"]);
    await db.dataSource.query('DROP TABLE vocabulary_probe');
  });
});
