import { matchKey, similarity } from '../domain/text';
import type { PlanChangeKind, PlanSubjectType } from '../domain/vocabulary';

/**
 * Matching a term to the previous term: pure code over two outlines (ids, names and how the items hang together).
 * Policies match by title (their number may change); measures by title, else by the overlap of their indicators and
 * projects; projects and indicators by normalised name within the matched measure (or project) first, then across
 * the plan. Curated overrides force or forbid a match, each with its reason.
 */

export interface TermOutline {
  finalYear: number;
  policies: { id: number; number: number; title: string }[];
  measures: { id: number; title: string; policyId: number; indicatorIds: number[]; projectIds: number[] }[];
  projects: { id: number; title: string; measureIds: number[]; indicatorIds: number[] }[];
  indicators: { id: number; name: string; finalTarget: string | null }[];
}

/** Curated lineage corrections (the `lineage` key of the overrides file), keyed by the new term's indicator name. */
export interface LineageOverrides {
  /** New name → the previous term's indicator name it continues. */
  force?: Record<string, string>;
  /** New name → the previous term's indicator name it must not be matched to. */
  forbid?: Record<string, string>;
  /** Why, keyed like `force` and `forbid`. */
  reasons?: Record<string, string>;
}

export type MatchKind = 'SAME_TITLE' | 'OVERLAP' | 'SAME_NAME_IN_OWNER' | 'SAME_NAME' | 'OVERRIDE';

export interface Match {
  subjectType: PlanSubjectType;
  previousId: number;
  newId: number;
  kind: MatchKind;
  reason: string;
}

export interface Change {
  kind: PlanChangeKind;
  subjectType: PlanSubjectType;
  previousSubject: string | null;
  newSubject: string | null;
  description: string;
}

export interface LineageResult {
  matches: Match[];
  changes: Change[];
  /** Unmatched items of the new term with the closest candidates, and overrides that matched nothing. */
  warnings: string[];
}

/** The up to three closest names, as 「a」, 「b」. */
function candidates(name: string, pool: string[]): string {
  const ranked = pool
    .map((p) => ({ p, s: similarity(name, p) }))
    .filter((c) => c.s > 0)
    .sort((x, y) => y.s - x.s)
    .slice(0, 3);
  return ranked.length === 0 ? 'none' : ranked.map((c) => `「${c.p}」 (${Math.round(c.s * 100)}%)`).join(', ');
}

const MEASURE_OVERLAP = 0.5;

class Matcher {
  readonly matches: Match[] = [];
  readonly changes: Change[] = [];
  readonly warnings: string[] = [];
  /** previous id → new id, per subject type. */
  private readonly forward = new Map<PlanSubjectType, Map<number, number>>();
  private readonly backward = new Map<PlanSubjectType, Map<number, number>>();

  constructor(
    readonly prev: TermOutline,
    readonly next: TermOutline,
  ) {
    for (const t of ['POLICY', 'MEASURE', 'PROJECT', 'INDICATOR'] as const) {
      this.forward.set(t, new Map());
      this.backward.set(t, new Map());
    }
  }

  newOf(type: PlanSubjectType, previousId: number): number | undefined {
    return this.forward.get(type)?.get(previousId);
  }

  previousOf(type: PlanSubjectType, newId: number): number | undefined {
    return this.backward.get(type)?.get(newId);
  }

  match(subjectType: PlanSubjectType, previousId: number, newId: number, kind: MatchKind, reason: string): void {
    if (this.newOf(subjectType, previousId) !== undefined || this.previousOf(subjectType, newId) !== undefined) return;
    this.forward.get(subjectType)?.set(previousId, newId);
    this.backward.get(subjectType)?.set(newId, previousId);
    this.matches.push({ subjectType, previousId, newId, kind, reason });
  }

  change(kind: PlanChangeKind, subjectType: PlanSubjectType, prev: string | null, next: string | null, text: string) {
    this.changes.push({ kind, subjectType, previousSubject: prev, newSubject: next, description: text });
  }
}

function matchPolicies(m: Matcher): void {
  for (const p of m.next.policies) {
    const old = m.prev.policies.find((o) => matchKey(o.title) === matchKey(p.title) && !m.newOf('POLICY', o.id));
    if (!old) continue;
    m.match('POLICY', old.id, p.id, 'SAME_TITLE', `Same title 「${p.title}」.`);
    if (old.number !== p.number) {
      m.change(
        'RENUMBERED',
        'POLICY',
        old.title,
        p.title,
        `Policy 「${p.title}」 is renumbered from ${old.number} to ${p.number}.`,
      );
    }
  }
}

