import { normalizeMarker, normalizeText } from '../domain/text';

/**
 * Stage 1: text → blocks. Every source line becomes exactly one block, classified by its own content only
 * (what a line means in context is decided by the structure stage). Headings may be written `#`..`######` or bare:
 * the document style uses both for the same words, so the marks are stripped before classification.
 */

export type BlockKind =
  | { kind: 'blank' }
  /** 施策名, with the measure title when it is on the same line (「施策名 「窓口サービス等の充実」」). */
  | { kind: 'measure'; title: string | null }
  | { kind: 'purpose' }
  | { kind: 'outcomes' }
  | { kind: 'projects' }
  /** A running page header naming the policy: 「政策 14 : 積極的な…」. */
  | { kind: 'policy'; number: number; title: string }
  /** A line that is only a 「…」 quotation: a measure title. */
  | { kind: 'quoted'; text: string }
  | { kind: 'footnote'; marker: string; text: string }
  /** A tab-separated line; cells trimmed, trailing empty cells dropped (they carry nothing). */
  | { kind: 'row'; cells: string[] }
  /** Page furniture: chapter marks and running footers (「Ⅶ 計画推進」), legends (「□ 囲みは、重点施策」). */
  | { kind: 'furniture' }
  /** A `#` heading whose words are not document-style vocabulary (chapter titles). */
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'prose'; text: string };

export type Block = BlockKind & {
  /** 1-based source line number, used in every warning. */
  line: number;
  /** The source line without its line ending. */
  source: string;
};

const HEADING = /^(#{1,6})\s*(.*)$/;
const MEASURE = /^施策名\s*[:：]?\s*(.*)$/;
const PURPOSE = /^目的\s*[・･]\s*方向性\s*[:：]?$/;
const OUTCOMES = /^成果指標\s*[:：]?$/;
const PROJECTS = /^重点事業\s*(?:\(\s*計画事業\s*\))?\s*[:：]?$/;
const POLICY = /^政策\s*(\d+)\s*[:：]\s*(.+)$/;
const QUOTED = /^「(.+)」$/;
const FOOTNOTE = /^[(（]?※([0-9０-９]*)[)）]?\s*(.*)$/;
// Chapter numbers in Roman numerals, either the single-character forms (Ⅶ) or letters (VII), followed by words.
const CHAPTER_MARK = /^(?:[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ]+|[IVXL]+)\s+\S/;
const LEGEND = /^[□■]/;

/** Strips the 「」 around a title, if any. */
export function unquote(text: string): string {
  const m = QUOTED.exec(text.trim());
  return (m?.[1] ?? text).trim();
}

function classifyWords(text: string, isHeading: boolean, level: number): BlockKind {
  const n = normalizeText(text);
  const measure = MEASURE.exec(n);
  if (measure) {
    const rest = (measure[1] ?? '').trim();
    return { kind: 'measure', title: rest === '' ? null : unquote(rest) };
  }
  if (PURPOSE.test(n)) return { kind: 'purpose' };
  if (OUTCOMES.test(n)) return { kind: 'outcomes' };
  if (PROJECTS.test(n)) return { kind: 'projects' };
  const policy = POLICY.exec(n);
  if (policy) return { kind: 'policy', number: Number(policy[1]), title: (policy[2] ?? '').trim() };
  const quoted = QUOTED.exec(n);
  if (quoted) return { kind: 'quoted', text: (quoted[1] ?? '').trim() };
  if (!isHeading) {
    const footnote = FOOTNOTE.exec(text.trim());
    if (footnote)
      return { kind: 'footnote', marker: normalizeMarker(`※${footnote[1] ?? ''}`), text: (footnote[2] ?? '').trim() };
  }
  if (CHAPTER_MARK.test(n) && !isHeading) return { kind: 'furniture' };
  if (LEGEND.test(n)) return { kind: 'furniture' };
  if (isHeading) return { kind: 'heading', level, text: n };
  return { kind: 'prose', text: n };
}

function classify(source: string): BlockKind {
  if (source.trim() === '') return { kind: 'blank' };
  if (source.includes('\t')) {
    const cells = source.split('\t').map((c) => c.trim());
    while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
    if (cells.length === 0) return { kind: 'blank' };
    // A line whose only content is in its first cell may be a footnote or keyword printed with stray tabs.
    if (cells.length === 1 && cells[0] !== undefined) {
      const words = classifyWords(cells[0], false, 0);
      if (words.kind === 'footnote' || words.kind === 'policy' || words.kind === 'measure') return words;
    }
    return { kind: 'row', cells };
  }
  const heading = HEADING.exec(source.trim());
  if (heading) return classifyWords(heading[2] ?? '', true, (heading[1] ?? '#').length);
  return classifyWords(source, false, 0);
}

/** Splits a document into classified lines. */
export function toBlocks(text: string): Block[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  return lines.map((source, i) => ({ ...classify(source), line: i + 1, source }));
}
