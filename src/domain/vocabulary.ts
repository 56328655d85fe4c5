/**
 * The product's vocabulary, once. Each word list is an `as const` array and its type is the union of its items:
 * the GraphQL enums (src/entities/enums.ts), the importer and the database's CHECK constraints (migrations/,
 * pinned by test/integration/vocabulary.test.ts) all take their values from here.
 */

/** Whether `value` is one of `values`: narrows text read from outside (JSON, CSV, a database row). */
export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

/** How a cell of a plan (or an actual) is to be read. */
export const VALUE_KINDS = ['QUANTITY', 'STATUS', 'MAINTAIN'] as const;
export type ValueKind = (typeof VALUE_KINDS)[number];

/** An actual is a concrete achieved value: a quantity or a status word, never "keep the level". */
export const ACTUAL_VALUE_KINDS = ['QUANTITY', 'STATUS'] as const satisfies readonly ValueKind[];
export type ActualValueKind = (typeof ACTUAL_VALUE_KINDS)[number];

/** The comparison a target implies: 「5%未満」 is LT, 「90%程度」 is APPROX, a plain number is EQ. */
export const COMPARATORS = ['EQ', 'LT', 'LTE', 'GT', 'GTE', 'APPROX'] as const;
export type Comparator = (typeof COMPARATORS)[number];

/** 成果指標 (a measure's outcome) or 実績目標 (a key project's output). */
export const INDICATOR_KINDS = ['OUTCOME', 'OUTPUT'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

/** Which way is better for an indicator. */
export const DIRECTIONS = ['INCREASE', 'DECREASE', 'MAINTAIN', 'ZERO', 'NONE'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** What a plan cell says about its fiscal year: the 本年度(見込み) estimate, or a target. */
export const TARGET_ROLES = ['BASELINE_ESTIMATE', 'TARGET'] as const;
export type TargetRole = (typeof TARGET_ROLES)[number];

/** What a footnote (※N) explains. */
export const FOOTNOTE_CATEGORIES = ['COVID_ADJUSTMENT', 'DEFINITION', 'METHOD', 'NOTE'] as const;
export type FootnoteCategory = (typeof FOOTNOTE_CATEGORIES)[number];

/** Where an actual is in its review: DRAFT → SUBMITTED → APPROVED (or back to DRAFT when returned). */
export const ACTUAL_STATUSES = ['DRAFT', 'SUBMITTED', 'APPROVED'] as const;
export type ActualStatus = (typeof ACTUAL_STATUSES)[number];

/** What one revision of an actual did. */
export const ACTUAL_ACTIONS = ['RECORDED', 'SUBMITTED', 'APPROVED', 'RETURNED'] as const;
export type ActualAction = (typeof ACTUAL_ACTIONS)[number];

/** How far an indicator meets its target for a fiscal year, in the order roll-ups list them. */
export const PROGRESS_STATUSES = [
  'ACHIEVED',
  'NOT_ACHIEVED',
  'ON_TRACK',
  'BEHIND',
  'NO_DATA',
  'NOT_EVALUABLE',
] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];

/** What an API token may do: record and submit actuals (editor), approve or return them (approver), or both (admin). */
export const ROLES = ['editor', 'approver', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** A step in the history of a plan's fiscal year. */
export const FISCAL_YEAR_ACTIONS = ['CLOSED', 'REOPENED'] as const;
export type FiscalYearAction = (typeof FISCAL_YEAR_ACTIONS)[number];

/** Where an indicator's actual for a fiscal year is in the reporting cycle (ReportingStatus counts one per state). */
export const REPORTING_STATES = ['MISSING', 'DRAFT', 'SUBMITTED', 'APPROVED', 'RETURNED'] as const;
export type ReportingState = (typeof REPORTING_STATES)[number];
/**
 * What the event outbox records: a step of an actual's review, or a fiscal year closed or reopened. Webhooks
 * subscribe to these words; subscriptions read them as ActualEventKind (the review step) and FiscalYearEventKind.
 */
export const EVENT_KINDS = [
  'ACTUAL_RECORDED',
  'ACTUAL_SUBMITTED',
  'ACTUAL_APPROVED',
  'ACTUAL_RETURNED',
  'FISCAL_YEAR_CLOSED',
  'FISCAL_YEAR_REOPENED',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** A fiscal year's event, as fiscalYearChanged names it. */
export const FISCAL_YEAR_EVENT_KINDS = FISCAL_YEAR_ACTIONS;
export type FiscalYearEventKind = (typeof FISCAL_YEAR_EVENT_KINDS)[number];

/** Where a webhook delivery is: waiting for its (next) attempt, delivered (2xx), or given up after every retry. */
export const DELIVERY_STATUSES = ['PENDING', 'DELIVERED', 'FAILED'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** The grading scales the API knows by name (src/domain/grading.ts): Kawasaki-style five levels, Yokohama-style S/A/B/C. */
export const GRADING_PRESETS = ['FIVE_LEVEL', 'SABC'] as const;
export type GradingPreset = (typeof GRADING_PRESETS)[number];
/** How a term's item differs from the previous term's (Plan.changesFromPrevious). */
export const PLAN_CHANGE_KINDS = ['ADDED', 'REMOVED', 'RENAMED', 'RENUMBERED', 'RETARGETED', 'MOVED'] as const;
export type PlanChangeKind = (typeof PLAN_CHANGE_KINDS)[number];

/** What a plan change is about. */
export const PLAN_SUBJECT_TYPES = ['POLICY', 'MEASURE', 'PROJECT', 'INDICATOR'] as const;
export type PlanSubjectType = (typeof PLAN_SUBJECT_TYPES)[number];