function matchMeasures(m: Matcher): void {
  const namesOf = (o: TermOutline, ms: TermOutline['measures'][number]) =>
    new Set([
      ...ms.indicatorIds.map((id) => matchKey(o.indicators.find((i) => i.id === id)?.name ?? '')),
      ...ms.projectIds.map((id) => matchKey(o.projects.find((p) => p.id === id)?.title ?? '')),
    ]);
  for (const ms of m.next.measures) {
    const old = m.prev.measures.find((o) => matchKey(o.title) === matchKey(ms.title));
    if (old) m.match('MEASURE', old.id, ms.id, 'SAME_TITLE', `Same title 「${ms.title}」.`);
  }
  for (const ms of m.next.measures) {
    if (m.previousOf('MEASURE', ms.id) !== undefined) continue;
    const mine = namesOf(m.next, ms);
    let best: { id: number; title: string; shared: number; total: number; score: number } | null = null;
    for (const o of m.prev.measures) {
      if (m.newOf('MEASURE', o.id) !== undefined) continue;
      const theirs = namesOf(m.prev, o);
      const shared = [...mine].filter((k) => theirs.has(k)).length;
      const total = new Set([...mine, ...theirs]).size;
      const score = total === 0 ? 0 : shared / total;
      if (!best || score > best.score) best = { id: o.id, title: o.title, shared, total, score };
    }
    if (best && best.score >= MEASURE_OVERLAP) {
      m.match('MEASURE', best.id, ms.id, 'OVERLAP', `Shares ${best.shared} of ${best.total} indicators and projects.`);
      m.change(
        'RENAMED',
        'MEASURE',
        best.title,
        ms.title,
        `Measure 「${best.title}」 is renamed 「${ms.title}」 (it shares ${best.shared} of ${best.total} indicators and projects).`,
      );
    }
  }
}

/** Owners as keys ("MEASURE:3", "PROJECT:7"); `translate` maps a new-term owner to its previous-term key. */
type Owners = (o: TermOutline, id: number) => string[];

/** Items of `type` matched by name: within a matched owner first, then across the plan; `allowed` vetoes pairs. */
function matchByName<T extends { id: number }>(
  m: Matcher,
  type: 'PROJECT' | 'INDICATOR',
  prevItems: T[],
  nextItems: T[],
  nameOf: (item: T) => string,
  ownersOf: Owners,
  allowed: (prev: T, next: T) => boolean,
): void {
  const previousKey = (key: string): string | undefined => {
    const [t, id] = key.split(':') as [PlanSubjectType, string];
    const old = m.previousOf(t, Number(id));
    return old === undefined ? undefined : `${t}:${old}`;
  };
  const free = (o: T, item: T) =>
    m.newOf(type, o.id) === undefined && matchKey(nameOf(o)) === matchKey(nameOf(item)) && allowed(o, item);
  for (const item of nextItems) {
    if (m.previousOf(type, item.id) !== undefined) continue;
    const owners = ownersOf(m.next, item.id).map(previousKey);
    const old = prevItems.find((o) => free(o, item) && ownersOf(m.prev, o.id).some((k) => owners.includes(k)));
    if (old)
      m.match(type, old.id, item.id, 'SAME_NAME_IN_OWNER', `Same name 「${nameOf(item)}」 under a matched parent.`);
  }
  for (const item of nextItems) {
    if (m.previousOf(type, item.id) !== undefined) continue;
    const old = prevItems.find((o) => free(o, item));
    if (old) m.match(type, old.id, item.id, 'SAME_NAME', `Same name 「${nameOf(item)}」 elsewhere in the plan.`);
  }
}

function applyOverrides(m: Matcher, overrides: LineageOverrides | undefined): Set<string> {
  const forbidden = new Set<string>();
  const reasonOf = (name: string) => overrides?.reasons?.[name] ?? 'no reason given';
  for (const [name, previous] of Object.entries(overrides?.forbid ?? {})) {
    forbidden.add(`${matchKey(name)}\0${matchKey(previous)}`);
  }
  for (const [name, previous] of Object.entries(overrides?.force ?? {})) {
    const item = m.next.indicators.find((i) => matchKey(i.name) === matchKey(name));
    const old = m.prev.indicators.find((i) => matchKey(i.name) === matchKey(previous));
    if (!item || !old) {
      m.warnings.push(
        `The lineage override 「${name}」 → 「${previous}」 names an indicator that is not in the ${item ? 'previous' : 'new'} term and was not applied.`,
      );
      continue;
    }
    m.match('INDICATOR', old.id, item.id, 'OVERRIDE', `Curated override: ${reasonOf(name)}`);
  }
  return forbidden;
}

function ownersOfIndicator(o: TermOutline, id: number): string[] {
  return [
    ...o.measures.filter((ms) => ms.indicatorIds.includes(id)).map((ms) => `MEASURE:${ms.id}`),
    ...o.projects.filter((p) => p.indicatorIds.includes(id)).map((p) => `PROJECT:${p.id}`),
  ];
}

function ownersOfProject(o: TermOutline, id: number): number[] {
  return o.projects.find((p) => p.id === id)?.measureIds ?? [];
}

function title(o: TermOutline, type: PlanSubjectType, id: number): string {
  if (type === 'POLICY') return o.policies.find((p) => p.id === id)?.title ?? '';
  if (type === 'MEASURE') return o.measures.find((p) => p.id === id)?.title ?? '';
  if (type === 'PROJECT') return o.projects.find((p) => p.id === id)?.title ?? '';
  return o.indicators.find((p) => p.id === id)?.name ?? '';
}

