import type { ActualScope } from '../context/viewer';
import type { Actual, ActualRevision, Footnote } from '../entities';

// What a scope (context/viewer.ts decides it) shows of an actual, and the same rule as SQL. Every
// read path of actuals goes through one of these.

/**
 * An actual as one scope sees it: 'approved', its latest approved revision (and the approval steps as
 * history); 'latest', its latest revision (and every step). The value, note and footnotes come from the
 * revision that recorded the value shown.
 */
export class ActualView {
  constructor(
    readonly actual: Actual,
    /** Every revision, ascending. */
    readonly revisions: ActualRevision[],
    readonly scope: ActualScope,
    /** The revision shown. */
    readonly shown: ActualRevision,
  ) {}

  /** The value shown. */
  get value(): ActualRevision['value'] {
    return this.shown.value;
  }

  /** The revision that recorded the value shown (approvals and returns carry it on). */
  get valueRevision(): ActualRevision {
    return valueRevisionOf(this.revisions, this.shown);
  }

  /** The steps this scope may see, oldest first. */
  get history(): ActualRevision[] {
    return this.scope === 'latest' ? this.revisions : this.revisions.filter((r) => r.action === 'APPROVED');
  }

  /**
   * Ids of the revisions whose footnotes this scope may see: for 'latest' every revision; for
   * 'approved' the revisions that recorded a value some approval carried (never a returned or
   * never-approved draft, even when a later revision was approved).
   */
  get footnoteRevisionIds(): Set<number> {
    if (this.scope === 'latest') return new Set(this.revisions.map((r) => r.id));
    return new Set(this.history.map((r) => valueRevisionOf(this.revisions, r).id));
  }
}

function valueRevisionOf(revisions: ActualRevision[], step: ActualRevision): ActualRevision {
  const recorded = revisions.filter((r) => r.action === 'RECORDED' && r.revision <= step.revision);
  return recorded[recorded.length - 1] ?? step;
}

/** What `scope` may see of an actual, or null when it may see nothing (never approved). */
export function viewActual(actual: Actual, revisions: ActualRevision[], scope: ActualScope): ActualView | null {
  const wanted = scope === 'latest' ? actual.revision : actual.approvedRevision;
  const shown = wanted === null ? undefined : revisions.find((r) => r.revision === wanted);
  return shown ? new ActualView(actual, revisions, scope, shown) : null;
}

/** Whether `scope` may see a footnote: a plan footnote always; an actual's only through its view. */
export function footnoteVisible(footnote: Footnote, view: ActualView | null): boolean {
  if (footnote.actualRevisionId === null) return true;
  return view !== null && view.footnoteRevisionIds.has(footnote.actualRevisionId);
}

/** SQL true for an actual row `a` that counts in `scope` (filters: hasActual). */
export function actualCountsSql(scope: ActualScope): string {
  return scope === 'latest' ? 'TRUE' : 'a.approved_revision IS NOT NULL';
}

/** The column of actual `a` naming the revision `scope` shows (exports). */
export function shownRevisionSql(scope: ActualScope): string {
  return scope === 'latest' ? 'a.revision' : 'a.approved_revision';
}
