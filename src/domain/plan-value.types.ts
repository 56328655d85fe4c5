import type { Comparator, ValueKind } from './vocabulary';

/** A typed reading of one value cell, kept next to its raw text. */
export interface PlanValueData {
  /** The cell text as written in the source, trimmed, with footnote markers removed. */
  raw: string;
  kind: ValueKind;
  /** Number in base units with the scale applied (44 万㎡ → 440000). Null when the cell is not numeric. */
  number: number | null;
  /** Base unit (㎡, 円, 件, %, 人 …) without scale prefix; null when the cell has none. */
  unit: string | null;
  /** Null for STATUS / MAINTAIN values; EQ for a plain number. */
  comparator: Comparator | null;
  /** Status text (実施, 検討・実施 …) or the maintain phrase; null for plain quantities. */
  text: string | null;
  /** A parenthesised remark that follows the value: 「実施 (パンフレット作成含む)」 → パンフレット作成含む. */
  note: string | null;
}

/** A parsed cell: the typed value plus the footnote markers that sat in the cell (normalised, e.g. "※1"). */
export interface ParsedCell {
  value: PlanValueData;
  markers: string[];
}
