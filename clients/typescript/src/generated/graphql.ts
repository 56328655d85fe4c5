/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** How a numeric target is to be compared with an achieved value. */
export type Comparator =
  /** 程度 / 約: about the number, within a tolerance. */
  | 'APPROX'
  /** A plain number: the value itself. */
  | 'EQ'
  /** 超: strictly over the number. */
  | 'GT'
  /** 以上: at least the number. */
  | 'GTE'
  /** 未満: strictly under the number (a ceiling). */
  | 'LT'
  /** 以下: at most the number. */
  | 'LTE';

/** Which way is better for an indicator. */
export type Direction =
  /** Lower is better (e.g. 経常収支比率). */
  | 'DECREASE'
  /** Higher is better. */
  | 'INCREASE'
  /** Keep roughly the current level. */
  | 'MAINTAIN'
  /** No direction: text statuses, or the data does not say. */
  | 'NONE'
  /** Must stay at zero (e.g. system-failure counts). */
  | 'ZERO';

/** What a footnote (※N) explains. */
export type FootnoteCategory =
  /** A number adjusted for, or explained by, the COVID-19 pandemic. */
  | 'COVID_ADJUSTMENT'
  /** Defines a term used by the indicator. */
  | 'DEFINITION'
  /** How the number is computed or counted. */
  | 'METHOD'
  /** Any other remark. */
  | 'NOTE';

/** Whether an indicator measures the outcome of a measure or the output of a key project. */
export type IndicatorKind =
  /** 成果指標: an outcome indicator of a measure. */
  | 'OUTCOME'
  /** 実績目標: a performance target of a key project. */
  | 'OUTPUT';

/** The language of a sentence the API writes (progress explanations); plan texts stay as printed. */
export type Language =
  /** English. */
  | 'EN'
  /** Japanese (日本語), with Japanese fiscal years (令和3年度). */
  | 'JA';

/** How far an indicator meets its target for a fiscal year. */
export type ProgressStatus =
  /** The year’s actual meets the year’s target. */
  | 'ACHIEVED'
  /** No actual for the year yet; the latest actual is behind a straight line to the target. */
  | 'BEHIND'
  /** The year’s actual misses the year’s target. */
  | 'NOT_ACHIEVED'
  /** No rule applies (no target for the year, unknown direction …); see the explanation. */
  | 'NOT_EVALUABLE'
  /** No actual recorded for the year or any earlier year. */
  | 'NO_DATA'
  /** No actual for the year yet; the latest actual is on or ahead of a straight line to the target. */
  | 'ON_TRACK';

/** What a cell of the plan says about its fiscal year. */
export type TargetRole =
  /** 本年度(見込み): an estimate of the base year’s actual, not a target. */
  | 'BASELINE_ESTIMATE'
  /** A target for the fiscal year. */
  | 'TARGET';

/** How a plan value is to be read. */
export type ValueKind =
  /** A span that asks to keep the current level, e.g. おおむね現状維持を目標 →. */
  | 'MAINTAIN'
  /** A number with a unit (and maybe a comparator), e.g. 55.5%, 44 万㎡, 5%未満. */
  | 'QUANTITY'
  /** A text status such as 実施, 検討・実施 or 一部実施. */
  | 'STATUS';

export type CovidCellsQueryVariables = Exact<{
  planCode: string;
  year: number;
}>;


export type CovidCellsQuery = { targets: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, role: TargetRole, fiscalYear: { year: number, label: string }, value: { raw: string, kind: ValueKind, number: number | null, unit: string | null }, footnotes: Array<{ marker: string, text: string, category: FootnoteCategory }>, indicator: { name: string, kind: IndicatorKind, measures: Array<{ title: string }>, projects: Array<{ title: string }> } }> } };

export type CovidFootnotesQueryVariables = Exact<{
  planCode: string;
}>;


export type CovidFootnotesQuery = { footnotes: { totalCount: number, nodes: Array<{ id: string, marker: string, text: string, measure: { title: string } | null, project: { title: string } | null, indicators: Array<{ name: string }>, targets: Array<{ fiscalYear: { year: number }, value: { raw: string }, indicator: { name: string } }> }> } };

export type IndicatorByNameQueryVariables = Exact<{
  planCode: string;
  search: string;
}>;


