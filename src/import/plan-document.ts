import type { LineageOverrides } from './lineage';
import type { PlanValueData } from '../domain/plan-value.types';
import type { Direction, FootnoteCategory, IndicatorKind, TargetRole } from '../domain/vocabulary';

/**
 * The plain plan object: everything the parser read from one plan document, with no database ids.
 * The writer (src/import/writer.ts) stores exactly this in one transaction.
 * Keys (`key`) are stable strings the parser makes to link the parts together.
 */
export interface ParsedPlan {
  title: string;
  /** Fiscal year (Gregorian start year) of the 本年度(見込み) column. */
  baseYear: number;
  /** Fiscal years of the 実施計画 columns, ascending (2021, 2022, 2023). */
  planYears: number[];
  /** Fiscal year of the 基本計画 最終年度 column. */
  finalYear: number;
  policies: ParsedPolicy[];
  measures: ParsedMeasure[];
  projects: ParsedProject[];
  indicators: ParsedIndicator[];
  footnotes: ParsedFootnote[];
  /** Everything unreadable, ambiguous or inferred, in document order, each a full sentence a user can act on. */
  warnings: string[];
}

export interface ParsedPolicy {
  number: number;
  title: string;
}

export interface ParsedMeasure {
  key: string;
  /** 1-based order in the document. */
  position: number;
  title: string;
  /** 目的・方向性 paragraphs joined with "\n". */
  purpose: string;
  policyNumber: number;
  /** True when no page header inside the measure named its policy and it was inferred (a warning says so). */
  policyInferred: boolean;
  /** Outcome indicator keys in table order. */
  indicatorKeys: string[];
  /** Project keys in document order. */
  projectKeys: string[];
  /** Keys of the footnotes printed under the outcome table. */
  footnoteKeys: string[];
}

export interface ParsedProject {
  key: string;
  /** Title without the 【再掲…】 mark. */
  title: string;
  /** 実施方針 bullet items in order; trailing prose after the list is the last item. */
  approach: string[];
  /** Page of the original when the project (or one of its printings) is marked 【再掲 (P150)】; else null. */
  repostPage: number | null;
  /** Keys of the measures it is printed under, in document order (a repost adds a measure). */
  measureKeys: string[];
  /** Output indicator keys in table order. */
  indicatorKeys: string[];
  /** Keys of the footnotes printed under its table. */
  footnoteKeys: string[];
}

export interface ParsedIndicator {
  key: string;
  /** Name without footnote markers and without 【再掲】, whitespace normalised. */
  name: string;
  kind: IndicatorKind;
  /** The unit most of its numeric cells carry (base unit), or null. */
  unit: string | null;
  cumulative: boolean;
  direction: Direction;
  /** For grouped rows (the facility-rebuild table): the area heading; else null. */
  group: string | null;
  /** One entry per fiscal-year cell (empty source cells are omitted, a warning says so when unexpected). */
  cells: ParsedTargetCell[];
  /** Cells that sat in a column with no fiscal-year label, raw text in column order (kept, never dropped). */
  unlabeledCells: string[];
  /** Keys of footnotes whose marker sits on the row label (not on a cell). */
  footnoteKeys: string[];
}

export interface ParsedTargetCell {
  fiscalYear: number;
  role: TargetRole;
  value: PlanValueData;
  /** Keys of footnotes whose marker sits in this cell. */
  footnoteKeys: string[];
}

export interface ParsedFootnote {
  key: string;
  /** Normalised marker, e.g. "※1". Markers are local to the table they are printed under. */
  marker: string;
  text: string;
  category: FootnoteCategory;
  /** Exactly one of these is set: the table the footnote is printed under. */
  measureKey: string | null;
  projectKey: string | null;
}

/** Curated corrections applied after parsing (seeds/*-overrides.json). Keyed by indicator name. */
export interface IndicatorOverrides {
  /** Lineage to the previous term (import --previous): forced and forbidden indicator matches, with reasons. */
  lineage?: LineageOverrides;
  indicators?: Record<string, { direction?: Direction; cumulative?: boolean; unit?: string | null }>;
}
