import { extractRepostMark } from '../domain/text';
import type { RawDocument, RawMeasure, RawTable } from './structure';
import { readTable } from './tables';
import type { ReadTable } from './tables';
import type { Warning } from './warnings';

/** A measure with its key, display title and its outcome table read. */
export interface MeasureRead {
  raw: RawMeasure;
  key: string;
  title: string;
  outcome: ReadTable | null;
}

export interface DocumentTables {
  measures: MeasureRead[];
  /** Every project table of the document, read, by its raw table. */
  projectTables: Map<RawTable, ReadTable>;
}

/** Stage 3: every table of the outline read into columns and typed rows (outcome tables first, then projects). */
export function readTables(doc: RawDocument, warnings: Warning[]): DocumentTables {
  const measures: MeasureRead[] = doc.measures.map((raw, i) => {
    const title = raw.title ?? `(untitled measure ${i + 1})`;
    const outcome = raw.outcome ? readTable(raw.outcome, `Measure 「${title}」, outcome table`, warnings) : null;
    return { raw, key: `measure-${i + 1}`, title, outcome };
  });
  const projectTables = new Map<RawTable, ReadTable>();
  for (const m of measures) {
    for (const p of m.raw.projects) {
      const title = extractRepostMark(p.title).text;
      for (const t of p.tables) projectTables.set(t, readTable(t, `Project 「${title}」, target table`, warnings));
    }
  }
  return { measures, projectTables };
}
