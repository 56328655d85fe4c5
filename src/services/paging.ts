import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { DEFAULT_PAGE_SIZE, type ConnectionResult } from '../graphql/connection';
import { badInput } from '../graphql/errors';

// Keyset pagination on the primary key: a cursor names the last row seen, so pages stay stable while
// rows are added and no OFFSET scan grows with the page number.

const CURSOR_PREFIX = 'cursor:v1:';

export function encodeCursor(id: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${id}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const id = text.startsWith(CURSOR_PREFIX) ? Number(text.slice(CURSOR_PREFIX.length)) : NaN;
  if (!Number.isSafeInteger(id) || id < 0)
    throw badInput(`Invalid cursor "${cursor}": use a cursor returned by this API.`);
  return id;
}

/**
 * One page of `qb` (whose main alias is `alias`), ordered by id: two statements, a count (with the
 * number of rows before the cursor) and the page itself.
 */
export async function paginate<T extends ObjectLiteral & { id: number }>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  args: { first?: number | null; after?: string | null },
): Promise<ConnectionResult<T>> {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  const afterId = args.after ? decodeCursor(args.after) : null;

  const counts = await qb
    .clone()
    .select('count(*)::int', 'total')
    .addSelect(afterId === null ? '0' : `count(*) FILTER (WHERE ${alias}.id <= :afterId)::int`, 'before')
    .setParameter('afterId', afterId)
    .orderBy()
    .getRawOne<{ total: number; before: number }>();

  const page = qb
    .clone()
    .orderBy(`${alias}.id`, 'ASC')
    .limit(first + 1);
  if (afterId !== null) page.andWhere(`${alias}.id > :afterId`, { afterId });
  const rows = first === 0 ? [] : await page.getMany();
  const nodes = rows.slice(0, first);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(node.id), node }));
  const total = Number(counts?.total ?? 0);
  const before = Number(counts?.before ?? 0);
  return {
    edges,
    nodes,
    totalCount: total,
    pageInfo: {
      hasNextPage: first === 0 ? total > before : rows.length > first,
      hasPreviousPage: before > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