export type IndicatorByNameQuery = { indicators: { totalCount: number, nodes: Array<{ id: string, name: string, kind: IndicatorKind, unit: string | null, direction: Direction, cumulative: boolean, measures: Array<{ title: string, policy: { number: number } }>, projects: Array<{ title: string }>, targets: Array<{ role: TargetRole, fiscalYear: { year: number, label: string }, value: { raw: string, kind: ValueKind, number: number | null, unit: string | null, comparator: Comparator | null, text: string | null, note: string | null }, footnotes: Array<{ marker: string, text: string, category: FootnoteCategory }> }> }> } };

export type MeasureDashboardQueryVariables = Exact<{
  id: string | number;
  year: number;
}>;


export type MeasureDashboardQuery = { node:
    | { title: string, purpose: string, policy: { number: number, title: string }, progress: { indicatorCount: number, achievedShare: number | null, counts: Array<{ status: ProgressStatus, count: number }> }, aggregates: Array<{ fiscalYear: { year: number, label: string, labelEn: string }, byValueKind: Array<{ valueKind: ValueKind, count: number }>, sums: Array<{ unit: string, indicatorCount: number, targetTotal: number | null, actualTotal: number | null }> }>, footnotes: Array<{ marker: string, text: string, category: FootnoteCategory }>, outcomeIndicators: Array<{ id: string, name: string, unit: string | null, direction: Direction, cumulative: boolean, progress: { status: ProgressStatus, achievementRate: number | null, explanation: string }, series: Array<{ fiscalYear: { year: number, label: string }, baseline: { raw: string, number: number | null, unit: string | null } | null, target: { raw: string, number: number | null, unit: string | null, comparator: Comparator | null, text: string | null } | null, actual: { raw: string, number: number | null, unit: string | null, text: string | null } | null }> }>, projects: Array<{ title: string, repostPage: number | null, indicators: Array<{ name: string, group: string | null, progress: { status: ProgressStatus, explanation: string }, series: Array<{ fiscalYear: { year: number }, baseline: { raw: string } | null, target: { raw: string } | null, actual: { raw: string } | null }> }> }> }
    | Record<PropertyKey, never>
   | null };

export type PolicySubtreeQueryVariables = Exact<{
  code: string;
  policyNumber: number;
  year: number;
}>;


export type PolicySubtreeQuery = { policies: { nodes: Array<{ number: number, title: string, progress: { indicatorCount: number, achievedShare: number | null, counts: Array<{ status: ProgressStatus, count: number }> }, measures: Array<{ title: string, outcomeIndicators: Array<{ name: string, unit: string | null, series: Array<{ fiscalYear: { year: number }, target: { raw: string } | null, actual: { raw: string } | null }>, progress: { status: ProgressStatus } }>, projects: Array<{ title: string, indicators: Array<{ name: string, targets: Array<{ value: { raw: string }, footnotes: Array<{ category: FootnoteCategory }> }> }> }> }> }> } };

export type WholePlanQueryVariables = Exact<{
  code: string;
}>;


export type WholePlanQuery = { plan: { id: string, code: string, title: string, importWarnings: Array<string>, baseYear: { year: number, label: string, labelEn: string }, finalYear: { year: number, label: string }, fiscalYears: Array<{ year: number, label: string }>, policies: Array<{ id: string, number: number, title: string, measures: Array<{ id: string, position: number, title: string, purpose: string, policy: { number: number }, footnotes: Array<{ id: string, marker: string, text: string, category: FootnoteCategory }>, outcomeIndicators: Array<{ id: string, name: string, kind: IndicatorKind, unit: string | null, cumulative: boolean, direction: Direction, group: string | null, measures: Array<{ id: string }>, baseline: { id: string, value: { raw: string, number: number | null, unit: string | null } } | null, footnotes: Array<{ id: string, marker: string, text: string, category: FootnoteCategory }>, targets: Array<{ id: string, role: TargetRole, fiscalYear: { year: number, label: string }, value: { raw: string, kind: ValueKind, number: number | null, unit: string | null, comparator: Comparator | null, text: string | null, note: string | null }, footnotes: Array<{ id: string, marker: string, text: string, category: FootnoteCategory }> }> }>, projects: Array<{ id: string, title: string, approach: Array<string>, repostPage: number | null, measures: Array<{ id: string, title: string }>, footnotes: Array<{ id: string, marker: string, text: string, category: FootnoteCategory }>, indicators: Array<{ id: string, name: string, kind: IndicatorKind, unit: string | null, group: string | null, unlabeledCells: Array<string>, projects: Array<{ id: string }>, footnotes: Array<{ id: string, marker: string }>, targets: Array<{ id: string, role: TargetRole, fiscalYear: { year: number }, value: { raw: string, kind: ValueKind, number: number | null, unit: string | null, comparator: Comparator | null, text: string | null, note: string | null }, footnotes: Array<{ id: string, marker: string, category: FootnoteCategory }> }> }> }> }> }> } | null };

