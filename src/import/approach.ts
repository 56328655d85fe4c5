import { collapseWhitespace } from '../domain/text';

/**
 * 実施方針 cells are HTML fragments from the source conversion: `<ul …> <li>…</li> … </ul> trailing prose`.
 * Each <li> is one item; prose before the list or after it is one more item each, so no sentence is lost.
 * HTML collapses whitespace, so items do too.
 */

const ENTITIES: Readonly<Record<string, string>> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&nbsp;': ' ',
};

function plain(html: string): string {
  const text = html
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(?:amp|lt|gt|quot|#39|nbsp);/g, (e) => ENTITIES[e] ?? e);
  return collapseWhitespace(text);
}

export function parseApproach(html: string): string[] {
  const items: string[] = [];
  const firstItem = html.search(/<(?:ul|ol|li)\b/i);
  if (firstItem < 0) {
    const text = plain(html);
    return text === '' ? [] : [text];
  }
  const before = plain(html.slice(0, firstItem));
  if (before !== '') items.push(before);
  const itemPattern = /<li\b[^>]*>([\s\S]*?)(?:<\/li>|(?=<li\b)|(?=<\/[uo]l>)|$)/gi;
  let end = firstItem;
  for (const m of html.matchAll(itemPattern)) {
    const text = plain(m[1] ?? '');
    if (text !== '') items.push(text);
    end = (m.index ?? 0) + m[0].length;
  }
  const listEnd = /<\/(?:ul|ol)>/gi;
  let closeEnd = -1;
  for (const m of html.matchAll(listEnd)) closeEnd = (m.index ?? 0) + m[0].length;
  const after = plain(html.slice(Math.max(end, closeEnd)));
  if (after !== '') items.push(after);
  return items;
}