const word = { POLICY: 'Policy', MEASURE: 'Measure', PROJECT: 'Project', INDICATOR: 'Indicator' } as const;

/** REMOVED and ADDED items; an added project or indicator is also a warning with the closest candidates. */
function describeUnmatched(m: Matcher): void {
  const { prev, next } = m;
  const lists = {
    POLICY: [prev.policies, next.policies],
    MEASURE: [prev.measures, next.measures],
    PROJECT: [prev.projects, next.projects],
    INDICATOR: [prev.indicators, next.indicators],
  } as const;
  for (const type of ['POLICY', 'MEASURE', 'PROJECT', 'INDICATOR'] as const) {
    const [olds, news] = lists[type];
    for (const o of olds) {
      if (m.newOf(type, o.id) !== undefined) continue;
      m.change(
        'REMOVED',
        type,
        title(prev, type, o.id),
        null,
        `${word[type]} 「${title(prev, type, o.id)}」 is not in this term.`,
      );
    }
    for (const n of news) {
      if (m.previousOf(type, n.id) !== undefined) continue;
      const name = title(next, type, n.id);
      m.change('ADDED', type, null, name, `${word[type]} 「${name}」 is new in this term.`);
      if (type === 'PROJECT' || type === 'INDICATOR') {
        const pool = olds.filter((o) => m.newOf(type, o.id) === undefined).map((o) => title(prev, type, o.id));
        m.warnings.push(
          `${word[type]} 「${name}」 continues nothing of the previous term; closest candidates: ${candidates(name, pool)}.`,
        );
      }
    }
  }
}

/** What changed in matched items: RENAMED, MOVED, RETARGETED (RENUMBERED and measure renames are found earlier). */
function describeMatched(m: Matcher): void {
  const { prev, next } = m;
  for (const match of m.matches) {
    const oldName = title(prev, match.subjectType, match.previousId);
    const newName = title(next, match.subjectType, match.newId);
    if (
      (match.subjectType === 'INDICATOR' || match.subjectType === 'PROJECT') &&
      matchKey(oldName) !== matchKey(newName)
    ) {
      m.change(
        'RENAMED',
        match.subjectType,
        oldName,
        newName,
        `${word[match.subjectType]} 「${oldName}」 is renamed 「${newName}」 (${match.reason})`,
      );
    }
    if (match.subjectType === 'MEASURE') {
      const was = prev.measures.find((x) => x.id === match.previousId)?.policyId;
      const is = next.measures.find((x) => x.id === match.newId)?.policyId;
      if (was !== undefined && is !== undefined && m.newOf('POLICY', was) !== is) {
        m.change('MOVED', 'MEASURE', oldName, newName, `Measure 「${newName}」 is under another policy than before.`);
      }
    }
    if (match.subjectType === 'PROJECT') {
      const was = ownersOfProject(prev, match.previousId)
        .map((id) => m.newOf('MEASURE', id))
        .sort();
      const is = [...ownersOfProject(next, match.newId)].sort();
      if (was.join(',') !== is.join(',')) {
        m.change('MOVED', 'PROJECT', oldName, newName, `Project 「${newName}」 is under other measures than before.`);
      }
    }
    if (match.subjectType === 'INDICATOR') {
      const was = prev.indicators.find((x) => x.id === match.previousId)?.finalTarget ?? null;
      const is = next.indicators.find((x) => x.id === match.newId)?.finalTarget ?? null;
      if (was !== is) {
        m.change(
          'RETARGETED',
          'INDICATOR',
          oldName,
          newName,
          `Indicator 「${newName}」: the final-year target changes from ${was ?? 'none'} (FY${prev.finalYear}) to ${is ?? 'none'} (FY${next.finalYear}).`,
        );
      }
    }
  }
}

/** Matches the new term's items to the previous term's and lists what changed. */
export function matchTerms(prev: TermOutline, next: TermOutline, overrides?: LineageOverrides): LineageResult {
  const m = new Matcher(prev, next);
  matchPolicies(m);
  matchMeasures(m);
  const projectOwners: Owners = (o, id) => ownersOfProject(o, id).map((ms) => `MEASURE:${ms}`);
  matchByName(
    m,
    'PROJECT',
    prev.projects,
    next.projects,
    (p) => p.title,
    projectOwners,
    () => true,
  );
  const forbidden = applyOverrides(m, overrides);
  const allowed = (o: { name: string }, n: { name: string }) =>
    !forbidden.has(`${matchKey(n.name)}\0${matchKey(o.name)}`);
  matchByName(m, 'INDICATOR', prev.indicators, next.indicators, (i) => i.name, ownersOfIndicator, allowed);
  describeUnmatched(m);
  describeMatched(m);
  return { matches: m.matches, changes: m.changes, warnings: m.warnings };
}
