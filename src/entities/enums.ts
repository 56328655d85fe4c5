import { registerEnumType } from 'type-graphql';
import {
  ACTUAL_ACTIONS,
  ACTUAL_STATUSES,
  COMPARATORS,
  DELIVERY_STATUSES,
  DIRECTIONS,
  FISCAL_YEAR_ACTIONS,
  EVENT_KINDS,
  FISCAL_YEAR_EVENT_KINDS,
  FOOTNOTE_CATEGORIES,
  INDICATOR_KINDS,
  PLAN_CHANGE_KINDS,
  PLAN_SUBJECT_TYPES,
  PROGRESS_STATUSES,
  REPORTING_STATES,
  TARGET_ROLES,
  VALUE_KINDS,
} from '../domain/vocabulary';
import type * as V from '../domain/vocabulary';

/**
 * The GraphQL side of the vocabulary in src/domain/vocabulary.ts: each enum is registered with type-graphql from
 * the domain's array, as a const object { VALUE: 'VALUE' } (the value and the type share a name, so
 * `@Field(() => Direction) direction!: Direction` reads as before). Descriptions are keyed by value and required
 * for every one, so a word added to the domain cannot reach the schema undescribed.
 */

type EnumObject<T extends string> = { readonly [K in T]: K };

function registerVocabulary<T extends string>(
  values: readonly T[],
  name: string,
  description: string,
  valuesConfig: Record<T, { description: string }>,
): EnumObject<T> {
  const enumObject = Object.freeze(Object.fromEntries(values.map((v) => [v, v]))) as EnumObject<T>;
  registerEnumType(enumObject, { name, description, valuesConfig });
  return enumObject;
}

export type ValueKind = V.ValueKind;
export const ValueKind = registerVocabulary(VALUE_KINDS, 'ValueKind', 'How a plan value is to be read.', {
  QUANTITY: { description: 'A number with a unit (and maybe a comparator), e.g. 55.5%, 44 万㎡, 5%未満.' },
  STATUS: { description: 'A text status such as 実施, 検討・実施 or 一部実施.' },
  MAINTAIN: { description: 'A span that asks to keep the current level, e.g. おおむね現状維持を目標 →.' },
});

export type Comparator = V.Comparator;
export const Comparator = registerVocabulary(
  COMPARATORS,
  'Comparator',
  'How a numeric target is to be compared with an achieved value.',
  {
    EQ: { description: 'A plain number: the value itself.' },
    LT: { description: '未満: strictly under the number (a ceiling).' },
    LTE: { description: '以下: at most the number.' },
    GT: { description: '超: strictly over the number.' },
    GTE: { description: '以上: at least the number.' },
    APPROX: { description: '程度 / 約: about the number, within a tolerance.' },
  },
);

export type IndicatorKind = V.IndicatorKind;
export const IndicatorKind = registerVocabulary(
  INDICATOR_KINDS,
  'IndicatorKind',
  'Whether an indicator measures the outcome of a measure or the output of a key project.',
  {
    OUTCOME: { description: '成果指標: an outcome indicator of a measure.' },
    OUTPUT: { description: '実績目標: a performance target of a key project.' },
  },
);

export type Direction = V.Direction;
export const Direction = registerVocabulary(DIRECTIONS, 'Direction', 'Which way is better for an indicator.', {
  INCREASE: { description: 'Higher is better.' },
  DECREASE: { description: 'Lower is better (e.g. 経常収支比率).' },
  MAINTAIN: { description: 'Keep roughly the current level.' },
  ZERO: { description: 'Must stay at zero (e.g. system-failure counts).' },
  NONE: { description: 'No direction: text statuses, or the data does not say.' },
});

export type TargetRole = V.TargetRole;
export const TargetRole = registerVocabulary(
  TARGET_ROLES,
  'TargetRole',
  'What a cell of the plan says about its fiscal year.',
  {
    BASELINE_ESTIMATE: { description: '本年度(見込み): an estimate of the base year’s actual, not a target.' },
    TARGET: { description: 'A target for the fiscal year.' },
  },
);

export type FootnoteCategory = V.FootnoteCategory;
export const FootnoteCategory = registerVocabulary(
  FOOTNOTE_CATEGORIES,
  'FootnoteCategory',
  'What a footnote (※N) explains.',
  {
    COVID_ADJUSTMENT: { description: 'A number adjusted for, or explained by, the COVID-19 pandemic.' },
    DEFINITION: { description: 'Defines a term used by the indicator.' },
    METHOD: { description: 'How the number is computed or counted.' },
    NOTE: { description: 'Any other remark.' },
  },
);

export type ActualStatus = V.ActualStatus;
export const ActualStatus = registerVocabulary(
  ACTUAL_STATUSES,
  'ActualStatus',
  'Where an actual is in its review: DRAFT → SUBMITTED → APPROVED (or back to DRAFT when returned).',
  {
    DRAFT: { description: 'Recorded (or returned), not yet submitted for review.' },
    SUBMITTED: { description: 'Waiting for an approver.' },
    APPROVED: { description: 'Approved: visible to the public and used in public progress.' },
  },
);

export type ActualAction = V.ActualAction;
export const ActualAction = registerVocabulary(ACTUAL_ACTIONS, 'ActualAction', 'What one revision of an actual did.', {
  RECORDED: { description: 'A value was recorded (a new actual, or a new revision of one).' },
  SUBMITTED: { description: 'Submitted for review.' },
  APPROVED: { description: 'Approved by an approver.' },
  RETURNED: { description: 'Returned to draft by an approver, with a reason.' },
});