export type DashboardSummaryFragment = { indicatorCount: number, achievedShare: number | null, counts: Array<{ status: ProgressStatus, count: number }>, suggestedGrade: { code: string, ja: string, en: string } | null };

export type DashboardFootnoteFragment = { id: string, marker: string, text: string, category: FootnoteCategory };

export type DashboardValueFragment = { raw: string, kind: ValueKind, number: number | null, unit: string | null, comparator: Comparator | null, text: string | null, note: string | null };

export type DashboardIndicatorFragment = { id: string, name: string, kind: IndicatorKind, unit: string | null, direction: Direction, cumulative: boolean, group: string | null, footnotes: Array<{ id: string, marker: string, text: string, category: FootnoteCategory }>, targets: Array<{ id: string, role: TargetRole, fiscalYear: { year: number, label: string, labelEn: string }, value: { raw: string, kind: ValueKind, number: number | null, unit: string | null, comparator: Comparator | null, text: string | null, note: string | null }, footnotes: Array<{ id: string, marker: string, text: string, category: FootnoteCategory }> }>, actuals: Array<{ id: string, note: string | null, fiscalYear: { year: number, label: string, labelEn: string }, value: { raw: string, kind: ValueKind, number: number | null, unit: string | null, comparator: Comparator | null, text: string | null, note: string | null }, footnotes: Array<{ id: string, marker: string, text: string, category: FootnoteCategory }> }>, progress: { status: ProgressStatus, achievementRate: number | null, explanation: string } };

export type DashboardPlanFragment = { code: string, title: string, baseYear: { year: number }, finalYear: { year: number }, fiscalYears: Array<{ year: number, label: string, labelEn: string }>, planYears: Array<{ year: number }> };

export type DashboardIndicatorPageQueryVariables = Exact<{
  id: string | number;
  year: number;
  language: Language;
}>;


export type DashboardIndicatorPageQuery = { node:
    | { id: string, name: string, kind: IndicatorKind, unit: string | null, direction: Direction, cumulative: boolean, group: string | null, plan: { code: string, title: string, baseYear: { year: number }, finalYear: { year: number }, fiscalYears: Array<{ year: number, label: string, labelEn: string }>, planYears: Array<{ year: number }> }, measures: Array<{ id: string, title: string }>, projects: Array<{ id: string, title: string, measures: Array<{ id: string, title: string }> }>, footnotes: Array<{ id: string, marker: string, text: string, category: FootnoteCategory }>, targets: Array<{ id: string, role: TargetRole, fiscalYear: { year: number, label: string, labelEn: string }, value: { raw: string, kind: ValueKind, number: number | null, unit: string | null, comparator: Comparator | null, text: string | null, note: string | null }, footnotes: Array<{ id: string, marker: string, text: string, category: FootnoteCategory }> }>, actuals: Array<{ id: string, note: string | null, fiscalYear: { year: number, label: string, labelEn: string }, value: { raw: string, kind: ValueKind, number: number | null, unit: string | null, comparator: Comparator | null, text: string | null, note: string | null }, footnotes: Array<{ id: string, marker: string, text: string, category: FootnoteCategory }> }>, progress: { status: ProgressStatus, achievementRate: number | null, explanation: string } }
    | Record<PropertyKey, never>
   | null };

export type DashboardMeasureQueryVariables = Exact<{
  id: string | number;
  year: number;
  language: Language;
}>;


