import { parseFiscalYearLabel } from '../domain/fiscal-year';
import { parsePlanValue } from '../domain/plan-value';
import type { PlanValueData } from '../domain/plan-value.types';
import { collapseWhitespace, extractMarkers, extractRepostMark, normalizeText } from '../domain/text';
import type { TargetRole } from '../domain/vocabulary';
import type { RawRow, RawTable } from './structure';
import type { Warning } from './warnings';

/**
 * Stage 3: a table's text → columns and typed rows. Column meaning comes from the header words only:
 * 本年度 (見込み) is the base year's estimate, 最終年度 the final year, any other year label a plan year.
 * Years stay symbolic for the base column (「本年度」 in a 実績目標 header means "the plan's base year", which is only
 * known once every outcome table has been read).
 */

export type ColumnRef = { kind: 'base' } | { kind: 'year'; year: number } | { kind: 'unlabeled' };

export interface Column {
  index: number;
  ref: ColumnRef;
  role: TargetRole;
  /** Which header group the column sits under. */
  group: 'base' | 'plan' | 'final' | 'none';
  label: string;
}

export interface TableLayout {
  /** How many leading cells of a row name it (1, or 2 for a site → facility table). */
  labelCount: number;
  columns: Column[];
  /** The header cell over the plan-year columns (「実施計画 (第2期)」), when the table has one. */
  planHeader: string | null;
}

export interface ReadCell {
  column: Column;
  value: PlanValueData;
  markers: string[];
  /** True when the cell was empty in the source and filled by a preceding 「… →」 span. */
  spanned: boolean;
}

export interface ReadRow {
  line: number;
  /** Display name: markers and 【再掲】 removed, whitespace collapsed. */
  name: string;
  /** Markers printed on the row label. */
  markers: string[];
  group: string | null;
  cells: ReadCell[];
  /** Raw text of the cells in columns without a fiscal-year label, in column order. */
  unlabeled: string[];
}

export interface ReadTable {
  line: number;
  layout: TableLayout;
  rows: ReadRow[];
}

const BASE_HEADER = /本年度|見込/;
const FINAL_HEADER = /最終/;
const ARROW_END = /[→⇒➡➔]\s*$/;

function firstContentIndex(header: string[]): number {
  for (let i = 1; i < header.length; i += 1) if ((header[i] ?? '') !== '') return i;
  return 1;
}

/** Reads the header (and, for outcome tables, the year row) into columns. */
export function readLayout(table: RawTable, context: string, warnings: Warning[]): TableLayout {
  const header = table.header;
  const labels = table.yearRow ?? header;
  const labelCount = firstContentIndex(header);
  const width = Math.max(header.length, labels.length);
  const columns: Column[] = [];
  let groupHeader = '';
  let planHeader: string | null = null;
  for (let i = labelCount; i < width; i += 1) {
    const headerCell = normalizeText(header[i] ?? '');
    if (headerCell !== '') groupHeader = headerCell;
    const label = normalizeText(labels[i] ?? '');
    const underHeader = table.yearRow ? groupHeader : label;
    // 「2年度 (見込み)」: a remark after the year label does not change the year.
    const year = label === '' ? null : parseFiscalYearLabel(label.replace(/\s*\([^()]*\)$/, ''));
    let group: Column['group'] = 'plan';
    if (BASE_HEADER.test(underHeader)) group = 'base';
    else if (FINAL_HEADER.test(underHeader)) group = 'final';
    else if (table.yearRow && underHeader === '') group = 'none';
    if (group === 'plan' && table.yearRow && headerCell !== '') planHeader ??= headerCell;
    const role: TargetRole = group === 'base' ? 'BASELINE_ESTIMATE' : 'TARGET';
    let ref: ColumnRef;
    if (year !== null) ref = { kind: 'year', year };
    else if (group === 'base' && label !== '' && !table.yearRow) ref = { kind: 'base' };
    else {
      ref = { kind: 'unlabeled' };
      if (label !== '') {
        warnings.push({
          line: table.line,
          message: `${context} (line ${table.line}): the column header 「${label}」 is not a fiscal year; values under it are kept as unlabeled cells.`,
        });
      }
    }
    columns.push({ index: i, ref, role: ref.kind === 'unlabeled' ? 'TARGET' : role, group, label });
  }
  return { labelCount, columns, planHeader };
}

interface RowLabel {
  name: string;
  markers: string[];
}

function readLabel(text: string): RowLabel {
  const { text: withoutRepost } = extractRepostMark(text);
  const { text: name, markers } = extractMarkers(withoutRepost);
  return { name: collapseWhitespace(name), markers };
}

