import { toBlocks } from './blocks';
import { applyOverrides, inferCumulative, inferDirection, inferUnit } from './infer';
import { PlanParseError } from './parse-error';
import type { IndicatorOverrides, ParsedMeasure, ParsedPlan } from './plan-document';
import { addProject } from './plan-projects';
import type { ProjectTables } from './plan-projects';
import { PlanRegistry } from './plan-registry';
import { addRows } from './plan-rows';
import { checkPlanHeaders, resolveYears } from './plan-years';
import { resolvePolicies } from './policies';
import type { PolicyResolution } from './policies';
import { readTables } from './read-tables';
import type { MeasureRead } from './read-tables';
import { buildStructure } from './structure';
import type { RawDocument } from './structure';
import { orderWarnings } from './warnings';

/**
 * Plan document text → the plain plan object, as a pipeline of pure stages:
 *   toBlocks (lines) → buildStructure (measures, projects, tables) → readTables (columns, typed rows)
 *   → plan-years / policies (the plan's frame) → plan-rows / plan-projects (keys, merging of repeated indicators
 *   and reposted projects, footnote links, all held by one PlanRegistry) → infer (unit, cumulative, direction,
 *   overrides).
 * Nothing here knows a municipality: only the document style's vocabulary.
 */

export { PlanParseError };

export interface ParsePlanOptions {
  /** Plan title; defaults to the document's first `#` heading. */
  title?: string;
  overrides?: IndicatorOverrides;
}

export function parsePlanDocument(text: string, options: ParsePlanOptions = {}): ParsedPlan {
  const reg = new PlanRegistry();
  const blocks = toBlocks(text);
  const doc: RawDocument = buildStructure(blocks, reg.warnings);
  if (doc.measures.length === 0) {
    throw new PlanParseError('The document has no 施策名 (measure) heading, so it holds no recognisable plan.');
  }
  const { measures, projectTables } = readTables(doc, reg.warnings);
  const years = resolveYears(measures, [...projectTables.values()], reg.warnings);
  checkPlanHeaders(measures, reg.warnings);
  const policies = resolvePolicies(doc, measures, reg.warnings);

  const read: ProjectTables = { tables: projectTables, baseYear: years.baseYear };
  const parsedMeasures = measures.map((m, i) => addMeasure(reg, read, m, i, policies));
  for (const indicator of reg.indicators) {
    indicator.unit = inferUnit(indicator.cells);
    indicator.cumulative = inferCumulative(indicator.name);
    indicator.direction = inferDirection(indicator.name, indicator.cells);
  }
  applyOverrides(reg.indicators, options.overrides, reg.warnings, blocks.length);
  const title = planTitle(reg, doc, measures, options.title);

  return {
    title,
    baseYear: years.baseYear,
    planYears: years.planYears,
    finalYear: years.finalYear,
    policies: policies.list,
    measures: parsedMeasures,
    projects: reg.projects,
    indicators: reg.indicators,
    footnotes: reg.footnotes,
    warnings: orderWarnings(reg.warnings),
  };
}

/** Stage 4 for one measure: its outcome table's footnotes and rows, then its projects in document order. */
function addMeasure(
  reg: PlanRegistry,
  read: ProjectTables,
  m: MeasureRead,
  i: number,
  policies: PolicyResolution,
): ParsedMeasure {
  const context = `Measure 「${m.title}」, outcome table`;
  let indicatorKeys: string[] = [];
  let footnoteKeys: string[] = [];
  if (m.outcome && m.raw.outcome) {
    const byMarker = reg.registerFootnotes(m.raw.outcome, { measureKey: m.key, projectKey: null }, context);
    footnoteKeys = [...new Set(byMarker.values())];
    const { baseYear } = read;
    indicatorKeys = addRows(reg, {
      table: m.outcome,
      raw: m.raw.outcome,
      kind: 'OUTCOME',
      byMarker,
      context,
      baseYear,
    });
  } else {
    reg.warn(m.raw.line, `Measure 「${m.title}」 (line ${m.raw.line}) has no 成果指標 table.`);
  }
  if (m.raw.purpose.length === 0) {
    reg.warn(m.raw.line, `Measure 「${m.title}」 (line ${m.raw.line}) has no 目的・方向性 text.`);
  }
  const projectKeys = m.raw.projects.map((p) => addProject(reg, read, p, m));
  const policy = policies.byMeasure[i] ?? { number: 0, inferred: true };
  return {
    key: m.key,
    position: i + 1,
    title: m.title,
    purpose: m.raw.purpose.join('\n'),
    policyNumber: policy.number,
    policyInferred: policy.inferred,
    indicatorKeys,
    projectKeys: [...new Set(projectKeys)],
    footnoteKeys,
  };
}

/** The title given, else the first `#` heading without its chapter number, else the first measure's title. */
function planTitle(reg: PlanRegistry, doc: RawDocument, measures: MeasureRead[], given: string | undefined): string {
  const title = given?.trim() ?? '';
  if (title !== '') return title;
  const heading = doc.firstHeading ? stripChapterNumber(doc.firstHeading) : '';
  if (heading !== '') return heading;
  const fallback = measures[0]?.title ?? '';
  reg.warn(
    1,
    `The document has no # heading to take the plan title from; the first measure's title 「${fallback}」 was used.`,
  );
  return fallback;
}

function stripChapterNumber(title: string): string {
  return title.replace(/^(?:[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ]+|[IVXL]+)[\s.．、]+/, '').trim();
}
