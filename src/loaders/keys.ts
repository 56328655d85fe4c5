import type { DataSource } from 'typeorm';

/**
 * A loader's statement in two forms: `many` matches a batch of keys (`= ANY($1)`, an array parameter), `one` the
 * same statement with that comparison on a single key (`= $1`). A batch of one key is sent as `one`.
 *
 * Why: reads are prepared statements (src/db/prepared-client.ts), and PostgreSQL plans an array parameter's
 * generic plan for ten elements, so against the custom plan of a one-element array it never wins — every execution
 * was planned again (custom_plans 8 of 8 for the series statement, 0.2 ms of planning for 0.07 ms of execution).
 * With a scalar key the generic plan costs the same as a custom one and PostgreSQL keeps it after five executions:
 * a single object's request (node(id:), one indicator's series) is then Bind + Execute only.
 */
export interface KeyedSql {
  many: string;
  one: string;
}

/** The two forms of `text`: each `many` comparison (`= ANY($1)` by default) becomes `one` (`= $1`). */
export function keyedSql(text: string, many = '= ANY($1)', one = '= $1'): KeyedSql {
  // Loaders are made per request from the same few texts: each pair is made once.
  const id = `${many}\u0000${one}\u0000${text}`;
  const known = made.get(id);
  if (known) return known;
  if (!text.includes(many)) throw new Error(`keyedSql: the statement has no "${many}"`);
  // A filtered relation's text depends on the filter's shape only; the bound keeps odd clients from growing it.
  if (made.size >= 1000) made.clear();
  const sql = { many: text, one: text.replaceAll(many, one) };
  made.set(id, sql);
  return sql;
}

const made = new Map<string, KeyedSql>();

/** The statement and the key parameter for a batch: the single key itself, or the array of keys. */
export function forKeys(sql: KeyedSql, keys: readonly unknown[]): [text: string, key: unknown] {
  return keys.length === 1 ? [sql.one, keys[0]] : [sql.many, [...keys]];
}

/** Runs `sql` (its one parameter: the key or keys) for a batch of keys. */
export function queryKeys(ds: DataSource, sql: KeyedSql, keys: readonly unknown[]): Promise<unknown> {
  const [text, key] = forKeys(sql, keys);
  return ds.query(text, [key]);
}