function readCells(row: RawRow, layout: TableLayout): { cells: ReadCell[]; unlabeled: string[]; missing: Column[] } {
  const cells: ReadCell[] = [];
  const unlabeled: string[] = [];
  const missing: Column[] = [];
  let span: ReadCell | null = null;
  const lastFilled = Math.max(layout.labelCount - 1, ...row.cells.map((c, i) => (c === '' ? -1 : i)));
  for (const column of layout.columns) {
    const text = row.cells[column.index] ?? '';
    if (column.ref.kind === 'unlabeled') {
      if (text !== '') unlabeled.push(text);
      span = null;
      continue;
    }
    if (text === '') {
      if (span) cells.push({ ...span, column, spanned: true });
      else missing.push(column);
      continue;
    }
    const parsed = parsePlanValue(text);
    const cell: ReadCell = { column, value: parsed.value, markers: parsed.markers, spanned: false };
    cells.push(cell);
    span = ARROW_END.test(text) ? cell : null;
  }
  // Cells beyond the header are values no column names: kept rather than dropped.
  for (let i = Math.max(layout.labelCount, (layout.columns.at(-1)?.index ?? 0) + 1); i <= lastFilled; i += 1) {
    const text = row.cells[i] ?? '';
    if (text !== '') unlabeled.push(text);
  }
  return { cells, unlabeled, missing };
}

function yearText(column: Column): string {
  if (column.ref.kind === 'year') return `FY${column.ref.year}`;
  return `the 「${column.label}」 column`;
}

/** Reads the rows of a table: group headings, sub-headers, continued (rowspan) labels and value rows. */
export function readTable(table: RawTable, context: string, warnings: Warning[]): ReadTable {
  const layout = readLayout(table, context, warnings);
  const rows: ReadRow[] = [];
  let group: string | null = null;
  let groupLine = 0;
  let groupRows = 0;
  let firstLabelHeader: string | null = null;
  let previous: { site: string; markers: string[]; group: string | null } | null = null;
  const continued: string[] = [];
  const continuedLines: number[] = [];

  const closeGroup = (): void => {
    if (group !== null && groupRows === 0) {
      warnings.push({
        line: groupLine,
        message: `${context} (line ${groupLine}): the row 「${group}」 has no values; it was read as a group heading, but no rows follow it.`,
      });
    }
  };

  for (const row of table.rows) {
    const labels = Array.from({ length: layout.labelCount }, (_, i) => row.cells[i] ?? '');
    const hasValues = row.cells.slice(layout.labelCount).some((c) => c !== '');
    const filledLabels = labels.filter((l) => l !== '');
    if (!hasValues) {
      if (labels[0] !== '' && filledLabels.length === 1) {
        closeGroup();
        group = readLabel(labels[0] ?? '').name;
        groupLine = row.line;
        groupRows = 0;
        previous = null;
      } else if (filledLabels.length >= 2) {
        // A sub-header naming the label columns (「整備場所 (旧施設)	新施設」): it carries no data.
        firstLabelHeader ??= normalizeText(labels[0] ?? '');
      } else {
        warnings.push({
          line: row.line,
          message: `${context} (line ${row.line}): the row 「${row.cells.join(' | ')}」 has neither a name nor values and was not imported.`,
        });
      }
      continue;
    }

    let site = labels[0] ?? '';
    let siteMarkers: string[] = [];
    if (site === '') {
      if (previous && layout.labelCount > 1 && previous.group === group) {
        site = previous.site;
        siteMarkers = previous.markers;
      } else {
        warnings.push({
          line: row.line,
          message: `${context} (line ${row.line}): the row 「${row.cells.join(' | ')}」 has no name and no row above it to continue; it was not imported.`,
        });
        continue;
      }
    }
    const siteLabel = labels[0] === '' ? { name: site, markers: siteMarkers } : readLabel(site);
    const rest = labels
      .slice(1)
      .filter((l) => l !== '')
      .map(readLabel);
    const name = [siteLabel.name, ...rest.map((r) => r.name)].join(' → ');
    const markers = [...new Set([...siteLabel.markers, ...rest.flatMap((r) => r.markers)])];
    if (labels[0] === '') {
      continued.push(`「${name}」`);
      continuedLines.push(row.line);
    }
    let rowGroup = group;
    if (layout.labelCount > 1 && rest.length === 0 && group !== null) {
      rowGroup = null;
      warnings.push({
        line: row.line,
        message: `${context}, row 「${siteLabel.name}」 (line ${row.line}): the row names no new facility, unlike the rows of the group 「${group}」 above it; it is ambiguous whether it belongs to that group, so it was imported with no group.`,
      });
    }
    const { cells, unlabeled, missing } = readCells(row, layout);
    if (missing.length > 0) {
      warnings.push({
        line: row.line,
        message: `${context}, row 「${name}」 (line ${row.line}): no value for ${missing.map(yearText).join(', ')} (empty cell); nothing was imported for ${missing.length === 1 ? 'that year' : 'those years'}.`,
      });
    }
    rows.push({ line: row.line, name, markers, group: rowGroup, cells, unlabeled });
    previous = { site: siteLabel.name, markers: siteLabel.markers, group };
    if (rowGroup !== null) groupRows += 1;
  }
  closeGroup();
  if (continued.length > 0) {
    const column = firstLabelHeader ? `「${firstLabelHeader}」` : 'first';
    warnings.push({
      line: continuedLines[0] ?? table.line,
      message: `${context} (line${continuedLines.length > 1 ? 's' : ''} ${continuedLines.join(', ')}): the ${column} cell is empty in ${continued.length} row${continued.length > 1 ? 's' : ''}; read as a merged cell continuing the row above: ${continued.join(', ')}.`,
    });
  }
  return { line: table.line, layout, rows };
}
