import type { ParsedCell, PlanValueData } from './plan-value.types';
import type { Comparator } from './vocabulary';
import { extractMarkers, normalizeText } from './text';

/**
 * The value grammar of a plan cell.
 *
 *   cell      := markers? body markers?
 *   body      := maintain | bullets | (quantity | status) note?
 *   maintain  := text ending in an arrow (→ ⇒ ➡), or a 現状維持 phrase: "keep the current level" over a span of years
 *   bullets   := ("・" item)+            → one STATUS, items joined with "・" (see joinBullets)
 *   quantity  := approx? sign? number scale? unit? suffix?   e.g. 約90% · 147,368 千円 · 5%未満
 *   note      := "(" text ")" at the end   e.g. 実施 (パンフレット作成含む)
 *
 * Anything that is not a quantity is a STATUS whose text is the words as printed (width and spacing normalised).
 */

/** Powers of ten of the Japanese number scale words; a scale word sits between the number and its unit. */
const SCALE_EXPONENTS: Readonly<Record<string, number>> = {
  十万: 5,
  百万: 6,
  千万: 7,
  千: 3,
  万: 4,
  億: 8,
  兆: 12,
};

const SUFFIX_COMPARATORS: Readonly<Record<string, Comparator>> = {
  未満: 'LT',
  以下: 'LTE',
  以上: 'GTE',
  超: 'GT',
  超え: 'GT',
  を超える: 'GT',
  程度: 'APPROX',
  前後: 'APPROX',
  くらい: 'APPROX',
  ぐらい: 'APPROX',
};

const PREFIX_COMPARATORS: Readonly<Record<string, Comparator>> = {
  約: 'APPROX',
  おおむね: 'APPROX',
  概ね: 'APPROX',
  およそ: 'APPROX',
  '<': 'LT',
  '<=': 'LTE',
  '≦': 'LTE',
  '≤': 'LTE',
  '>': 'GT',
  '>=': 'GTE',
  '≧': 'GTE',
  '≥': 'GTE',
};

const SCALE_ALTERNATION = Object.keys(SCALE_EXPONENTS)
  .sort((a, b) => b.length - a.length)
  .join('|');
const SUFFIX_ALTERNATION = Object.keys(SUFFIX_COMPARATORS)
  .sort((a, b) => b.length - a.length)
  .join('|');
const PREFIX_ALTERNATION = Object.keys(PREFIX_COMPARATORS)
  .sort((a, b) => b.length - a.length)
  .map((p) => p.replace(/[<>=]/g, (c) => `\\${c}`))
  .join('|');

// △ and ▲ are the accounting minus signs of Japanese public documents.
const QUANTITY_PATTERN = new RegExp(
  `^(${PREFIX_ALTERNATION})?\\s*([△▲+-])?\\s*(\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.(\\d+))?\\s*(${SCALE_ALTERNATION})?\\s*(.*?)\\s*(${SUFFIX_ALTERNATION})?$`,
);

// A leading count in a status sentence: 「3 コースを実施」 is "carry out 3 courses".
const COUNTED_STATUS_PATTERN = new RegExp(
  `^(\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.(\\d+))?\\s*(${SCALE_ALTERNATION})?\\s*([^\\s\\d・、。()を]{1,8})を\\S`,
);

const ARROW_PATTERN = /\s*[→⇒➡➔]+\s*$/;
const MAINTAIN_PATTERN = /現状維持|^維持$/;
const NOTE_PATTERN = /^(.*?\S)\s*\(([^()]*)\)$/;

/**
 * A unit is a short word: no whitespace, no sentence punctuation, no particle that would make it a phrase
 * (「コースを実施」 is a sentence, 「か所」 is a unit), not starting with a digit and not a range.
 */
function isUnitLike(unit: string): boolean {
  if (unit.length === 0) return true;
  if (unit.length > 8) return false;
  if (/^\d/.test(unit)) return false;
  return !/[\s、。,.()「」・~〜～\-をがはにでへ]/.test(unit);
}

interface Quantity {
  number: number;
  unit: string | null;
  comparator: Comparator;
}

