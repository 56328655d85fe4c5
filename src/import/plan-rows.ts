import { matchKey } from '../domain/text';
import type { IndicatorKind } from '../domain/vocabulary';
import type { ParsedIndicator, ParsedTargetCell } from './plan-document';
import type { PlanRegistry } from './plan-registry';
import type { RawTable } from './structure';
import type { ReadRow, ReadTable } from './tables';

/** One printed table whose rows become indicators: the read table, its raw form and its footnotes by marker. */
export interface TableRows {
  table: ReadTable;
  raw: RawTable;
  kind: IndicatorKind;
  byMarker: Map<string, string>;
  /** 「Measure 「…」, outcome table」 or 「Project 「…」, target table」, for warnings. */
  context: string;
  /** The year a 本年度 column stands for. */
  baseYear: number;
}

/** Turns the rows of one printed table into indicators (new or merged) and returns their keys in order. */
export function addRows(reg: PlanRegistry, t: TableRows): string[] {
  const keys: string[] = [];
  const used = new Set<string>();
  for (const row of t.table.rows) {
    const key = addRow(reg, t, row, used);
    if (!keys.includes(key)) keys.push(key);
  }
  warnUnlabeled(
    reg,
    t,
    t.table.rows.filter((r) => r.unlabeled.length > 0),
  );
  for (const f of t.raw.footnotes) {
    if (!used.has(f.marker)) {
      reg.warn(
        f.line,
        `${t.context} (line ${f.line}): footnote ${f.marker} 「${f.text}」 is not marked on any row or cell of the table; it is kept on the table only.`,
      );
    }
  }
  return keys;
}

/**
 * One row: a new indicator, or the indicator it repeats when one of the same kind, group and name has the same
 * cells (then only its footnote links are added). Returns the indicator's key; `used` collects the markers seen.
 */
function addRow(reg: PlanRegistry, t: TableRows, row: ReadRow, used: Set<string>): string {
  const resolve = (markers: string[]): string[] => resolveMarkers(reg, t, row, markers, used);
  const cells: ParsedTargetCell[] = row.cells.map((c) => ({
    fiscalYear: c.column.ref.kind === 'year' ? c.column.ref.year : t.baseYear,
    role: c.column.role,
    value: c.value,
    footnoteKeys: resolve(c.markers),
  }));
  const rowFootnotes = resolve(row.markers);
  const nameKey = `${t.kind}|${row.group ?? ''}|${matchKey(row.name)}`;
  const signature = [
    ...cells.map((c) => `${c.fiscalYear}:${c.role}:${matchKey(c.value.raw)}`),
    '|',
    ...row.unlabeled.map(matchKey),
  ].join(' ');
  const sameName = reg.indicatorsNamed(nameKey);
  const same = sameName.find((e) => e.signature === signature);
  if (same) {
    mergeInto(same.indicator, cells, rowFootnotes);
    return same.indicator.key;
  }
  const other = sameName[0];
  if (other) {
    reg.warn(
      row.line,
      `${t.context}, row 「${row.name}」 (line ${row.line}): an indicator of the same name (${other.context}) has different values, so it was imported as a separate indicator.`,
    );
  }
  const fields: Omit<ParsedIndicator, 'key'> = {
    name: row.name,
    kind: t.kind,
    unit: null,
    cumulative: false,
    direction: 'NONE',
    group: row.group,
    cells,
    unlabeledCells: row.unlabeled,
    footnoteKeys: rowFootnotes,
  };
  return reg.addIndicator(nameKey, fields, signature, `${t.context}, line ${row.line}`).key;
}

/** Footnote keys for the markers of a cell or row label; a marker with no footnote under the table is dropped. */
function resolveMarkers(reg: PlanRegistry, t: TableRows, row: ReadRow, markers: string[], used: Set<string>): string[] {
  return markers.flatMap((marker) => {
    used.add(marker);
    const key = t.byMarker.get(marker);
    if (key === undefined) {
      reg.warn(
        row.line,
        `${t.context}, row 「${row.name}」 (line ${row.line}): the marker ${marker} has no footnote text under the table; the marker was dropped.`,
      );
      return [];
    }
    return [key];
  });
}

/** Appends a repeated printing's footnote links to the indicator it repeats. */
function mergeInto(indicator: ParsedIndicator, cells: ParsedTargetCell[], rowFootnotes: string[]): void {
  for (const key of rowFootnotes) if (!indicator.footnoteKeys.includes(key)) indicator.footnoteKeys.push(key);
  for (const cell of cells) {
    const target = indicator.cells.find((c) => c.fiscalYear === cell.fiscalYear && c.role === cell.role);
    if (!target) continue;
    for (const key of cell.footnoteKeys) if (!target.footnoteKeys.includes(key)) target.footnoteKeys.push(key);
  }
}

function warnUnlabeled(reg: PlanRegistry, t: TableRows, rows: ReadRow[]): void {
  if (rows.length === 0) return;
  const examples = rows
    .slice(0, 2)
    .map((r) => `「${r.name}」: ${r.unlabeled.map((u) => `「${u}」`).join(', ')}`)
    .join('; ');
  reg.warn(
    t.raw.line,
    `${t.context} (line ${t.raw.line}): ${rows.length} row${rows.length > 1 ? 's have' : ' has'} a value in a column with no fiscal-year header (${examples}${rows.length > 2 ? '; …' : ''}); the year cannot be told, so these values are kept as unlabeled cells.`,
  );
}
