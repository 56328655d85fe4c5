import { normalizeText } from '../domain/text';
import type { IndicatorKind } from '../domain/vocabulary';
import type { Block } from './blocks';
import { unquote } from './blocks';
import type { Warning } from './warnings';

/**
 * Stage 2: blocks → the document's outline. Groups lines into measures (施策名 … next 施策名), their purpose,
 * outcome table and projects (事業名 / 実施方針 / 実績目標 rows), attaches footnote lines to the table they follow,
 * and records policy page headers with their position. Cells are still text here.
 */

export interface RawRow {
  line: number;
  cells: string[];
}

export interface RawFootnote {
  line: number;
  marker: string;
  text: string;
}

export interface RawTable {
  kind: IndicatorKind;
  line: number;
  header: string[];
  /** The second header line of an outcome table (「	2年度	3年度…」); null when the header itself names the years. */
  yearRow: string[] | null;
  rows: RawRow[];
  footnotes: RawFootnote[];
}

export interface RawProject {
  line: number;
  title: string;
  approach: string | null;
  approachLine: number | null;
  tables: RawTable[];
}

export interface RawMeasure {
  line: number;
  /** Last line of the measure's span (the line before the next 施策名, or the last line). */
  endLine: number;
  title: string | null;
  purpose: string[];
  outcome: RawTable | null;
  projects: RawProject[];
}

export interface RawPolicyHeader {
  line: number;
  number: number;
  title: string;
  source: string;
}

export interface RawDocument {
  /** Text of the first `#` heading, the default plan title. */
  firstHeading: string | null;
  measures: RawMeasure[];
  policyHeaders: RawPolicyHeader[];
}

type Section = 'none' | 'purpose' | 'outcomes' | 'projects';

const KEYWORD_PROJECT = '事業名';
const KEYWORD_APPROACH = '実施方針';
const KEYWORD_TARGETS = '実績目標';
const KEYWORD_INDICATOR = '指標';

/** The first non-empty cell after the keyword cell, and whether more non-empty cells followed it. */
function contentCell(cells: string[]): { text: string; extra: string[] } {
  const rest = cells.slice(1).filter((c) => c !== '');
  return { text: rest[0] ?? '', extra: rest.slice(1) };
}

function quote(text: string, max = 80): string {
  const t = text.replace(/\t/g, ' | ').trim();
  return `「${t.length > max ? `${t.slice(0, max)}…` : t}」`;
}

export function describeLine(block: Block): string {
  return quote(block.source);
}

