import type { DataSource, ObjectLiteral } from 'typeorm';
import { AppError } from '../domain/errors';
import { shapeOf, type EntityClass, type Row } from '../loaders/shape';
import { allOf } from './conditions';
import type { SortKey } from './sort';
import type { PageSpec, SortDirection } from './specs';

// Keyset pagination: a cursor carries the sort-key values and the id of the row it names, so a page
// is "the rows after (or before) this one in the order" — stable while rows are added, and no OFFSET
// scan that grows with the page number. Ties are broken by id (document order).

const CURSOR_PREFIX = 'cursor:v2:';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 50;

export type PageRequest = PageSpec;

export interface Edge<T> {
  cursor: string;
  node: T;
}

/** Where a page sits: flags that need a count are promises, computed only when asked for. */
export interface PageInfoResult {
  hasNextPage: boolean | Promise<boolean>;
  hasPreviousPage: boolean | Promise<boolean>;
  startCursor: string | null;
  endCursor: string | null;
}

/** One page of a root list. */
export interface ConnectionResult<T> {
  edges: Edge<T>[];
  nodes: T[];
  pageInfo: PageInfoResult;
  /** A getter: the count query runs only when a client selects totalCount (or a flag that needs it). */
  totalCount: number | Promise<number>;
}

function badInput(message: string): AppError {
  return new AppError('BAD_USER_INPUT', message);
}

/**
 * A root list before paging: the rows of `entity` (table alias `e`) that satisfy every `where` (SQL on `e` with
 * `:named` parameters from `params`, as services/conditions.ts writes them). Paged by `paginate` in statements
 * built here and hydrated like the loaders' rows (loaders/shape.ts), not through TypeORM's query builder: on a small
 * page the builder's SQL generation and entity transformer were a tenth of the request's CPU.
 */
export interface ListQuery<T> {
  db: DataSource;
  entity: EntityClass<T>;
  where: string[];
  params: Record<string, unknown>;
}

/** The list of every `entity` row satisfying `conditions` (none: all rows). */
export function listQuery<T>(
  db: DataSource,
  entity: EntityClass<T>,
  conditions?: { where: readonly string[]; params: Record<string, unknown> },
): ListQuery<T> {
  return { db, entity, where: [...(conditions?.where ?? [])], params: { ...conditions?.params } };
}

/** The same list narrowed by one more condition. */
export function narrowed<T>(q: ListQuery<T>, sql: string, params: Record<string, unknown> = {}): ListQuery<T> {
  return { ...q, where: [...q.where, sql], params: { ...q.params, ...params } };
}

/** Runs `text` (`:named` parameters) on the list's db and returns pg's rows. */
async function run(q: ListQuery<unknown>, text: string, params: Record<string, unknown>): Promise<Row[]> {
  const [sql, values] = q.db.driver.escapeQueryWithParameters(text, params);
  return (await q.db.query(sql, values)) as Row[];
}

/** Every row of the list, in document order (id). */
export async function allRows<T>(q: ListQuery<T>): Promise<T[]> {
  const shape = shapeOf(q.db, q.entity);
  const rows = await run(
    q,
    `SELECT ${shape.select('e')} FROM ${shape.table} "e" WHERE ${allOf(q.where)} ORDER BY "e"."id"`,
    q.params,
  );
  return rows.map((row) => shape.hydrate(row, 'e'));
}

interface CursorData {
  v: (string | number | boolean | null)[];
  id: number;
}