/** Exact decimal scaling: 1.1 万 must be 11000, not 11000.000000000002. */
function toNumber(integerDigits: string, fractionDigits: string, exponent: number, negative: boolean): number {
  const digits = integerDigits.replace(/,/g, '') + fractionDigits;
  const value = Number(`${digits}e${exponent - fractionDigits.length}`);
  return negative ? -value : value;
}

function readQuantity(text: string): Quantity | null {
  const m = QUANTITY_PATTERN.exec(text);
  if (!m) return null;
  const [, prefix, sign, integerDigits = '', fraction = '', scale, unitText = '', suffix] = m;
  if (!isUnitLike(unitText)) return null;
  const exponent = scale === undefined ? 0 : (SCALE_EXPONENTS[scale] ?? 0);
  const number = toNumber(integerDigits, fraction, exponent, sign === '△' || sign === '▲' || sign === '-');
  let comparator: Comparator = 'EQ';
  if (prefix !== undefined) comparator = PREFIX_COMPARATORS[prefix] ?? 'EQ';
  // The suffix is the more specific statement (「約5%以上」 is a floor), so it wins over a prefix.
  if (suffix !== undefined) comparator = SUFFIX_COMPARATORS[suffix] ?? comparator;
  return { number, unit: unitText === '' ? null : unitText, comparator };
}

/**
 * 「・開設 ・運営」 → 「開設・運営」. A bulleted cell lists the stages a year goes through; 「・」 is the separator the
 * document itself uses for such compound statuses (検討・実施, 開館・運営), so the joined text reads like its
 * neighbours and compares equal to an unbulleted printing of the same stages. Only a 「・」 at the start of the
 * cell or after whitespace starts an item, so 「検討・実施」 inside an item stays whole.
 */
function joinBullets(text: string): string | null {
  if (!text.startsWith('・')) return null;
  const items = text
    .split(/(?:^|\s+)・\s*/)
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
  return items.join('・');
}

function splitNote(text: string): { head: string; note: string | null } {
  const m = NOTE_PATTERN.exec(text);
  if (!m || m[1] === undefined || m[2] === undefined) return { head: text, note: null };
  const note = m[2].trim();
  return { head: m[1].trim(), note: note === '' ? null : note };
}

function value(raw: string, fields: Omit<PlanValueData, 'raw'>): PlanValueData {
  return { raw, ...fields };
}

/**
 * Reads one non-empty cell. `raw` in the result is the cell as printed, trimmed, without its markers; every other
 * field is derived from the width- and space-normalised text (「３５.０％」 and 「35.0%」 read the same).
 * An empty cell is not a value: callers skip it (given one anyway, this returns an empty STATUS rather than throw).
 */
export function parsePlanValue(cell: string): ParsedCell {
  const { text: raw, markers } = extractMarkers(cell);
  const text = normalizeText(raw);

  if (ARROW_PATTERN.test(text) || MAINTAIN_PATTERN.test(text)) {
    const { head, note } = splitNote(text.replace(ARROW_PATTERN, ''));
    const quantity = readQuantity(head);
    return {
      value: value(raw, {
        kind: 'MAINTAIN',
        number: quantity?.number ?? null,
        unit: quantity?.unit ?? null,
        comparator: null,
        text: head,
        note,
      }),
      markers,
    };
  }

  const { head, note } = splitNote(text);
  const bullets = joinBullets(head);
  if (bullets !== null) {
    return {
      value: value(raw, { kind: 'STATUS', number: null, unit: null, comparator: null, text: bullets, note }),
      markers,
    };
  }

  const quantity = readQuantity(head);
  if (quantity) {
    return { value: value(raw, { kind: 'QUANTITY', ...quantity, text: null, note }), markers };
  }

  // A status that starts with a count keeps the count, so 「3 コースを実施」 can still be compared with an actual.
  const counted = COUNTED_STATUS_PATTERN.exec(head);
  const number = counted
    ? toNumber(
        counted[1] ?? '0',
        counted[2] ?? '',
        counted[3] === undefined ? 0 : (SCALE_EXPONENTS[counted[3]] ?? 0),
        false,
      )
    : null;
  return {
    value: value(raw, {
      kind: 'STATUS',
      number,
      unit: counted ? (counted[4] ?? null) : null,
      comparator: null,
      text: head,
      note,
    }),
    markers,
  };
}