export function buildStructure(blocks: Block[], warnings: Warning[]): RawDocument {
  const doc: RawDocument = { firstHeading: null, measures: [], policyHeaders: [] };
  let measure: RawMeasure | null = null;
  let section: Section = 'none';
  let awaitingTitle = false;
  let project: RawProject | null = null;
  /** The table rows are currently added to. */
  let table: RawTable | null = null;
  /** The table footnote lines attach to: the last table printed in the current measure. */
  let lastTable: RawTable | null = null;

  const warn = (line: number, message: string): void => {
    warnings.push({ line, message });
  };
  const where = (): string => (measure ? `in measure 「${measure.title ?? '?'}」` : 'before the first 施策名');
  const unexpected = (block: Block, what: string): void => {
    warn(
      block.line,
      `Line ${block.line} ${where()}: ${what} ${describeLine(block)} was not understood and was not imported.`,
    );
  };

  for (const block of blocks) {
    switch (block.kind) {
      case 'blank':
      case 'furniture':
        break;
      case 'policy':
        doc.policyHeaders.push({ line: block.line, number: block.number, title: block.title, source: block.source });
        break;
      case 'measure': {
        if (measure) measure.endLine = block.line - 1;
        measure = {
          line: block.line,
          endLine: blocks.length,
          title: block.title,
          purpose: [],
          outcome: null,
          projects: [],
        };
        doc.measures.push(measure);
        awaitingTitle = block.title === null;
        section = 'none';
        project = null;
        table = null;
        lastTable = null;
        break;
      }
      case 'quoted':
        if (measure && awaitingTitle) {
          measure.title = block.text;
          awaitingTitle = false;
        } else if (measure && section === 'purpose') {
          measure.purpose.push(`「${block.text}」`);
        } else {
          unexpected(block, 'the quoted line');
        }
        break;
      case 'heading':
        if (!measure) {
          doc.firstHeading ??= block.text;
        } else if (awaitingTitle) {
          measure.title = unquote(block.text);
          awaitingTitle = false;
        } else {
          unexpected(block, 'the heading');
        }
        break;
      case 'purpose':
      case 'outcomes':
      case 'projects':
        if (!measure) {
          unexpected(block, 'the section heading');
          break;
        }
        if (awaitingTitle) {
          warn(
            block.line,
            `Measure at line ${measure.line}: no title (「…」) follows 施策名; the measure is imported untitled.`,
          );
          awaitingTitle = false;
        }
        section = block.kind;
        table = null;
        if (block.kind !== 'projects') project = null;
        break;
      case 'footnote':
        if (lastTable) {
          lastTable.footnotes.push({ line: block.line, marker: block.marker, text: block.text });
        } else {
          unexpected(block, 'the footnote, printed under no table,');
        }
        break;
      case 'prose':
        if (measure && awaitingTitle) {
          measure.title = unquote(block.text);
          awaitingTitle = false;
        } else if (measure && section === 'purpose') {
          measure.purpose.push(block.text);
        } else {
          unexpected(block, 'the text');
        }
        break;
      case 'row': {
        const first = normalizeText(block.cells[0] ?? '');
        if (!measure) {
          unexpected(block, 'the table row');
          break;
        }
        if (awaitingTitle) {
          warn(
            block.line,
            `Measure at line ${measure.line}: no title (「…」) follows 施策名; the measure is imported untitled.`,
          );
          awaitingTitle = false;
        }
        if (first === KEYWORD_PROJECT) {
          const { text, extra } = contentCell(block.cells);
          project = { line: block.line, title: text, approach: null, approachLine: null, tables: [] };
          measure.projects.push(project);
          section = 'projects';
          table = null;
          if (text === '')
            warn(
              block.line,
              `Line ${block.line} in measure 「${measure.title ?? '?'}」: a 事業名 row has no project name.`,
            );
          if (extra.length > 0) {
            warn(
              block.line,
              `Project 「${text}」 (line ${block.line}): extra cells after the name were not imported: ${extra.map((e) => quote(e)).join(', ')}.`,
            );
          }
        } else if (first === KEYWORD_APPROACH) {
          const { text, extra } = contentCell(block.cells);
          if (!project) {
            unexpected(block, 'the 実施方針 row, outside any 事業名 block,');
          } else {
            if (project.approach !== null) {
              warn(
                block.line,
                `Project 「${project.title}」 (line ${block.line}): a second 実施方針 row; its text is added after the first.`,
              );
            }
            project.approach = [project.approach, text, ...extra].filter((t) => t !== null && t !== '').join(' ');
            project.approachLine ??= block.line;
          }
        } else if (first === KEYWORD_TARGETS) {
          if (!project) {
            unexpected(block, 'the 実績目標 header, outside any 事業名 block,');
            table = null;
          } else {
            table = { kind: 'OUTPUT', line: block.line, header: block.cells, yearRow: null, rows: [], footnotes: [] };
            project.tables.push(table);
            lastTable = table;
          }
        } else if (first === KEYWORD_INDICATOR) {
          if (measure.outcome) {
            warn(
              block.line,
              `Measure 「${measure.title ?? '?'}」 (line ${block.line}): a second outcome table; its rows are added to the first.`,
            );
            table = measure.outcome;
          } else {
            table = { kind: 'OUTCOME', line: block.line, header: block.cells, yearRow: null, rows: [], footnotes: [] };
            measure.outcome = table;
          }
          lastTable = table;
          project = null;
          section = 'outcomes';
        } else if (
          table &&
          table.kind === 'OUTCOME' &&
          table.yearRow === null &&
          table.rows.length === 0 &&
          first === ''
        ) {
          table.yearRow = block.cells;
        } else if (table) {
          table.rows.push({ line: block.line, cells: block.cells });
        } else {
          unexpected(block, 'the table row, printed under no table header,');
        }
        break;
      }
    }
  }
  if (awaitingTitle && measure) {
    warn(
      measure.line,
      `Measure at line ${measure.line}: no title (「…」) follows 施策名; the measure is imported untitled.`,
    );
  }
  return doc;
}