export type ProgressStatus = V.ProgressStatus;
export const ProgressStatus = registerVocabulary(
  PROGRESS_STATUSES,
  'ProgressStatus',
  'How far an indicator meets its target for a fiscal year.',
  {
    ACHIEVED: { description: 'The year’s actual meets the year’s target.' },
    NOT_ACHIEVED: { description: 'The year’s actual misses the year’s target.' },
    ON_TRACK: {
      description: 'No actual for the year yet; the latest actual is on or ahead of a straight line to the target.',
    },
    BEHIND: { description: 'No actual for the year yet; the latest actual is behind a straight line to the target.' },
    NO_DATA: { description: 'No actual recorded for the year or any earlier year.' },
    NOT_EVALUABLE: {
      description: 'No rule applies (no target for the year, unknown direction …); see the explanation.',
    },
  },
);

export type FiscalYearAction = V.FiscalYearAction;
export const FiscalYearAction = registerVocabulary(
  FISCAL_YEAR_ACTIONS,
  'FiscalYearAction',
  'A step in the history of a plan’s fiscal year.',
  {
    CLOSED: { description: 'Closed (for the whole plan, or for one measure): its actuals no longer change.' },
    REOPENED: { description: 'Reopened by an admin, with a reason: its actuals may change again.' },
  },
);

export type ReportingState = V.ReportingState;
export const ReportingState = registerVocabulary(
  REPORTING_STATES,
  'ReportingState',
  'Where an indicator’s actual for a fiscal year is in the reporting cycle (token holders’ view: the latest revision).',
  {
    MISSING: { description: 'No actual recorded for the year.' },
    DRAFT: { description: 'Recorded, not yet submitted (and not returned).' },
    SUBMITTED: { description: 'Submitted, waiting for an approver.' },
    APPROVED: { description: 'Approved (for the public: an approved revision exists).' },
    RETURNED: { description: 'Returned to draft by an approver, not yet submitted again.' },
  },
);
export type ActualEventKind = V.ActualAction;
export const ActualEventKind = registerVocabulary(
  ACTUAL_ACTIONS,
  'ActualEventKind',
  'The review step an actualChanged event announces.',
  {
    RECORDED: { description: 'A value was recorded (a draft: token holders only).' },
    SUBMITTED: { description: 'Submitted for review (token holders only).' },
    APPROVED: { description: 'Approved: the public sees the new value.' },
    RETURNED: { description: 'Returned to draft, with a reason (token holders only).' },
  },
);

export type FiscalYearEventKind = V.FiscalYearEventKind;
export const FiscalYearEventKind = registerVocabulary(
  FISCAL_YEAR_EVENT_KINDS,
  'FiscalYearEventKind',
  'What happened to a fiscal year (for the whole plan or one measure).',
  {
    CLOSED: { description: 'Closed: its actuals no longer change.' },
    REOPENED: { description: 'Reopened by an admin: its actuals may change again.' },
  },
);

export type WebhookEvent = V.EventKind;
export const WebhookEvent = registerVocabulary(EVENT_KINDS, 'WebhookEvent', 'An event a webhook is sent.', {
  ACTUAL_RECORDED: { description: 'A value of an actual was recorded (a draft).' },
  ACTUAL_SUBMITTED: { description: 'An actual was submitted for review.' },
  ACTUAL_APPROVED: { description: 'An actual was approved.' },
  ACTUAL_RETURNED: { description: 'An actual was returned to draft, with a reason.' },
  FISCAL_YEAR_CLOSED: { description: 'A fiscal year was closed (for the plan or one measure).' },
  FISCAL_YEAR_REOPENED: { description: 'A fiscal year was reopened.' },
});

export type DeliveryStatus = V.DeliveryStatus;
export const DeliveryStatus = registerVocabulary(DELIVERY_STATUSES, 'DeliveryStatus', 'Where a webhook delivery is.', {
  PENDING: { description: 'Waiting for its first attempt or its next retry (see nextAttemptAt).' },
  DELIVERED: { description: 'The receiver answered with a 2xx status.' },
  FAILED: { description: 'Given up after the last retry.' },
});

export type PlanChangeKind = V.PlanChangeKind;
export const PlanChangeKind = registerVocabulary(
  PLAN_CHANGE_KINDS,
  'PlanChangeKind',
  'How an item of a term differs from the previous term.',
  {
    ADDED: { description: 'New in this term: nothing in the previous term was matched to it.' },
    REMOVED: { description: 'In the previous term only: nothing in this term was matched to it.' },
    RENAMED: { description: 'Matched to a previous item with another name (by overlap, similarity or an override).' },
    RENUMBERED: { description: 'A policy matched by its title whose number changed.' },
    RETARGETED: { description: 'An indicator whose final-year (基本計画 最終年度) target changed.' },
    MOVED: { description: 'A measure under another policy, or a project under other measures, than before.' },
  },
);

export type PlanSubjectType = V.PlanSubjectType;
export const PlanSubjectType = registerVocabulary(
  PLAN_SUBJECT_TYPES,
  'PlanSubjectType',
  'What a plan change is about.',
  {
    POLICY: { description: 'A policy (政策).' },
    MEASURE: { description: 'A measure (施策).' },
    PROJECT: { description: 'A key project (重点事業).' },
    INDICATOR: { description: 'An indicator (成果指標 or 実績目標).' },
  },
);
