import { fiscalYearLabel } from '../domain/fiscal-year';
import { extractRepostMark, matchKey, normalizeText } from '../domain/text';
import { parseApproach } from './approach';
import { toBlocks } from './blocks';
import { categorizeFootnote } from './footnotes';
import { applyOverrides, inferCumulative, inferDirection, inferUnit } from './infer';
import type {
  IndicatorKind,
  IndicatorOverrides,
  ParsedFootnote,
  ParsedIndicator,
  ParsedMeasure,
  ParsedPlan,
  ParsedPolicy,
  ParsedProject,
  ParsedTargetCell,
} from './plan-document';
import { buildStructure } from './structure';
import type { RawDocument, RawMeasure, RawProject, RawTable } from './structure';
import { readTable } from './tables';
import type { ReadRow, ReadTable } from './tables';
import type { Warning } from './warnings';
import { orderWarnings } from './warnings';

/**
 * Plan document text → the plain plan object, as a pipeline of pure stages:
 *   toBlocks (lines) → buildStructure (measures, projects, tables) → readTable (columns, typed rows)
 *   → this module (years, policies, keys, merging of repeated indicators and reposted projects, footnote links)
 *   → infer (unit, cumulative, direction, overrides).
 * Nothing here knows a municipality: only the document style's vocabulary.
 */

/** The document has no recognisable plan (no 施策名, or no fiscal-year header anywhere). */
export class PlanParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanParseError';
  }
}

export interface ParsePlanOptions {
  /** Plan title; defaults to the document's first `#` heading. */
  title?: string;
  overrides?: IndicatorOverrides;
}

interface PlanYears {
  baseYear: number;
  planYears: number[];
  finalYear: number;
}

interface MeasureRead {
  raw: RawMeasure;
  key: string;
  title: string;
  outcome: ReadTable | null;
}

interface IndicatorEntry {
  indicator: ParsedIndicator;
  signature: string;
  context: string;
}

