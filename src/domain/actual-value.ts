import type { ParsedCell, PlanValueData } from './plan-value.types';
import { normalizeText } from './text';

/**
 * Validation of an achieved value (an "actual") typed by a person against the indicator it reports on, before it is
 * stored. The value is read with the plan's own grammar (parsePlanValue), so 「147,368 千円」 is already 147,368,000 円
 * here. An actual is a concrete achieved value — a quantity or a status word — and must be something
 * evaluateProgress can compare with the plan, so the unit rules here mirror the ones it applies.
 */

export type ActualValueProblemCode =
  | 'UNIT_MISMATCH'
  | 'NEGATIVE'
  | 'STATUS_FOR_NUMERIC'
  | 'NUMBER_FOR_STATUS'
  | 'MAINTAIN_NOT_ALLOWED'
  | 'EMPTY'
  | 'MARKERS_NOT_ALLOWED';

export type ActualValueProblem = { code: ActualValueProblemCode; message: string };

export interface ActualValueIndicator {
  name: string;
  unit: string | null;
  /** Its plan cells, the baseline estimate included. */
  cells: PlanValueData[];
}

function normalizeUnit(unit: string | null): string | null {
  if (unit === null) return null;
  const u = normalizeText(unit);
  return u === '' ? null : u;
}

function isEmpty(value: PlanValueData): boolean {
  return value.raw.trim() === '' && value.number === null && (value.text ?? '').trim() === '';
}

/** Distinct units of the numeric plan cells, in order of appearance. */
function cellUnits(cells: PlanValueData[]): string[] {
  const units: string[] = [];
  for (const cell of cells) {
    const unit = cell.kind === 'STATUS' ? null : normalizeUnit(cell.unit);
    if (unit !== null && !units.includes(unit)) units.push(unit);
  }
  return units;
}

function quoteList(words: string[]): string {
  return words.map((w) => `「${w}」`).join(', ');
}

/**
 * The units an actual may carry: the indicator's unit; with none recorded, the units its plan cells carry (an
 * indicator row without a unit of its own is still in the units its cells print). Empty = a unitless indicator.
 */
function acceptedUnits(indicator: ActualValueIndicator): string[] {
  const unit = normalizeUnit(indicator.unit);
  return unit === null ? cellUnits(indicator.cells) : [unit];
}

/**
 * Returns every problem found; [] means the value is acceptable as an actual of this indicator.
 *
 * - EMPTY: nothing was given (a lone footnote marker is empty too, and says so as well).
 * - MARKERS_NOT_ALLOWED: ※ markers belong to footnotes, which are attached separately; a marker inside the value
 *   would be lost or misread.
 * - MAINTAIN_NOT_ALLOWED: 「おおむね現状維持 →」 is the plan's wording for a target span, not an achieved level.
 * - STATUS_FOR_NUMERIC / NUMBER_FOR_STATUS: judged on the plan cells only when they are all of one kind (QUANTITY
 *   or MAINTAIN count as numeric); a mixed row such as 職層研修 (20回, then 実施) accepts both. An indicator with no
 *   cells accepts both.
 * - UNIT_MISMATCH: the actual's base unit differs from the indicator's. The scale is already applied, so 千円 for a
 *   円 indicator is 円. A unitless number for an indicator with a unit is accepted on purpose: people type 「84.0」
 *   for 84.0 %, the indicator's unit is the only reading that makes sense, and evaluateProgress reads a unitless
 *   value in the indicator's unit too. The reverse is refused: a unit on an actual of an indicator whose plan gives
 *   no unit (「9件」 for a row of plain counts) could not be compared with the plan, so the plain number is asked for.
 * - NEGATIVE: achieved counts, rates and amounts are not negative; a negative actual is a typo (or a △ that meant
 *   something else). The exception is an indicator whose own plan cells go negative (a △ change rate): there a
 *   negative actual is as legitimate as the plan's numbers.
 */
export function checkActualValue(indicator: ActualValueIndicator, parsed: ParsedCell): ActualValueProblem[] {
  const problems: ActualValueProblem[] = [];
  const value = parsed.value;
  const name = `「${indicator.name}」`;
  const given = `「${value.raw}」`;

  if (parsed.markers.length > 0) {
    problems.push({
      code: 'MARKERS_NOT_ALLOWED',
      message: `The value for ${name} contains the footnote marker ${parsed.markers.join(', ')}, but an actual must be the achieved value alone (footnotes are attached separately).`,
    });
  }
  if (isEmpty(value)) {
    problems.push({
      code: 'EMPTY',
      message: `No value was given for ${name}, but an actual must be the achieved number or status.`,
    });
    return problems;
  }
  if (value.kind === 'MAINTAIN') {
    problems.push({
      code: 'MAINTAIN_NOT_ALLOWED',
      message: `The value ${given} for ${name} is a plan phrase for keeping a level, but an actual must be the level actually reached, as a number or a status.`,
    });
    return problems;
  }

  const cells = indicator.cells;
  const units = acceptedUnits(indicator);
  const allNumeric = cells.length > 0 && cells.every((c) => c.kind !== 'STATUS');
  const allStatus = cells.length > 0 && cells.every((c) => c.kind === 'STATUS');

  if (value.kind === 'STATUS') {
    if (allNumeric) {
      const expected = units.length === 0 ? 'a plain number' : `a number in ${quoteList(units)}`;
      problems.push({
        code: 'STATUS_FOR_NUMERIC',
        message: `The value ${given} for ${name} is a status word, but the indicator is measured as ${expected}.`,
      });
    }
    return problems;
  }

  // QUANTITY from here on.
  if (allStatus) {
    const words = [...new Set(cells.map((c) => normalizeText(c.text ?? c.raw)))];
    problems.push({
      code: 'NUMBER_FOR_STATUS',
      message: `The value ${given} for ${name} is a number, but the indicator's plan gives only statuses such as ${quoteList(words)}.`,
    });
  } else {
    const unit = normalizeUnit(value.unit);
    if (unit !== null && !units.includes(unit)) {
      const expected =
        units.length === 0 ? 'has no unit in the plan, so give the plain number' : `is in ${quoteList(units)}`;
      problems.push({
        code: 'UNIT_MISMATCH',
        message: `The value ${given} for ${name} is in 「${unit}」, but the indicator ${expected}.`,
      });
    }
  }

  const negativeInPlan = cells.some((c) => c.number !== null && c.number < 0);
  if (value.number !== null && value.number < 0 && !negativeInPlan) {
    problems.push({
      code: 'NEGATIVE',
      message: `The value ${given} for ${name} is negative, but an achieved value of this indicator is zero or more.`,
    });
  }
  return problems;
}