export type DashboardMeasureQuery = { node:
    | { id: string, title: string, purpose: string, plan: { code: string, title: string, baseYear: { year: number }, finalYear: { year: number }, fiscalYears: Array<{ year: number, label: string, labelEn: string }>, planYears: Array<{ year: number }> }, policy: { number: number, title: string }, progress: { indicatorCount: number, achievedShare: number | null, counts: Array<{ status: ProgressStatus, count: number }>, suggestedGrade: { code: string, ja: string, en: string } | null }, footnotes: Array<{ id: string, marker: string, text: string, category: FootnoteCategory }>, outcomeIndicators: Array<{ id: string, name: string, kind: IndicatorKind, unit: string | null, direction: Direction, cumulative: boolean, group: string | null, footnotes: Array<{ id: string, marker: string, text: string, category: FootnoteCategory }>, targets: Array<{ id: string, role: TargetRole, fiscalYear: { year: number, label: string, labelEn: string }, value: { raw: string, kind: ValueKind, number: number | null, unit: string | null, comparator: Comparator | null, text: string | null, note: string | null }, footnotes: Array<{ id: string, marker: string, text: string, category: FootnoteCategory }> }>, actuals: Array<{ id: string, note: string | null, fiscalYear: { year: number, label: string, labelEn: string }, value: { raw: string, kind: ValueKind, number: number | null, unit: string | null, comparator: Comparator | null, text: string | null, note: string | null }, footnotes: Array<{ id: string, marker: string, text: string, category: FootnoteCategory }> }>, progress: { status: ProgressStatus, achievementRate: number | null, explanation: string } }>, projects: Array<{ id: string, title: string, repostPage: number | null, footnotes: Array<{ id: string, marker: string, text: string, category: FootnoteCategory }>, indicators: Array<{ id: string, name: string, kind: IndicatorKind, unit: string | null, direction: Direction, cumulative: boolean, group: string | null, footnotes: Array<{ id: string, marker: string, text: string, category: FootnoteCategory }>, targets: Array<{ id: string, role: TargetRole, fiscalYear: { year: number, label: string, labelEn: string }, value: { raw: string, kind: ValueKind, number: number | null, unit: string | null, comparator: Comparator | null, text: string | null, note: string | null }, footnotes: Array<{ id: string, marker: string, text: string, category: FootnoteCategory }> }>, actuals: Array<{ id: string, note: string | null, fiscalYear: { year: number, label: string, labelEn: string }, value: { raw: string, kind: ValueKind, number: number | null, unit: string | null, comparator: Comparator | null, text: string | null, note: string | null }, footnotes: Array<{ id: string, marker: string, text: string, category: FootnoteCategory }> }>, progress: { status: ProgressStatus, achievementRate: number | null, explanation: string } }> }> }
    | Record<PropertyKey, never>
   | null };

export type DashboardOverviewQueryVariables = Exact<{
  year: number;
}>;


export type DashboardOverviewQuery = { plans: Array<{ id: string, code: string, title: string, progress: { indicatorCount: number, achievedShare: number | null, counts: Array<{ status: ProgressStatus, count: number }>, suggestedGrade: { code: string, ja: string, en: string } | null }, policies: Array<{ id: string, number: number, title: string, progress: { indicatorCount: number, achievedShare: number | null, counts: Array<{ status: ProgressStatus, count: number }>, suggestedGrade: { code: string, ja: string, en: string } | null }, measures: Array<{ id: string, title: string, progress: { indicatorCount: number, achievedShare: number | null, counts: Array<{ status: ProgressStatus, count: number }>, suggestedGrade: { code: string, ja: string, en: string } | null } }> }>, baseYear: { year: number }, finalYear: { year: number }, fiscalYears: Array<{ year: number, label: string, labelEn: string }>, planYears: Array<{ year: number }> }> };

export type DashboardYearsQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardYearsQuery = { plans: Array<{ fiscalYears: Array<{ year: number }> }> };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const DashboardSummaryFragmentDoc = new TypedDocumentString(`
    fragment DashboardSummary on ProgressSummary {
  indicatorCount
  achievedShare
  counts {
    status
    count
  }
  suggestedGrade {
    code
    ja: label(language: JA)
    en: label(language: EN)
  }
}
    `, {"fragmentName":"DashboardSummary"}) as unknown as TypedDocumentString<DashboardSummaryFragment, unknown>;