interface ProjectEntry {
  project: ParsedProject;
  /** Whether the approach currently kept comes from a printing marked 【再掲】. */
  approachFromRepost: boolean;
  approachMeasure: string;
  approachLine: number;
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

function stripChapterNumber(title: string): string {
  return title.replace(/^(?:[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ]+|[IVXL]+)[\s.．、]+/, '').trim();
}

/** Shows where two texts differ: 「…を図る。」 vs 「…を図ります。」. */
function describeDifference(a: string, b: string): string {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end += 1;
  const context = 8;
  const from = Math.max(0, start - context);
  const clip = (s: string): string =>
    `「${from > 0 ? '…' : ''}${s.slice(from, s.length - end)}${s.slice(s.length - end)}」`;
  return `${clip(a)} vs ${clip(b)}`;
}

export function parsePlanDocument(text: string, options: ParsePlanOptions = {}): ParsedPlan {
  const warnings: Warning[] = [];
  const blocks = toBlocks(text);
  const lastLine = blocks.length;
  const doc: RawDocument = buildStructure(blocks, warnings);
  if (doc.measures.length === 0) {
    throw new PlanParseError('The document has no 施策名 (measure) heading, so it holds no recognisable plan.');
  }

  // Stage 3: tables.
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

  const years = resolveYears(measures, [...projectTables.values()], warnings);
  checkPlanHeaders(measures, warnings);

  const policies = resolvePolicies(doc, measures, warnings);

  // Stage 4: keys, merging and links.
  const footnotes: ParsedFootnote[] = [];
  const footnoteByKey = new Map<string, ParsedFootnote>();
  const indicators: ParsedIndicator[] = [];
  const indicatorsByName = new Map<string, IndicatorEntry[]>();
  const projects: ParsedProject[] = [];
  const projectsByTitle = new Map<string, ProjectEntry>();

  const registerFootnotes = (
    table: RawTable,
    owner: { measureKey: string | null; projectKey: string | null },
    context: string,
  ): Map<string, string> => {
    const ownerKey = owner.measureKey ?? owner.projectKey ?? '';
    const byMarker = new Map<string, string>();
    for (const f of table.footnotes) {
      let key = `${ownerKey}#${f.marker}`;
      const existing = footnoteByKey.get(key);
      if (existing && existing.text === f.text && !byMarker.has(f.marker)) {
        byMarker.set(f.marker, key);
        continue;
      }
      if (existing || byMarker.has(f.marker)) {
        let n = 2;
        while (footnoteByKey.has(`${key}~${n}`)) n += 1;
        key = `${key}~${n}`;
        warnings.push({
          line: f.line,
          message: `${context} (line ${f.line}): footnote ${f.marker} is printed more than once with different text; both texts were kept, and cells marked ${f.marker} point to the first.`,
        });
      }
      if (f.text === '') {
        warnings.push({ line: f.line, message: `${context} (line ${f.line}): footnote ${f.marker} has no text.` });
      }
      const footnote: ParsedFootnote = {
        key,
        marker: f.marker,
        text: f.text,
        category: categorizeFootnote(f.text),
        measureKey: owner.measureKey,
        projectKey: owner.projectKey,
      };
      footnotes.push(footnote);
      footnoteByKey.set(key, footnote);
      if (!byMarker.has(f.marker)) byMarker.set(f.marker, key);
    }
    return byMarker;
  };

  /** Turns the rows of one printed table into indicators (new or merged) and returns their keys in order. */
  const addRows = (
    table: ReadTable,
    raw: RawTable,
    kind: IndicatorKind,
    byMarker: Map<string, string>,
    context: string,
  ): string[] => {
    const keys: string[] = [];
    const used = new Set<string>();
    const resolveMarkers = (markers: string[], row: ReadRow): string[] =>
      markers.flatMap((marker) => {
        used.add(marker);
        const key = byMarker.get(marker);
        if (key === undefined) {
          warnings.push({
            line: row.line,
            message: `${context}, row 「${row.name}」 (line ${row.line}): the marker ${marker} has no footnote text under the table; the marker was dropped.`,
          });
          return [];
        }
        return [key];
      });
    const withUnlabeled: ReadRow[] = [];
    for (const row of table.rows) {
      const cells: ParsedTargetCell[] = row.cells.map((c) => ({
        fiscalYear: c.column.ref.kind === 'year' ? c.column.ref.year : years.baseYear,
        role: c.column.role,
        value: c.value,
        footnoteKeys: resolveMarkers(c.markers, row),
      }));
      const rowFootnotes = resolveMarkers(row.markers, row);
      if (row.unlabeled.length > 0) withUnlabeled.push(row);
      const nameKey = `${kind}|${row.group ?? ''}|${matchKey(row.name)}`;
      const signature = [
        ...cells.map((c) => `${c.fiscalYear}:${c.role}:${matchKey(c.value.raw)}`),
        '|',
        ...row.unlabeled.map(matchKey),
      ].join(' ');
      const sameName = indicatorsByName.get(nameKey) ?? [];
      const same = sameName.find((e) => e.signature === signature);
      if (same) {
        mergeInto(same.indicator, cells, rowFootnotes);
        if (!keys.includes(same.indicator.key)) keys.push(same.indicator.key);
        continue;
      }
      const other = sameName[0];
      if (other) {
        warnings.push({
          line: row.line,
          message: `${context}, row 「${row.name}」 (line ${row.line}): an indicator of the same name (${other.context}) has different values, so it was imported as a separate indicator.`,
        });
      }
      const indicator: ParsedIndicator = {
        key: `indicator-${indicators.length + 1}`,
        name: row.name,
        kind,
        unit: null,
        cumulative: false,
        direction: 'NONE',
        group: row.group,
        cells,
        unlabeledCells: row.unlabeled,
        footnoteKeys: rowFootnotes,
      };
      indicators.push(indicator);
      indicatorsByName.set(nameKey, [...sameName, { indicator, signature, context: `${context}, line ${row.line}` }]);
      keys.push(indicator.key);
    }
    if (withUnlabeled.length > 0) {
      const examples = withUnlabeled
        .slice(0, 2)
        .map((r) => `「${r.name}」: ${r.unlabeled.map((u) => `「${u}」`).join(', ')}`)
        .join('; ');
      warnings.push({
        line: raw.line,
        message: `${context} (line ${raw.line}): ${withUnlabeled.length} row${withUnlabeled.length > 1 ? 's have' : ' has'} a value in a column with no fiscal-year header (${examples}${withUnlabeled.length > 2 ? '; …' : ''}); the year cannot be told, so these values are kept as unlabeled cells.`,
      });
    }
    for (const f of raw.footnotes) {
      if (!used.has(f.marker)) {
        warnings.push({
          line: f.line,
          message: `${context} (line ${f.line}): footnote ${f.marker} 「${f.text}」 is not marked on any row or cell of the table; it is kept on the table only.`,
        });
      }
    }
    return keys;
  };

  function addProject(p: RawProject, m: MeasureRead): string {
    const mark = extractRepostMark(p.title);
    const title = mark.text;
    const context = `Project 「${title}」, target table`;
    const approach = p.approach === null ? [] : parseApproach(p.approach);
    let entry = projectsByTitle.get(matchKey(title));
    if (!entry) {
      const project: ParsedProject = {
        key: `project-${projects.length + 1}`,
        title,
        approach,
        repostPage: mark.page,
        measureKeys: [],
        indicatorKeys: [],
        footnoteKeys: [],
      };
      projects.push(project);
      entry = {
        project,
        approachFromRepost: mark.repost,
        approachMeasure: m.title,
        approachLine: p.approachLine ?? p.line,
      };
      projectsByTitle.set(matchKey(title), entry);
      if (p.approach === null) {
        warnings.push({ line: p.line, message: `Project 「${title}」 (line ${p.line}) has no 実施方針 row.` });
      }
    } else {
      reconcileApproach(entry, approach, mark.repost, m.title, p.approachLine ?? p.line);
      entry.project.repostPage ??= mark.page;
    }
    const project = entry.project;
    if (!project.measureKeys.includes(m.key)) project.measureKeys.push(m.key);
    if (p.tables.length === 0) {
      warnings.push({ line: p.line, message: `Project 「${title}」 (line ${p.line}) has no 実績目標 table.` });
    }
    for (const rawTable of p.tables) {
      const table = projectTables.get(rawTable);
      if (!table) continue;
      const byMarker = registerFootnotes(rawTable, { measureKey: null, projectKey: project.key }, context);
      for (const key of byMarker.values()) if (!project.footnoteKeys.includes(key)) project.footnoteKeys.push(key);
      for (const key of addRows(table, rawTable, 'OUTPUT', byMarker, context)) {
        if (!project.indicatorKeys.includes(key)) project.indicatorKeys.push(key);
      }
    }
    return project.key;
  }

  function reconcileApproach(
    entry: ProjectEntry,
    approach: string[],
    repost: boolean,
    measureTitle: string,
    line: number,
  ): void {
    const kept = entry.project.approach;
    if (kept.join('\n') === approach.join('\n')) return;
    // The original printing (not marked 再掲) is the authority; between two of the same kind the first one stays.
    const replace = entry.approachFromRepost && !repost;
    const winner = replace ? approach : kept;
    const loser = replace ? kept : approach;
    const describe = (fromRepost: boolean, title: string, at: number): string =>
      `${fromRepost ? 'marked 再掲 ' : ''}under measure 「${title}」 (line ${at})`;
    const keptWhere = replace
      ? describe(repost, measureTitle, line)
      : describe(entry.approachFromRepost, entry.approachMeasure, entry.approachLine);
    const droppedWhere = replace
      ? describe(entry.approachFromRepost, entry.approachMeasure, entry.approachLine)
      : describe(repost, measureTitle, line);
    const differences: string[] = [];
    for (let i = 0; i < Math.max(winner.length, loser.length); i += 1) {
      const w = winner[i];
      const l = loser[i];
      if (w === l) continue;
      if (w !== undefined && l !== undefined) {
        differences.push(`item ${i + 1} differs, ${describeDifference(l, w)} (the dropped item in full: 「${l}」)`);
      } else if (l !== undefined) {
        differences.push(`item ${i + 1} exists only there: 「${l}」`);
      } else if (w !== undefined) {
        differences.push(`item ${i + 1} is missing there`);
      }
    }
    warnings.push({
      line,
      message: `Project 「${entry.project.title}」 is printed more than once with different 実施方針 text; the text printed ${keptWhere} was kept over the one ${droppedWhere}: ${differences.join('; ')}.`,
    });
    if (replace) {
      entry.project.approach = approach;
      entry.approachFromRepost = repost;
      entry.approachMeasure = measureTitle;
      entry.approachLine = line;
    }
  }

  const parsedMeasures: ParsedMeasure[] = measures.map((m, i) => {
    const measureContext = `Measure 「${m.title}」, outcome table`;
    let indicatorKeys: string[] = [];
    let footnoteKeys: string[] = [];
    if (m.outcome && m.raw.outcome) {
      const byMarker = registerFootnotes(m.raw.outcome, { measureKey: m.key, projectKey: null }, measureContext);
      footnoteKeys = [...new Set(byMarker.values())];
      indicatorKeys = addRows(m.outcome, m.raw.outcome, 'OUTCOME', byMarker, measureContext);
    } else {
      warnings.push({
        line: m.raw.line,
        message: `Measure 「${m.title}」 (line ${m.raw.line}) has no 成果指標 table.`,
      });
    }
    if (m.raw.purpose.length === 0) {
      warnings.push({
        line: m.raw.line,
        message: `Measure 「${m.title}」 (line ${m.raw.line}) has no 目的・方向性 text.`,
      });
    }
    const projectKeys = m.raw.projects.map((p) => addProject(p, m));
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
  });

  for (const indicator of indicators) {
    indicator.unit = inferUnit(indicator.cells);
    indicator.cumulative = inferCumulative(indicator.name);
    indicator.direction = inferDirection(indicator.name, indicator.cells);
  }
  applyOverrides(indicators, options.overrides, warnings, lastLine);

  let title = options.title?.trim() ?? '';
  if (title === '') {
    title = doc.firstHeading ? stripChapterNumber(doc.firstHeading) : '';
    if (title === '') {
      title = measures[0]?.title ?? '';
      warnings.push({
        line: 1,
        message: `The document has no # heading to take the plan title from; the first measure's title 「${title}」 was used.`,
      });
    }
  }

  return {
    title,
    baseYear: years.baseYear,
    planYears: years.planYears,
    finalYear: years.finalYear,
    policies: policies.list,
    measures: parsedMeasures,
    projects,
    indicators,
    footnotes,
    warnings: orderWarnings(warnings),
  };
}

/** Appends a repeated printing's footnote links to the indicator it repeats. */
function mergeInto(indicator: ParsedIndicator, cells: ParsedTargetCell[], rowFootnotes: string[]): void {
  for (const key of rowFootnotes) if (!indicator.footnoteKeys.includes(key)) indicator.footnoteKeys.push(key);
  for (const cell of cells) {
    const target = indicator.cells.find((c) => c.fiscalYear === cell.fiscalYear && c.role === cell.role);
    if (!target) continue;
    for (const key of cell.footnoteKeys) if (!target.footnoteKeys.includes(key)) target.footnoteKeys.push(key);
  }
}

/** The plan's years: from the first outcome table, checked against the others and the target tables. */
function resolveYears(measures: MeasureRead[], targetTables: ReadTable[], warnings: Warning[]): PlanYears {
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
  if (!years) {
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
    years = { baseYear: first - 1, planYears: targetYears, finalYear: last };
    warnings.push({
      line: 1,
      message: `No outcome table names the plan's years; they were taken from the target tables (${describeYears(years)}), assuming 本年度 is the year before the first target year.`,
    });
  }
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

/** The header over the plan-year columns should read the same in every outcome table (実施計画 (第2期)). */
function checkPlanHeaders(measures: MeasureRead[], warnings: Warning[]): void {
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

interface PolicyResolution {
  list: ParsedPolicy[];
  byMeasure: { number: number; inferred: boolean }[];
}

/**
 * Policies come from running page headers. A measure takes the first header printed inside its span; with none,
 * the nearest following header (a measure that starts a page is printed before that page's header), else the
 * nearest preceding one.
 */
function resolvePolicies(doc: RawDocument, measures: MeasureRead[], warnings: Warning[]): PolicyResolution {
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
  const headers = doc.policyHeaders;
  const byMeasure = measures.map((m) => {
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
  });
  if (byMeasure.some((b) => b.number === 0) && !list.some((p) => p.number === 0)) {
    list.push({ number: 0, title: '(no policy header in the document)' });
  }
  return { list, byMeasure };
}
