/**
 * Text normalisation shared by the value grammar and the plan parser.
 *
 * Two levels on purpose: `normalizeText` keeps the characters a reader expects to see (㎡ stays ㎡, kana stay kana)
 * and only folds full-width ASCII and whitespace; `matchKey` is lossy (NFKC, no whitespace, no markers) and is only
 * ever used to decide whether two printed strings mean the same thing.
 */

const FULLWIDTH_ASCII_START = 0xff01;
const FULLWIDTH_ASCII_END = 0xff5e;
const FULLWIDTH_OFFSET = 0xfee0;

/** Full-width ASCII (digits, letters, parentheses, ％, ：, …) and the ideographic space → their half-width forms. */
export function toHalfWidth(s: string): string {
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= FULLWIDTH_ASCII_START && code <= FULLWIDTH_ASCII_END) {
      out += String.fromCodePoint(code - FULLWIDTH_OFFSET);
    } else if (ch === '\u3000') {
      out += ' ';
    } else if (ch === '\uff65') {
      // Half-width katakana middle dot: the list separator must compare equal to the usual one.
      out += '・';
    } else if (ch === '\u2212') {
      out += '-';
    } else {
      out += ch;
    }
  }
  return out;
}

/** Runs of whitespace (tabs, non-breaking and ideographic spaces included) → one space; trimmed. */
export function collapseWhitespace(s: string): string {
  return s.replace(/[\s\u00a0\u3000]+/g, ' ').trim();
}

/** Half-width + collapsed whitespace: the form every parsed text (status words, notes, titles) is compared in. */
export function normalizeText(s: string): string {
  return collapseWhitespace(toHalfWidth(s));
}

// A marker is ※ plus an optional number, optionally wrapped in parentheses of either width.
// No whitespace between ※ and the digits: in 「※1 370人」 the 370 is the value, not part of the marker.
const MARKER_PATTERN = /[(（]\s*※([0-9０-９]*)\s*[)）]|※([0-9０-９]*)/g;

/** 「※１」, 「(※1)」, 「（※1）」 → 「※1」. */
export function normalizeMarker(marker: string): string {
  const digits = toHalfWidth(marker).replace(/[^0-9]/g, '');
  return `※${digits}`;
}

export interface MarkerExtraction {
  /** The text without its markers, trimmed; whitespace left where a marker sat is merged into one space. */
  text: string;
  /** Normalised markers in order of appearance, without duplicates. */
  markers: string[];
}

/** Separates footnote markers from a cell or row label. */
export function extractMarkers(s: string): MarkerExtraction {
  const markers: string[] = [];
  const text = s
    .replace(MARKER_PATTERN, (_match: string, inParens: string | undefined, bare: string | undefined) => {
      const marker = normalizeMarker(`※${inParens ?? bare ?? ''}`);
      if (!markers.includes(marker)) markers.push(marker);
      return ' ';
    })
    .replace(/[ \t\u3000]{2,}/g, ' ')
    .trim();
  return { text, markers };
}

// 【再掲】, 【再掲(P70)】, 【再掲 (P150)】, 【再掲（Ｐ１５０）】: a printing of something whose original is elsewhere.
const REPOST_PATTERN = /【\s*再掲\s*(?:[(（]\s*[PpＰｐ]\.?\s*([0-9０-９]+)\s*[)）])?\s*】/;

export interface RepostExtraction {
  text: string;
  /** True when a 【再掲…】 mark was present. */
  repost: boolean;
  /** The page named in the mark, when there is one. */
  page: number | null;
}

/** Removes a 【再掲…】 mark and reports the page it names. */
export function extractRepostMark(s: string): RepostExtraction {
  const m = REPOST_PATTERN.exec(s);
  if (!m) return { text: s.trim(), repost: false, page: null };
  const text = (s.slice(0, m.index) + ' ' + s.slice(m.index + m[0].length)).replace(/\s{2,}/g, ' ').trim();
  const page = m[1] === undefined ? null : Number(toHalfWidth(m[1]));
  return { text, repost: true, page };
}

/**
 * The identity of a printed name: NFKC (so every width variant is one), no markers, no 【再掲】, no whitespace.
 * 「職員に対する感謝の声の件数(区民の声)(※1)」 and 「職員に対する感謝の声の件数 (区民の声)」 share a key.
 */
export function matchKey(s: string): string {
  const withoutRepost = extractRepostMark(s).text;
  const withoutMarkers = extractMarkers(withoutRepost).text;
  return withoutMarkers.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/** Character-bigram Dice similarity of two names' match keys (matchKey), 0..1. */
export function similarity(a: string, b: string): number {
  const grams = (s: string) => {
    const out = new Map<string, number>();
    for (let i = 0; i < s.length - 1; i += 1) out.set(s.slice(i, i + 2), (out.get(s.slice(i, i + 2)) ?? 0) + 1);
    return out;
  };
  const ga = grams(matchKey(a));
  const gb = grams(matchKey(b));
  let both = 0;
  let total = 0;
  for (const [g, n] of ga) both += Math.min(n, gb.get(g) ?? 0);
  for (const n of ga.values()) total += n;
  for (const n of gb.values()) total += n;
  return total === 0 ? 0 : (2 * both) / total;
}

/** The up to `most` names of `pool` most similar to `name` (similarity above `floor`), closest first, each once. */
export function closestNames(name: string, pool: readonly string[], most = 3, floor = 0): string[] {
  return [...new Set(pool)]
    .map((p) => ({ p, s: similarity(name, p) }))
    .filter((c) => c.s > floor)
    .sort((x, y) => y.s - x.s)
    .slice(0, most)
    .map((c) => c.p);
}
