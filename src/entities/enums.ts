import { registerEnumType } from 'type-graphql';

// Const objects rather than TS enums so the domain's string unions ('QUANTITY' …) are the same types.

export const ValueKind = { QUANTITY: 'QUANTITY', STATUS: 'STATUS', MAINTAIN: 'MAINTAIN' } as const;
export type ValueKind = (typeof ValueKind)[keyof typeof ValueKind];
registerEnumType(ValueKind, {
  name: 'ValueKind',
  description: 'How a plan value is to be read.',
  valuesConfig: {
    QUANTITY: { description: 'A number with a unit (and maybe a comparator), e.g. 55.5%, 44 万㎡, 5%未満.' },
    STATUS: { description: 'A text status such as 実施, 検討・実施 or 一部実施.' },
    MAINTAIN: { description: 'A span that asks to keep the current level, e.g. おおむね現状維持を目標 →.' },
  },
});

export const Comparator = { EQ: 'EQ', LT: 'LT', LTE: 'LTE', GT: 'GT', GTE: 'GTE', APPROX: 'APPROX' } as const;
export type Comparator = (typeof Comparator)[keyof typeof Comparator];
registerEnumType(Comparator, {
  name: 'Comparator',
  description: 'How a numeric target is to be compared with an achieved value.',
  valuesConfig: {
    EQ: { description: 'A plain number: the value itself.' },
    LT: { description: '未満: strictly under the number (a ceiling).' },
    LTE: { description: '以下: at most the number.' },
    GT: { description: '超: strictly over the number.' },
    GTE: { description: '以上: at least the number.' },
    APPROX: { description: '程度 / 約: about the number, within a tolerance.' },
  },
});

export const IndicatorKind = { OUTCOME: 'OUTCOME', OUTPUT: 'OUTPUT' } as const;
export type IndicatorKind = (typeof IndicatorKind)[keyof typeof IndicatorKind];
registerEnumType(IndicatorKind, {
  name: 'IndicatorKind',
  description: 'Whether an indicator measures the outcome of a measure or the output of a key project.',
  valuesConfig: {
    OUTCOME: { description: '成果指標: an outcome indicator of a measure.' },
    OUTPUT: { description: '実績目標: a performance target of a key project.' },
  },
});

export const Direction = {
  INCREASE: 'INCREASE',
  DECREASE: 'DECREASE',
  MAINTAIN: 'MAINTAIN',
  ZERO: 'ZERO',
  NONE: 'NONE',
} as const;
export type Direction = (typeof Direction)[keyof typeof Direction];
registerEnumType(Direction, {
  name: 'Direction',
  description: 'Which way is better for an indicator.',
  valuesConfig: {
    INCREASE: { description: 'Higher is better.' },
    DECREASE: { description: 'Lower is better (e.g. 経常収支比率).' },
    MAINTAIN: { description: 'Keep roughly the current level.' },
    ZERO: { description: 'Must stay at zero (e.g. system-failure counts).' },
    NONE: { description: 'No direction: text statuses, or the data does not say.' },
  },
});

export const TargetRole = { BASELINE_ESTIMATE: 'BASELINE_ESTIMATE', TARGET: 'TARGET' } as const;
export type TargetRole = (typeof TargetRole)[keyof typeof TargetRole];
registerEnumType(TargetRole, {
  name: 'TargetRole',
  description: 'What a cell of the plan says about its fiscal year.',
  valuesConfig: {
    BASELINE_ESTIMATE: { description: '本年度(見込み): an estimate of the base year’s actual, not a target.' },
    TARGET: { description: 'A target for the fiscal year.' },
  },
});

export const FootnoteCategory = {
  COVID_ADJUSTMENT: 'COVID_ADJUSTMENT',
  DEFINITION: 'DEFINITION',
  METHOD: 'METHOD',
  NOTE: 'NOTE',
} as const;
export type FootnoteCategory = (typeof FootnoteCategory)[keyof typeof FootnoteCategory];
registerEnumType(FootnoteCategory, {
  name: 'FootnoteCategory',
  description: 'What a footnote (※N) explains.',
  valuesConfig: {
    COVID_ADJUSTMENT: { description: 'A number adjusted for, or explained by, the COVID-19 pandemic.' },
    DEFINITION: { description: 'Defines a term used by the indicator.' },
    METHOD: { description: 'How the number is computed or counted.' },
    NOTE: { description: 'Any other remark.' },
  },
});

/** Every SQL CHECK list below is generated from these, so the database and the API agree. */
export const enumValues = {
  ValueKind: Object.values(ValueKind),
  Comparator: Object.values(Comparator),
  IndicatorKind: Object.values(IndicatorKind),
  Direction: Object.values(Direction),
  TargetRole: Object.values(TargetRole),
  FootnoteCategory: Object.values(FootnoteCategory),
};

export const ActualStatus = { DRAFT: 'DRAFT', SUBMITTED: 'SUBMITTED', APPROVED: 'APPROVED' } as const;
export type ActualStatus = (typeof ActualStatus)[keyof typeof ActualStatus];
registerEnumType(ActualStatus, {
  name: 'ActualStatus',
  description: 'Where an actual is in its review: DRAFT → SUBMITTED → APPROVED (or back to DRAFT when returned).',
  valuesConfig: {
    DRAFT: { description: 'Recorded (or returned), not yet submitted for review.' },
    SUBMITTED: { description: 'Waiting for an approver.' },
    APPROVED: { description: 'Approved: visible to the public and used in public progress.' },
  },
});

export const ActualAction = {
  RECORDED: 'RECORDED',
  SUBMITTED: 'SUBMITTED',
  APPROVED: 'APPROVED',
  RETURNED: 'RETURNED',
} as const;
export type ActualAction = (typeof ActualAction)[keyof typeof ActualAction];
registerEnumType(ActualAction, {
  name: 'ActualAction',
  description: 'What one revision of an actual did.',
  valuesConfig: {
    RECORDED: { description: 'A value was recorded (a new actual, or a new revision of one).' },
    SUBMITTED: { description: 'Submitted for review.' },
    APPROVED: { description: 'Approved by an approver.' },
    RETURNED: { description: 'Returned to draft by an approver, with a reason.' },
  },
});

export const ProgressStatus = {
  ACHIEVED: 'ACHIEVED',
  NOT_ACHIEVED: 'NOT_ACHIEVED',
  ON_TRACK: 'ON_TRACK',
  BEHIND: 'BEHIND',
  NO_DATA: 'NO_DATA',
  NOT_EVALUABLE: 'NOT_EVALUABLE',
} as const;
export type ProgressStatus = (typeof ProgressStatus)[keyof typeof ProgressStatus];
registerEnumType(ProgressStatus, {
  name: 'ProgressStatus',
  description: 'How far an indicator meets its target for a fiscal year.',
  valuesConfig: {
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
});
