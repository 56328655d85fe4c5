import { AppError } from '../domain/errors';
import type { User } from '../services/auth';

/** Which revisions of the actuals a read shows: the approved ones, or the latest (drafts included). */
export type ActualScope = 'approved' | 'latest';

/**
 * Who is asking. The viewer owns the rule "who sees unapproved data": every read path (actuals, their
 * history and footnotes, footnotes by id, exports, filters, aggregates, progress, series) asks
 * `scope` and nothing else.
 */
export interface Viewer {
  /** The token holder making the request; null for anonymous callers. */
  readonly user: User | null;
  /** True when a token was sent but it is unknown or revoked. */
  readonly invalidToken: boolean;
  /**
   * The revisions a read shows, given its `includeDrafts` argument:
   * - `true`: the latest revisions, for token holders only (anyone else: UNAUTHENTICATED);
   * - `false` (the default of every includeDrafts argument, and of every filter): approved only;
   * - `undefined`, for the reads that have no includeDrafts argument and document that a token holder
   *   sees the latest revision (Indicator.actuals, Indicator.series, node(id:) of an actual or footnote).
   */
  scope(includeDrafts: boolean | undefined): ActualScope;
}

export function createViewer(user: User | null, invalidToken = false): Viewer {
  return {
    user,
    invalidToken,
    scope(includeDrafts) {
      if (includeDrafts === false) return 'approved';
      if (user) return 'latest';
      if (includeDrafts === undefined) return 'approved';
      throw new AppError(
        'UNAUTHENTICATED',
        invalidToken
          ? 'The bearer token is unknown or revoked.'
          : 'Drafts are visible to token holders only: send a bearer token.',
      );
    },
  };
}