export const DashboardFootnoteFragmentDoc = new TypedDocumentString(`
    fragment DashboardFootnote on Footnote {
  id
  marker
  text
  category
}
    `, {"fragmentName":"DashboardFootnote"}) as unknown as TypedDocumentString<DashboardFootnoteFragment, unknown>;
export const DashboardValueFragmentDoc = new TypedDocumentString(`
    fragment DashboardValue on PlanValue {
  raw
  kind
  number
  unit
  comparator
  text
  note
}
    `, {"fragmentName":"DashboardValue"}) as unknown as TypedDocumentString<DashboardValueFragment, unknown>;
export const DashboardIndicatorFragmentDoc = new TypedDocumentString(`
    fragment DashboardIndicator on Indicator {
  id
  name
  kind
  unit
  direction
  cumulative
  group
  footnotes {
    ...DashboardFootnote
  }
  targets {
    id
    role
    fiscalYear {
      year
      label
      labelEn
    }
    value {
      ...DashboardValue
    }
    footnotes {
      ...DashboardFootnote
    }
  }
  actuals {
    id
    fiscalYear {
      year
      label
      labelEn
    }
    value {
      ...DashboardValue
    }
    note
    footnotes {
      ...DashboardFootnote
    }
  }
  progress(fiscalYear: $year) {
    status
    achievementRate
    explanation(language: $language)
  }
}
    fragment DashboardFootnote on Footnote {
  id
  marker
  text
  category
}
fragment DashboardValue on PlanValue {
  raw
  kind
  number
  unit
  comparator
  text
  note
}`, {"fragmentName":"DashboardIndicator"}) as unknown as TypedDocumentString<DashboardIndicatorFragment, unknown>;
export const DashboardPlanFragmentDoc = new TypedDocumentString(`
    fragment DashboardPlan on Plan {
  code
  title
  baseYear {
    year
  }
  finalYear {
    year
  }
  fiscalYears {
    year
    label
    labelEn
  }
  planYears {
    year
  }
}
    `, {"fragmentName":"DashboardPlan"}) as unknown as TypedDocumentString<DashboardPlanFragment, unknown>;
