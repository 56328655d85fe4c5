import type {
  Direction,
  FootnoteCategory,
  IndicatorKind,
  ProgressStatus,
  TargetRole,
  ValueKind,
} from '../entities/enums';

// What the read services take: plain filter and order specs. The GraphQL input types (graphql/filters.ts,
// graphql/orders.ts) implement these; a test or a command passes plain objects.

export interface PolicyFilterSpec {
  planCode?: string | null;
  policyNumber?: number | null;
  /** Same as policyNumber. */
  number?: number | null;
  search?: string | null;
}

export interface MeasureFilterSpec {
  planCode?: string | null;
  policyNumber?: number | null;
  footnoteCategory?: FootnoteCategory | null;
  search?: string | null;
}

export interface ProjectFilterSpec {
  planCode?: string | null;
  policyNumber?: number | null;
  /** Global ID of a measure. */
  measureId?: string | null;
  footnoteCategory?: FootnoteCategory | null;
  search?: string | null;
}

export interface IndicatorFilterSpec {
  planCode?: string | null;
  policyNumber?: number | null;
  measureId?: string | null;
  projectId?: string | null;
  kind?: IndicatorKind | null;
  unit?: string | null;
  direction?: Direction | null;
  cumulative?: boolean | null;
  fiscalYear?: number | null;
  fiscalYearFrom?: number | null;
  fiscalYearTo?: number | null;
  valueKind?: ValueKind | null;
  footnoteCategory?: FootnoteCategory | null;
  /** Progress status in statusYear, evaluated on approved actuals (as `progress` by default). */
  status?: ProgressStatus | null;
  statusYear?: number | null;
  /** With (true) or without (false) an approved actual. */
  hasActual?: boolean | null;
  search?: string | null;
}

export interface TargetFilterSpec extends IndicatorFilterSpec {
  indicatorId?: string | null;
  role?: TargetRole | null;
}

export interface FootnoteFilterSpec {
  planCode?: string | null;
  policyNumber?: number | null;
  measureId?: string | null;
  projectId?: string | null;
  footnoteCategory?: FootnoteCategory | null;
  /** Same as footnoteCategory. */
  category?: FootnoteCategory | null;
  fiscalYear?: number | null;
  search?: string | null;
}

export type SortDirection = 'ASC' | 'DESC';

/** One sort key: a field name of the list's order vocabulary (see services/sort.ts). */
export interface OrderSpec {
  field: string;
  direction: SortDirection;
}

/** Paging of a root list (Relay style: first/after or last/before). */
export interface PageSpec {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}
