import { matchKey } from '../domain/text';
import { categorizeFootnote } from './footnotes';
import type { ParsedFootnote, ParsedIndicator, ParsedProject } from './plan-document';
import type { RawFootnote, RawTable } from './structure';
import type { Warning } from './warnings';

/** The table a footnote is printed under: exactly one of the two keys is set. */
export interface FootnoteOwner {
  measureKey: string | null;
  projectKey: string | null;
}

/** An indicator with what decides whether a later printing of the same name is the same indicator. */
export interface IndicatorEntry {
  indicator: ParsedIndicator;
  /** The row's cells as text, year by year: two printings merge only when these agree. */
  signature: string;
  /** Where it was first printed, for warnings. */
  context: string;
}

/** A project with where the 実施方針 text it keeps was printed (a repost may print it differently). */
export interface ProjectEntry {
  project: ParsedProject;
  /** Whether the approach currently kept comes from a printing marked 【再掲】. */
  approachFromRepost: boolean;
  approachMeasure: string;
  approachLine: number;
}

/**
 * Everything the parser has found so far in stage 4, in document order: footnotes, indicators and projects with
 * the indexes that merge repeated printings, and the warnings. One object the stages share, rather than closures
 * over loose maps; its lists are the plan's final lists (keys are numbered in the order things are added).
 */
export class PlanRegistry {
  readonly warnings: Warning[] = [];
  readonly footnotes: ParsedFootnote[] = [];
  readonly indicators: ParsedIndicator[] = [];
  readonly projects: ParsedProject[] = [];
  private readonly footnoteByKey = new Map<string, ParsedFootnote>();
  private readonly indicatorsByName = new Map<string, IndicatorEntry[]>();
  private readonly projectsByTitle = new Map<string, ProjectEntry>();

  warn(line: number, message: string): void {
    this.warnings.push({ line, message });
  }

  /**
   * Registers the footnotes printed under one table and returns marker → footnote key. A footnote printed again
   * under the same owner with the same text is the same footnote; with a different text it is kept as a second one.
   */
  registerFootnotes(table: RawTable, owner: FootnoteOwner, context: string): Map<string, string> {
    const ownerKey = owner.measureKey ?? owner.projectKey ?? '';
    const byMarker = new Map<string, string>();
    for (const f of table.footnotes) {
      let key = `${ownerKey}#${f.marker}`;
      const existing = this.footnoteByKey.get(key);
      if (existing && existing.text === f.text && !byMarker.has(f.marker)) {
        byMarker.set(f.marker, key);
        continue;
      }
      if (existing || byMarker.has(f.marker)) {
        key = this.freshFootnoteKey(key);
        this.warn(
          f.line,
          `${context} (line ${f.line}): footnote ${f.marker} is printed more than once with different text; both texts were kept, and cells marked ${f.marker} point to the first.`,
        );
      }
      if (f.text === '') this.warn(f.line, `${context} (line ${f.line}): footnote ${f.marker} has no text.`);
      this.addFootnote(key, f, owner);
      if (!byMarker.has(f.marker)) byMarker.set(f.marker, key);
    }
    return byMarker;
  }

  /** Indicators already registered under one name key (kind, group and name), in registration order. */
  indicatorsNamed(nameKey: string): readonly IndicatorEntry[] {
    return this.indicatorsByName.get(nameKey) ?? [];
  }

  addIndicator(
    nameKey: string,
    fields: Omit<ParsedIndicator, 'key'>,
    signature: string,
    context: string,
  ): ParsedIndicator {
    const indicator: ParsedIndicator = { key: `indicator-${this.indicators.length + 1}`, ...fields };
    this.indicators.push(indicator);
    this.indicatorsByName.set(nameKey, [...this.indicatorsNamed(nameKey), { indicator, signature, context }]);
    return indicator;
  }

  /** The project registered under this title (compared by matchKey), if any. */
  projectTitled(title: string): ProjectEntry | undefined {
    return this.projectsByTitle.get(matchKey(title));
  }

  addProject(fields: Omit<ParsedProject, 'key'>, origin: Omit<ProjectEntry, 'project'>): ProjectEntry {
    const project: ParsedProject = { key: `project-${this.projects.length + 1}`, ...fields };
    this.projects.push(project);
    const entry: ProjectEntry = { project, ...origin };
    this.projectsByTitle.set(matchKey(project.title), entry);
    return entry;
  }

  private freshFootnoteKey(key: string): string {
    let n = 2;
    while (this.footnoteByKey.has(`${key}~${n}`)) n += 1;
    return `${key}~${n}`;
  }

  private addFootnote(key: string, f: RawFootnote, owner: FootnoteOwner): void {
    const footnote: ParsedFootnote = {
      key,
      marker: f.marker,
      text: f.text,
      category: categorizeFootnote(f.text),
      measureKey: owner.measureKey,
      projectKey: owner.projectKey,
    };
    this.footnotes.push(footnote);
    this.footnoteByKey.set(key, footnote);
  }
}
