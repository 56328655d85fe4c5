import { fiscalYearLabel } from '../domain/fiscal-year';
import { matchKey } from '../domain/text';
import { PlanParseError } from './parse-error';
import type { MeasureRead } from './read-tables';
import type { ReadTable } from './tables';
import type { Warning } from './warnings';

export interface PlanYears {
  baseYear: number;
  planYears: number[];
  finalYear: number;
}

const describeYears = (y: PlanYears): string =>
  `base FY${y.baseYear}, plan ${y.planYears.map((p) => `FY${p}`).join('/')}, final FY${y.finalYear}`;

/** Base, plan and final years named by one outcome table's columns. */
function outcomeYears(table: ReadTable): PlanYears | null {
  const yearOf = (group: string): number[] =>
    table.layout.columns.flatMap((c) => (c.group === group && c.ref.kind === 'year' ? [c.ref.year] : []));
  const base = yearOf('base')[0];
  const plan = yearOf('plan');
  const final = yearOf('final').at(-1) ?? plan.at(-1);
  if (base === undefined || final === undefined) return null;
  return { baseYear: base, planYears: plan, finalYear: final };
}

function sameYears(a: PlanYears, b: PlanYears): boolean {
  return a.baseYear === b.baseYear && a.finalYear === b.finalYear && a.planYears.join() === b.planYears.join();
}

/** The plan's years: from the first outcome table, checked against the others and the target tables. */
export function resolveYears(measures: MeasureRead[], targetTables: ReadTable[], warnings: Warning[]): PlanYears {
  const years = yearsOfOutcomeTables(measures, warnings) ?? yearsOfTargetTables(targetTables, warnings);
  const known = new Set([years.baseYear, ...years.planYears, years.finalYear]);
  for (const t of targetTables) {
    const odd = t.layout.columns.flatMap((c) => (c.ref.kind === 'year' && !known.has(c.ref.year) ? [c.ref.year] : []));
    if (odd.length > 0) {
      warnings.push({
        line: t.line,
        message: `The target table at line ${t.line} has year columns outside the plan's years: ${odd.map((y) => `${fiscalYearLabel(y)} (FY${y})`).join(', ')}; they were kept as printed.`,
      });
    }
  }
  return years;
}

/** The years of the first outcome table that names them; a warning for every table that disagrees or names none. */
function yearsOfOutcomeTables(measures: MeasureRead[], warnings: Warning[]): PlanYears | null {
  let years: PlanYears | null = null;
  let source = '';
  for (const m of measures) {
    if (!m.outcome) continue;
    const y = outcomeYears(m.outcome);
    if (!y) {
      warnings.push({
        line: m.outcome.line,
        message: `Measure 「${m.title}」 (line ${m.outcome.line}): the outcome table's header names no base year and final year; its columns were read as far as they are labelled.`,
      });
      continue;
    }
    if (!years) {
      years = y;
      source = `measure 「${m.title}」`;
    } else if (!sameYears(years, y)) {
      warnings.push({
        line: m.outcome.line,
        message: `Measure 「${m.title}」 (line ${m.outcome.line}): the outcome table's years (${describeYears(y)}) differ from those of ${source} (${describeYears(years)}); the plan keeps the latter, the table's cells keep their own years.`,
      });
    }
  }
  return years;
}

/** With no outcome table naming years: every year column of the target tables, 本年度 the year before the first. */
function yearsOfTargetTables(targetTables: ReadTable[], warnings: Warning[]): PlanYears {
  const targetYears = [
    ...new Set(
      targetTables.flatMap((t) => t.layout.columns.flatMap((c) => (c.ref.kind === 'year' ? [c.ref.year] : []))),
    ),
  ].sort((a, b) => a - b);
  const first = targetYears[0];
  const last = targetYears.at(-1);
  if (first === undefined || last === undefined) {
    throw new PlanParseError(
      'The document has no table header naming fiscal years (年度), so it holds no recognisable plan.',
    );
  }
  const years = { baseYear: first - 1, planYears: targetYears, finalYear: last };
  warnings.push({
    line: 1,
    message: `No outcome table names the plan's years; they were taken from the target tables (${describeYears(years)}), assuming 本年度 is the year before the first target year.`,
  });
  return years;
}

/** The header over the plan-year columns should read the same in every outcome table (実施計画 (第2期)). */
export function checkPlanHeaders(measures: MeasureRead[], warnings: Warning[]): void {
  const headers = measures.flatMap((m) =>
    m.outcome?.layout.planHeader ? [{ m, header: m.outcome.layout.planHeader }] : [],
  );
  const counts = new Map<string, number>();
  for (const h of headers) counts.set(matchKey(h.header), (counts.get(matchKey(h.header)) ?? 0) + 1);
  let majority = '';
  let majorityCount = 0;
  for (const [key, count] of counts) {
    if (count > majorityCount) {
      majority = key;
      majorityCount = count;
    }
  }
  if (majorityCount * 2 <= headers.length) return;
  const majorityText = headers.find((h) => matchKey(h.header) === majority)?.header ?? majority;
  for (const h of headers) {
    if (matchKey(h.header) === majority) continue;
    const line = h.m.outcome?.line ?? h.m.raw.line;
    warnings.push({
      line,
      message: `Measure 「${h.m.title}」 (line ${line}): the outcome table's header says 「${h.header}」 where the other ${majorityCount} outcome tables say 「${majorityText}」; taken for a misprint, the table was read like the others.`,
    });
  }
}
