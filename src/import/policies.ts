import { normalizeText } from '../domain/text';
import type { ParsedPolicy } from './plan-document';
import type { MeasureRead } from './read-tables';
import type { RawDocument } from './structure';
import type { Warning } from './warnings';

export interface PolicyResolution {
  list: ParsedPolicy[];
  byMeasure: { number: number; inferred: boolean }[];
}

/**
 * Policies come from running page headers. A measure takes the first header printed inside its span; with none,
 * the nearest following header (a measure that starts a page is printed before that page's header), else the
 * nearest preceding one.
 */
export function resolvePolicies(doc: RawDocument, measures: MeasureRead[], warnings: Warning[]): PolicyResolution {
  const list = policyList(doc, warnings);
  const byMeasure = measures.map((m) => measurePolicy(doc, m, warnings));
  if (byMeasure.some((b) => b.number === 0) && !list.some((p) => p.number === 0)) {
    list.push({ number: 0, title: '(no policy header in the document)' });
  }
  return { list, byMeasure };
}

/** Every policy a page header names, in order of first appearance, with the first title printed. */
function policyList(doc: RawDocument, warnings: Warning[]): ParsedPolicy[] {
  const list: ParsedPolicy[] = [];
  for (const h of doc.policyHeaders) {
    const existing = list.find((p) => p.number === h.number);
    if (!existing) {
      list.push({ number: h.number, title: h.title });
    } else if (normalizeText(existing.title) !== normalizeText(h.title)) {
      warnings.push({
        line: h.line,
        message: `Line ${h.line}: the page header names policy ${h.number} 「${h.title}」, but an earlier header named it 「${existing.title}」; the first title was kept.`,
      });
    }
  }
  return list;
}

function measurePolicy(doc: RawDocument, m: MeasureRead, warnings: Warning[]): { number: number; inferred: boolean } {
  const headers = doc.policyHeaders;
  const inside = headers.filter((h) => h.line >= m.raw.line && h.line <= m.raw.endLine);
  const first = inside[0];
  if (first) {
    const other = inside.find((h) => h.number !== first.number);
    if (other) {
      warnings.push({
        line: other.line,
        message: `Measure 「${m.title}」 (line ${m.raw.line}): page headers inside it name two policies, ${first.number} (line ${first.line}) and ${other.number} (line ${other.line}); the measure was assigned to policy ${first.number}.`,
      });
    }
    return { number: first.number, inferred: false };
  }
  const next = headers.find((h) => h.line > m.raw.endLine);
  const previous = [...headers].reverse().find((h) => h.line < m.raw.line);
  const chosen = next ?? previous;
  if (!chosen) {
    warnings.push({
      line: m.raw.line,
      message: `Measure 「${m.title}」 (line ${m.raw.line}): the document has no 政策 page header, so the measure was assigned to a placeholder policy 0.`,
    });
    return { number: 0, inferred: true };
  }
  warnings.push({
    line: m.raw.line,
    message: `Measure 「${m.title}」 (lines ${m.raw.line}–${m.raw.endLine}): no 政策 page header is printed inside it; it was assigned to policy ${chosen.number} from the ${chosen === next ? 'next' : 'previous'} header (line ${chosen.line}).`,
  });
  return { number: chosen.number, inferred: true };
}
