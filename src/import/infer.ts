import { matchKey, normalizeText } from '../domain/text';
import { DIRECTIONS, isOneOf, type Direction } from '../domain/vocabulary';
import type { IndicatorOverrides, ParsedIndicator, ParsedTargetCell } from './plan-document';
import type { Warning } from './warnings';

/**
 * Stage 5: what the rows say about each indicator beyond its cells. Each rule only speaks where the data does;
 * anything else is NONE and left to the curated overrides.
 */

/** The base unit most of the QUANTITY cells carry; ties go to the earliest year. */
export function inferUnit(cells: ParsedTargetCell[]): string | null {
  const counts = new Map<string, number>();
  for (const cell of [...cells].sort((a, b) => a.fiscalYear - b.fiscalYear)) {
    if (cell.value.kind === 'QUANTITY' && cell.value.unit !== null) {
      counts.set(cell.value.unit, (counts.get(cell.value.unit) ?? 0) + 1);
    }
  }
  let best: string | null = null;
  let bestCount = 0;
  for (const [unit, count] of counts) {
    if (count > bestCount) {
      best = unit;
      bestCount = count;
    }
  }
  return best;
}

export function inferCumulative(name: string): boolean {
  return normalizeText(name).includes('累計');
}

const DECREASE_WORDS = /縮減|削減|減少|抑制/;

/**
 * In order: all numbers zero → ZERO; a maintain span → MAINTAIN; a ceiling (未満/以下) → DECREASE; a floor
 * (以上/超) → INCREASE; the last numeric target against the first → INCREASE/DECREASE; a name that says "reduce"
 * → DECREASE; else NONE. The baseline estimate is not a target, so it never sets the direction by itself.
 */
export function inferDirection(name: string, cells: ParsedTargetCell[]): Direction {
  const numeric = cells.filter((c) => c.value.kind === 'QUANTITY' && c.value.number !== null);
  if (numeric.length > 0 && numeric.every((c) => c.value.number === 0)) return 'ZERO';
  if (cells.some((c) => c.value.kind === 'MAINTAIN')) return 'MAINTAIN';
  const comparators = new Set(numeric.map((c) => c.value.comparator));
  if (comparators.has('LT') || comparators.has('LTE')) return 'DECREASE';
  if (comparators.has('GT') || comparators.has('GTE')) return 'INCREASE';
  const targets = numeric.filter((c) => c.role === 'TARGET').sort((a, b) => a.fiscalYear - b.fiscalYear);
  const first = targets[0]?.value.number;
  const last = targets.at(-1)?.value.number;
  if (first !== undefined && last !== undefined && first !== null && last !== null) {
    if (last > first) return 'INCREASE';
    if (last < first) return 'DECREASE';
  }
  if (DECREASE_WORDS.test(name)) return 'DECREASE';
  return 'NONE';
}

/**
 * Applies curated overrides by normalised name. The overrides are JSON read at run time: an override that matches
 * no indicator, or names a direction outside the vocabulary, is reported and not applied.
 */
export function applyOverrides(
  indicators: ParsedIndicator[],
  overrides: IndicatorOverrides | undefined,
  warnings: Warning[],
  lastLine: number,
): void {
  const entries = Object.entries(overrides?.indicators ?? {});
  for (const [name, override] of entries) {
    const key = matchKey(name);
    const targets = indicators.filter((i) => matchKey(i.name) === key);
    if (targets.length === 0) {
      warnings.push({
        line: lastLine,
        message: `The override for indicator 「${name}」 matches no indicator in the document and was not applied.`,
      });
      continue;
    }
    const direction: unknown = override.direction;
    if (direction !== undefined && !isOneOf(DIRECTIONS, direction)) {
      warnings.push({
        line: lastLine,
        message: `The override for indicator 「${name}」 names the direction ${JSON.stringify(direction)}, which is not one of ${DIRECTIONS.join(', ')}; its direction was left as read.`,
      });
    }
    for (const indicator of targets) {
      if (isOneOf(DIRECTIONS, direction)) indicator.direction = direction;
      if (override.cumulative !== undefined) indicator.cumulative = override.cumulative;
      if (override.unit !== undefined) indicator.unit = override.unit;
    }
  }
}