export function encodeCursor(values: CursorData['v'], id: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${JSON.stringify({ v: values, id })}`, 'utf8').toString('base64url');
}

const INT4_MAX = 2_147_483_647;
const isInt4 = (v: unknown): v is number => Number.isInteger(v) && Math.abs(v as number) <= INT4_MAX;

/** Whether a cursor's sort value fits its column (a forged cursor must not reach SQL as a wrong-typed parameter). */
function fits(value: unknown, column: { type: unknown; isNullable: boolean } | undefined): boolean {
  if (value === null) return column?.isNullable ?? false;
  const type = String(typeof column?.type === 'function' ? column.type.name : column?.type).toLowerCase();
  if (/^(int|int4|integer|smallint|int2|number)$/.test(type)) return isInt4(value);
  if (/^(text|varchar|character varying|string)$/.test(type)) return typeof value === 'string';
  if (/^(bool|boolean)$/.test(type)) return typeof value === 'boolean';
  return false;
}

function decodeCursor(cursor: string, q: ListQuery<unknown>, keys: SortKey[]): CursorData {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  let data: CursorData | undefined;
  try {
    data = text.startsWith(CURSOR_PREFIX) ? (JSON.parse(text.slice(CURSOR_PREFIX.length)) as CursorData) : undefined;
  } catch {
    data = undefined;
  }
  const metadata = q.db.getMetadata(q.entity);
  if (
    !data ||
    typeof data !== 'object' ||
    !isInt4(data.id) ||
    data.id < 1 ||
    !Array.isArray(data.v) ||
    data.v.length !== keys.length ||
    !keys.every((k, i) => fits(data!.v[i], metadata?.findColumnWithPropertyName(k.property)))
  ) {
    throw badInput(`Invalid cursor "${cursor}": use a cursor returned by this list with the same orderBy.`);
  }
  return data;
}

/** SQL that is true for the rows strictly after the cursor in the given order (`forward`) or before it. */
function beyond(
  keys: SortKey[],
  cursor: CursorData,
  forward: boolean,
  params: Record<string, unknown>,
  alias: string,
): string {
  const all: { column: string; direction: SortDirection; value: unknown }[] = [
    ...keys.map((k, i) => ({ column: k.column, direction: k.direction, value: cursor.v[i] })),
    { column: `${alias}.id`, direction: 'ASC', value: cursor.id },
  ];
  const terms: string[] = [];
  all.forEach((key, i) => {
    const parts = all.slice(0, i).map((prev, j) => {
      params[`ck${j}`] = prev.value;
      return `${prev.column} = :ck${j}`;
    });
    params[`ck${i}`] = key.value;
    const ascending = key.direction === 'ASC';
    parts.push(`${key.column} ${ascending === forward ? '>' : '<'} :ck${i}`);
    terms.push(`(${parts.join(' AND ')})`);
  });
  return `(${terms.join(' OR ')})`;
}

/**
 * More columns on the page statement, for rows the client also asked for: `columns` are SQL expressions on `e`
 * (each with its `AS "name"`), `use` gets each entity of the page with its raw row (e.g. to prime the request's
 * loaders with them).
 */
export interface PageExtras<T extends ObjectLiteral> {
  columns(): string[];
  use(rows: { node: T; raw: Record<string, unknown> }[]): void;
}

/**
 * One page of `list` in the order `keys` (then id): the page statement, and a count (with the number of rows on
 * the far side of the cursor, for hasPreviousPage / hasNextPage) only when a client selects what needs it.
 */
export async function paginate<T extends ObjectLiteral & { id: number }>(
  list: ListQuery<T>,
  page: PageRequest,
  keys: SortKey[] = [],
  extras?: PageExtras<T>,
): Promise<ConnectionResult<T>> {
  if (page.first != null && page.last != null) throw badInput('Pass either `first` or `last`, not both.');
  if (page.after != null && page.before != null) throw badInput('Pass either `after` or `before`, not both.');
  const backward = page.last != null || page.before != null;
  const size = (backward ? page.last : page.first) ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw badInput(`A page holds 0 to ${MAX_PAGE_SIZE} items.`);
  }
  const cursorText = backward ? page.before : page.after;
  const cursor = cursorText ? decodeCursor(cursorText, list, keys) : null;

  const shape = shapeOf(list.db, list.entity);
  const params: Record<string, unknown> = { ...list.params };
  const past = cursor ? beyond(keys, cursor, !backward, params, 'e') : null;
  const where = allOf(list.where);
  // The count (and the rows on the far side of the cursor) is only needed for totalCount and some
  // pageInfo flags: it runs when the client selects one of them, at most once per list.
  let counted: Promise<{ total: number; behind: number }> | undefined;
  const counts = () =>
    (counted ??= run(
      list,
      `SELECT count(*)::int AS "total", ${past ? `count(*) FILTER (WHERE NOT ${past})::int` : '0'} AS "behind" ` +
        `FROM ${shape.table} "e" WHERE ${where}`,
      params,
    ).then(([row]) => ({ total: Number(row?.total ?? 0), behind: Number(row?.behind ?? 0) })));

  const rows: T[] = [];
  if (size > 0) {
    const flip = (d: SortDirection): 'ASC' | 'DESC' => (backward ? (d === 'ASC' ? 'DESC' : 'ASC') : d);
    const order = [...keys.map((k) => `${k.column} ${flip(k.direction)}`), `"e"."id" ${flip('ASC')}`].join(', ');
    const more = extras?.columns() ?? [];
    const raw = await run(
      list,
      `SELECT ${[shape.select('e'), ...more].join(', ')} FROM ${shape.table} "e" ` +
        `WHERE ${where}${past ? ` AND ${past}` : ''} ORDER BY ${order} LIMIT ${size + 1}`,
      params,
    );
    const entities = raw.map((row) => shape.hydrate(row, 'e'));
    extras?.use(entities.map((node, n) => ({ node, raw: raw[n] })));
    rows.push(...entities);
  }
  const more = rows.length > size;
  const nodes = rows.slice(0, size);
  if (backward) nodes.reverse();
  const edges = nodes.map((node) => ({
    cursor: encodeCursor(
      keys.map((k) => node[k.property] as CursorData['v'][number]),
      node.id,
    ),
    node,
  }));
  const behind = (): boolean | Promise<boolean> => (past ? counts().then((c) => c.behind > 0) : false);
  const ahead = (): boolean | Promise<boolean> => (size === 0 ? counts().then((c) => c.total > c.behind) : more);
  return {
    edges,
    nodes,
    get totalCount() {
      return counts().then((c) => c.total);
    },
    pageInfo: {
      get hasNextPage() {
        return backward ? behind() : ahead();
      },
      get hasPreviousPage() {
        return backward ? ahead() : behind();
      },
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
