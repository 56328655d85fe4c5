import { extractRepostMark } from '../domain/text';
import { parseApproach } from './approach';
import { addRows } from './plan-rows';
import type { PlanRegistry, ProjectEntry } from './plan-registry';
import type { MeasureRead } from './read-tables';
import type { RawProject, RawTable } from './structure';
import type { ReadTable } from './tables';

/** What a project printing needs besides the registry: the tables already read, and the plan's base year. */
export interface ProjectTables {
  tables: Map<RawTable, ReadTable>;
  baseYear: number;
}

/**
 * One printed project under measure `m`: a new project, or the one it repeats (a 【再掲】 printing, or the same
 * title again), with its target tables' footnotes and rows added. Returns the project's key.
 */
export function addProject(reg: PlanRegistry, read: ProjectTables, p: RawProject, m: MeasureRead): string {
  const { text: title } = extractRepostMark(p.title);
  const context = `Project 「${title}」, target table`;
  const project = projectEntry(reg, p, m).project;
  if (!project.measureKeys.includes(m.key)) project.measureKeys.push(m.key);
  if (p.tables.length === 0) reg.warn(p.line, `Project 「${title}」 (line ${p.line}) has no 実績目標 table.`);
  for (const raw of p.tables) {
    const table = read.tables.get(raw);
    if (!table) continue;
    const byMarker = reg.registerFootnotes(raw, { measureKey: null, projectKey: project.key }, context);
    for (const key of byMarker.values()) if (!project.footnoteKeys.includes(key)) project.footnoteKeys.push(key);
    const rows = { table, raw, kind: 'OUTPUT' as const, byMarker, context, baseYear: read.baseYear };
    for (const key of addRows(reg, rows)) if (!project.indicatorKeys.includes(key)) project.indicatorKeys.push(key);
  }
  return project.key;
}

/** The registered project this printing belongs to, created on its first printing. */
function projectEntry(reg: PlanRegistry, p: RawProject, m: MeasureRead): ProjectEntry {
  const mark = extractRepostMark(p.title);
  const title = mark.text;
  const approach = p.approach === null ? [] : parseApproach(p.approach);
  const line = p.approachLine ?? p.line;
  const entry = reg.projectTitled(title);
  if (entry) {
    reconcileApproach(reg, entry, { approach, repost: mark.repost, measureTitle: m.title, line });
    entry.project.repostPage ??= mark.page;
    return entry;
  }
  const created = reg.addProject(
    { title, approach, repostPage: mark.page, measureKeys: [], indicatorKeys: [], footnoteKeys: [] },
    { approachFromRepost: mark.repost, approachMeasure: m.title, approachLine: line },
  );
  if (p.approach === null) reg.warn(p.line, `Project 「${title}」 (line ${p.line}) has no 実施方針 row.`);
  return created;
}

interface ApproachPrinting {
  approach: string[];
  repost: boolean;
  measureTitle: string;
  line: number;
}

/**
 * A project printed again with a different 実施方針: the original printing (not marked 再掲) is the authority;
 * between two of the same kind the first one stays. A warning names both places and every differing item.
 */
function reconcileApproach(reg: PlanRegistry, entry: ProjectEntry, again: ApproachPrinting): void {
  const kept = entry.project.approach;
  if (kept.join('\n') === again.approach.join('\n')) return;
  const replace = entry.approachFromRepost && !again.repost;
  const describe = (fromRepost: boolean, title: string, at: number): string =>
    `${fromRepost ? 'marked 再掲 ' : ''}under measure 「${title}」 (line ${at})`;
  const first = describe(entry.approachFromRepost, entry.approachMeasure, entry.approachLine);
  const second = describe(again.repost, again.measureTitle, again.line);
  const differences = replace ? approachDifferences(again.approach, kept) : approachDifferences(kept, again.approach);
  reg.warn(
    again.line,
    `Project 「${entry.project.title}」 is printed more than once with different 実施方針 text; the text printed ${replace ? second : first} was kept over the one ${replace ? first : second}: ${differences.join('; ')}.`,
  );
  if (replace) {
    entry.project.approach = again.approach;
    entry.approachFromRepost = again.repost;
    entry.approachMeasure = again.measureTitle;
    entry.approachLine = again.line;
  }
}

/** Item-by-item differences between the kept approach (`winner`) and the dropped one (`loser`). */
function approachDifferences(winner: string[], loser: string[]): string[] {
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
  return differences;
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