export const CovidCellsDocument = new TypedDocumentString(`
    query CovidCells($planCode: String!, $year: Int!) {
  targets(
    filter: {planCode: $planCode, fiscalYear: $year, footnoteCategory: COVID_ADJUSTMENT}
    first: 100
  ) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      id
      role
      fiscalYear {
        year
        label
      }
      value {
        raw
        kind
        number
        unit
      }
      footnotes {
        marker
        text
        category
      }
      indicator {
        name
        kind
        measures {
          title
        }
        projects {
          title
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<CovidCellsQuery, CovidCellsQueryVariables>;
export const CovidFootnotesDocument = new TypedDocumentString(`
    query CovidFootnotes($planCode: String!) {
  footnotes(filter: {planCode: $planCode, category: COVID_ADJUSTMENT}, first: 100) {
    totalCount
    nodes {
      id
      marker
      text
      measure {
        title
      }
      project {
        title
      }
      indicators {
        name
      }
      targets {
        fiscalYear {
          year
        }
        value {
          raw
        }
        indicator {
          name
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<CovidFootnotesQuery, CovidFootnotesQueryVariables>;
export const IndicatorByNameDocument = new TypedDocumentString(`
    query IndicatorByName($planCode: String!, $search: String!) {
  indicators(filter: {planCode: $planCode, search: $search}, first: 10) {
    totalCount
    nodes {
      id
      name
      kind
      unit
      direction
      cumulative
      measures {
        title
        policy {
          number
        }
      }
      projects {
        title
      }
      targets {
        role
        fiscalYear {
          year
          label
        }
        value {
          raw
          kind
          number
          unit
          comparator
          text
          note
        }
        footnotes {
          marker
          text
          category
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<IndicatorByNameQuery, IndicatorByNameQueryVariables>;
export const MeasureDashboardDocument = new TypedDocumentString(`
    query MeasureDashboard($id: ID!, $year: Int!) {
  node(id: $id) {
    ... on Measure {
      title
      purpose
      policy {
        number
        title
      }
      progress(fiscalYear: $year) {
        indicatorCount
        achievedShare
        counts {
          status
          count
        }
      }
      aggregates(fiscalYears: [$year]) {
        fiscalYear {
          year
          label
          labelEn
        }
        byValueKind {
          valueKind
          count
        }
        sums {
          unit
          indicatorCount
          targetTotal
          actualTotal
        }
      }
      footnotes {
        marker
        text
        category
      }
      outcomeIndicators {
        id
        name
        unit
        direction
        cumulative
        progress(fiscalYear: $year) {
          status
          achievementRate
          explanation
        }
        series {
          fiscalYear {
            year
            label
          }
          baseline {
            raw
            number
            unit
          }
          target {
            raw
            number
            unit
            comparator
            text
          }
          actual {
            raw
            number
            unit
            text
          }
        }
      }
      projects {
        title
        repostPage
        indicators {
          name
          group
          progress(fiscalYear: $year) {
            status
            explanation
          }
          series {
            fiscalYear {
              year
            }
            baseline {
              raw
            }
            target {
              raw
            }
            actual {
              raw
            }
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<MeasureDashboardQuery, MeasureDashboardQueryVariables>;
export const PolicySubtreeDocument = new TypedDocumentString(`
    query PolicySubtree($code: String!, $policyNumber: Int!, $year: Int!) {
  policies(filter: {planCode: $code, policyNumber: $policyNumber}, first: 1) {
    nodes {
      number
      title
      progress(fiscalYear: $year) {
        indicatorCount
        achievedShare
        counts {
          status
          count
        }
      }
      measures {
        title
        outcomeIndicators {
          name
          unit
          series {
            fiscalYear {
              year
            }
            target {
              raw
            }
            actual {
              raw
            }
          }
          progress(fiscalYear: $year) {
            status
          }
        }
        projects {
          title
          indicators(filter: {kind: OUTPUT}) {
            name
            targets(fiscalYears: [$year]) {
              value {
                raw
              }
              footnotes {
                category
              }
            }
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<PolicySubtreeQuery, PolicySubtreeQueryVariables>;
export const WholePlanDocument = new TypedDocumentString(`
    query WholePlan($code: String!) {
  plan(code: $code) {
    id
    code
    title
    baseYear {
      year
      label
      labelEn
    }
    finalYear {
      year
      label
    }
    fiscalYears {
      year
      label
    }
    importWarnings
    policies {
      id
      number
      title
      measures {
        id
        position
        title
        purpose
        policy {
          number
        }
        footnotes {
          id
          marker
          text
          category
        }
        outcomeIndicators {
          id
          name
          kind
          unit
          cumulative
          direction
          group
          measures {
            id
          }
          baseline {
            id
            value {
              raw
              number
              unit
            }
          }
          footnotes {
            id
            marker
            text
            category
          }
          targets {
            id
            role
            fiscalYear {
              year
              label
            }
            value {
              raw
              kind
              number
              unit
              comparator
              text
              note
            }
            footnotes {
              id
              marker
              text
              category
            }
          }
        }
        projects {
          id
          title
          approach
          repostPage
          measures {
            id
            title
          }
          footnotes {
            id
            marker
            text
            category
          }
          indicators {
            id
            name
            kind
            unit
            group
            unlabeledCells
            projects {
              id
            }
            footnotes {
              id
              marker
            }
            targets {
              id
              role
              fiscalYear {
                year
              }
              value {
                raw
                kind
                number
                unit
                comparator
                text
                note
              }
              footnotes {
                id
                marker
                category
              }
            }
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<WholePlanQuery, WholePlanQueryVariables>;
export const DashboardIndicatorPageDocument = new TypedDocumentString(`
    query DashboardIndicatorPage($id: ID!, $year: Int!, $language: Language!) {
  node(id: $id) {
    ... on Indicator {
      ...DashboardIndicator
      plan {
        ...DashboardPlan
      }
      measures {
        id
        title
      }
      projects {
        id
        title
        measures {
          id
          title
        }
      }
    }
  }
}
    fragment DashboardFootnote on Footnote {
  id
  marker
  text
  category
}
fragment DashboardValue on PlanValue {
  raw
  kind
  number
  unit
  comparator
  text
  note
}
fragment DashboardIndicator on Indicator {
  id
  name
  kind
  unit
  direction
  cumulative
  group
  footnotes {
    ...DashboardFootnote
  }
  targets {
    id
    role
    fiscalYear {
      year
      label
      labelEn
    }
    value {
      ...DashboardValue
    }
    footnotes {
      ...DashboardFootnote
    }
  }
  actuals {
    id
    fiscalYear {
      year
      label
      labelEn
    }
    value {
      ...DashboardValue
    }
    note
    footnotes {
      ...DashboardFootnote
    }
  }
  progress(fiscalYear: $year) {
    status
    achievementRate
    explanation(language: $language)
  }
}
fragment DashboardPlan on Plan {
  code
  title
  baseYear {
    year
  }
  finalYear {
    year
  }
  fiscalYears {
    year
    label
    labelEn
  }
  planYears {
    year
  }
}`) as unknown as TypedDocumentString<DashboardIndicatorPageQuery, DashboardIndicatorPageQueryVariables>;
export const DashboardMeasureDocument = new TypedDocumentString(`
    query DashboardMeasure($id: ID!, $year: Int!, $language: Language!) {
  node(id: $id) {
    ... on Measure {
      id
      title
      purpose
      plan {
        ...DashboardPlan
      }
      policy {
        number
        title
      }
      progress(fiscalYear: $year) {
        ...DashboardSummary
      }
      footnotes {
        ...DashboardFootnote
      }
      outcomeIndicators {
        ...DashboardIndicator
      }
      projects {
        id
        title
        repostPage
        footnotes {
          ...DashboardFootnote
        }
        indicators {
          ...DashboardIndicator
        }
      }
    }
  }
}
    fragment DashboardSummary on ProgressSummary {
  indicatorCount
  achievedShare
  counts {
    status
    count
  }
  suggestedGrade {
    code
    ja: label(language: JA)
    en: label(language: EN)
  }
}
fragment DashboardFootnote on Footnote {
  id
  marker
  text
  category
}
fragment DashboardValue on PlanValue {
  raw
  kind
  number
  unit
  comparator
  text
  note
}
fragment DashboardIndicator on Indicator {
  id
  name
  kind
  unit
  direction
  cumulative
  group
  footnotes {
    ...DashboardFootnote
  }
  targets {
    id
    role
    fiscalYear {
      year
      label
      labelEn
    }
    value {
      ...DashboardValue
    }
    footnotes {
      ...DashboardFootnote
    }
  }
  actuals {
    id
    fiscalYear {
      year
      label
      labelEn
    }
    value {
      ...DashboardValue
    }
    note
    footnotes {
      ...DashboardFootnote
    }
  }
  progress(fiscalYear: $year) {
    status
    achievementRate
    explanation(language: $language)
  }
}
fragment DashboardPlan on Plan {
  code
  title
  baseYear {
    year
  }
  finalYear {
    year
  }
  fiscalYears {
    year
    label
    labelEn
  }
  planYears {
    year
  }
}`) as unknown as TypedDocumentString<DashboardMeasureQuery, DashboardMeasureQueryVariables>;
export const DashboardOverviewDocument = new TypedDocumentString(`
    query DashboardOverview($year: Int!) {
  plans {
    id
    ...DashboardPlan
    progress(fiscalYear: $year) {
      ...DashboardSummary
    }
    policies {
      id
      number
      title
      progress(fiscalYear: $year) {
        ...DashboardSummary
      }
      measures {
        id
        title
        progress(fiscalYear: $year) {
          ...DashboardSummary
        }
      }
    }
  }
}
    fragment DashboardSummary on ProgressSummary {
  indicatorCount
  achievedShare
  counts {
    status
    count
  }
  suggestedGrade {
    code
    ja: label(language: JA)
    en: label(language: EN)
  }
}
fragment DashboardPlan on Plan {
  code
  title
  baseYear {
    year
  }
  finalYear {
    year
  }
  fiscalYears {
    year
    label
    labelEn
  }
  planYears {
    year
  }
}`) as unknown as TypedDocumentString<DashboardOverviewQuery, DashboardOverviewQueryVariables>;
export const DashboardYearsDocument = new TypedDocumentString(`
    query DashboardYears {
  plans {
    fiscalYears {
      year
    }
  }
}
    `) as unknown as TypedDocumentString<DashboardYearsQuery, DashboardYearsQueryVariables>;