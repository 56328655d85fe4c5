import { AppError } from '../domain/errors';
import type { OrderSpec, SortDirection } from './specs';

// The SQL behind each sort field of the root lists (the GraphQL enums are in graphql/orders.ts).
// Ties are always broken by document order (id), so every order is total and cursors stay stable.

export const MAX_ORDER_KEYS = 3;

/** A sortable field: its SQL column on the list's main alias `e`, and the entity property holding it. */
export interface SortField {
  column: string;
  property: string;
}

export interface SortKey extends SortField {
  direction: SortDirection;
}

export const sortFields = {
  Policy: { NUMBER: { column: 'e.number', property: 'number' }, TITLE: { column: 'e.title', property: 'title' } },
  Measure: {
    POSITION: { column: 'e.position', property: 'position' },
    TITLE: { column: 'e.title', property: 'title' },
  },
  Project: {
    POSITION: { column: 'e.position', property: 'position' },
    TITLE: { column: 'e.title', property: 'title' },
  },
  Indicator: {
    POSITION: { column: 'e.position', property: 'position' },
    NAME: { column: 'e.name', property: 'name' },
    KIND: { column: 'e.kind', property: 'kind' },
    DIRECTION: { column: 'e.direction', property: 'direction' },
  },
  Target: {
    FISCAL_YEAR: { column: 'e.fiscal_year', property: 'fiscalYear' },
    INDICATOR: { column: 'e.indicator_id', property: 'indicatorId' },
    ROLE: { column: 'e.role', property: 'role' },
  },
  Footnote: {
    MARKER: { column: 'e.marker', property: 'marker' },
    CATEGORY: { column: 'e.category', property: 'category' },
  },
} satisfies Record<string, Record<string, SortField>>;

export type SortedList = keyof typeof sortFields;

export function sortKeys(list: SortedList, orderBy: OrderSpec[] | null | undefined): SortKey[] {
  const keys = orderBy ?? [];
  if (keys.length > MAX_ORDER_KEYS) {
    throw new AppError('BAD_USER_INPUT', `orderBy takes at most ${MAX_ORDER_KEYS} keys.`);
  }
  const fields: Record<string, SortField> = sortFields[list];
  return keys.map((k) => {
    const field = fields[k.field];
    if (!field) throw new AppError('BAD_USER_INPUT', `${list} lists cannot be sorted by ${k.field}.`);
    return { ...field, direction: k.direction };
  });
}
