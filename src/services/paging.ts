import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { AppError } from '../domain/errors';
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

function decodeCursor<T extends ObjectLiteral>(cursor: string, qb: SelectQueryBuilder<T>, keys: SortKey[]): CursorData {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  let data: CursorData | undefined;
  try {
    data = text.startsWith(CURSOR_PREFIX) ? (JSON.parse(text.slice(CURSOR_PREFIX.length)) as CursorData) : undefined;
  } catch {
    data = undefined;
  }
  const metadata = qb.expressionMap.mainAlias?.metadata;
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
 * More columns on the page statement, for rows the client also asked for: `select` adds them to the page query,
 * `use` gets each entity of the page with its raw row (e.g. to prime the request's loaders with them).
 */
export interface PageExtras<T extends ObjectLiteral> {
  select(q: SelectQueryBuilder<T>): void;
  use(rows: { node: T; raw: Record<string, unknown> }[]): void;
}

/**
 * One page of `qb` (main alias `alias`) in the order `keys` (then id): two statements, a count (with
 * the number of rows on the far side of the cursor, for hasPreviousPage / hasNextPage) and the page.
 */
export async function paginate<T extends ObjectLiteral & { id: number }>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  page: PageRequest,
  keys: SortKey[] = [],
  extras?: PageExtras<T>,
): Promise<ConnectionResult<T>> {
  if (page.first != null && page.last != null) throw badInput('Pass either `first` or `last`, not both.');
  if (page.after != null && page.before != null) throw badInput('Pass either `after` or `before`, not both.');
  const backward = page.last != null || page.before != null;
  const size = (backward ? page.last : page.first) ?? DEFAULT_PAGE_SIZE;
  const cursorText = backward ? page.before : page.after;
  const cursor = cursorText ? decodeCursor(cursorText, qb, keys) : null;

  const params: Record<string, unknown> = {};
  const past = cursor ? beyond(keys, cursor, !backward, params, alias) : null;
  // The count (and the rows on the far side of the cursor) is only needed for totalCount and some
  // pageInfo flags: it runs when the client selects one of them, at most once per list.
  let counted: Promise<{ total: number; behind: number }> | undefined;
  const counts = () =>
    (counted ??= qb
      .clone()
      .select('count(*)::int', 'total')
      .addSelect(past ? `count(*) FILTER (WHERE NOT ${past})::int` : '0', 'behind')
      .setParameters(params)
      .orderBy()
      .getRawOne<{ total: number; behind: number }>()
      .then((row) => ({ total: Number(row?.total ?? 0), behind: Number(row?.behind ?? 0) })));

  const rows: T[] = [];
  if (size > 0) {
    const q = qb.clone();
    if (past) q.andWhere(past, params);
    const flip = (d: SortDirection): 'ASC' | 'DESC' => (backward ? (d === 'ASC' ? 'DESC' : 'ASC') : d);
    q.orderBy();
    for (const k of keys) q.addOrderBy(k.column, flip(k.direction));
    q.addOrderBy(`${alias}.id`, flip('ASC')).limit(size + 1);
    if (extras) {
      extras.select(q);
      const { entities, raw } = await q.getRawAndEntities();
      const byId = new Map(raw.map((r: Record<string, unknown>) => [r[`${alias}_id`], r]));
      extras.use(entities.map((node) => ({ node, raw: byId.get(node.id) ?? {} })));
      rows.push(...entities);
    } else {
      rows.push(...(await q.getMany()));
    }
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
