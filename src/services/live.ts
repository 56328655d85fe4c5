import type { RequestContext, Viewer } from '../context';
import { AppError } from '../domain/errors';
import type { ActualAction, EventKind, FiscalYearEventKind } from '../domain/vocabulary';
import { findActual } from './actuals';
import type { EventFeed } from './event-feed';
import type { StoredEvent } from './events';
import type { ActualView } from './visibility';

/** What a live subscription needs beyond its request context: the events, and its subscriber checked again. */
export interface LiveSubscriber {
  feed: EventFeed;
  /**
   * A fresh request context for the subscriber (new loaders, the token checked again), made for each event;
   * null when the token has been revoked: the subscription then ends (and the transport closes the connection).
   */
  refresh(): Promise<RequestContext | null>;
}

/** The events whose result the public sees: an approval, a fiscal year closed or reopened. */
export const PUBLIC_EVENT_KINDS: ReadonlySet<EventKind> = new Set([
  'ACTUAL_APPROVED',
  'FISCAL_YEAR_CLOSED',
  'FISCAL_YEAR_REOPENED',
]);

/**
 * Whether the viewer is told of an event. The public (the viewer's scope is approved-only) hears of public
 * events only; a token holder also of drafts, submissions and returns within the token's measures.
 */
export function eventVisible(viewer: Viewer, event: StoredEvent): boolean {
  if (PUBLIC_EVENT_KINDS.has(event.kind)) return true;
  if (viewer.scope(undefined) === 'approved') return false;
  const measures = viewer.user?.measureIds ?? null;
  return measures === null || event.measureIds.some((id) => measures.includes(id));
}

export interface ActualEventData {
  kind: ActualAction;
  event: StoredEvent;
  /** The actual as this subscriber sees it when the event reaches them. */
  actual: ActualView;
}

export interface FiscalYearEventData {
  kind: FiscalYearEventKind;
  event: StoredEvent;
}

/** An event already read from the stream whose subscriber's token was revoked: end the stream. */
const END = Symbol('end');

/** Queued events per subscription before a subscriber that does not keep up is ended (it may subscribe again). */
export const MAX_QUEUED_EVENTS = 1_000;

async function planIdOf(ctx: RequestContext, planCode: string): Promise<number> {
  const rows = (await ctx.db.query('SELECT id FROM plan WHERE code = $1', [planCode])) as { id: number }[];
  if (!rows[0]) throw new AppError('NOT_FOUND', `No plan with code "${planCode}".`, { argument: 'planCode' });
  return rows[0].id;
}

/** actualChanged: review steps of the plan's actuals (of one measure, if given) the subscriber may see. */
export async function subscribeActualEvents(
  ctx: RequestContext,
  live: LiveSubscriber,
  spec: { planCode: string; measureId?: number | null },
): Promise<AsyncIterableIterator<ActualEventData>> {
  const planId = await planIdOf(ctx, spec.planCode);
  return eventStream(
    live,
    (e) =>
      e.planId === planId && e.actualId !== null && (spec.measureId == null || e.measureIds.includes(spec.measureId)),
    ctx,
    async (fresh, event) => {
      if (!eventVisible(fresh.viewer, event)) return null;
      const actual = await findActual(fresh, event.actualId!);
      if (!actual) return null;
      return { kind: event.kind.slice('ACTUAL_'.length) as ActualAction, event, actual };
    },
  );
}

/** fiscalYearChanged: the plan's fiscal years (or a measure's part of one) closed and reopened. */
export async function subscribeFiscalYearEvents(
  ctx: RequestContext,
  live: LiveSubscriber,
  spec: { planCode: string },
): Promise<AsyncIterableIterator<FiscalYearEventData>> {
  const planId = await planIdOf(ctx, spec.planCode);
  return eventStream(
    live,
    (e) => e.planId === planId && e.kind.startsWith('FISCAL_YEAR_'),
    ctx,
    async (fresh, event) =>
      eventVisible(fresh.viewer, event)
        ? { kind: event.kind.slice('FISCAL_YEAR_'.length) as FiscalYearEventKind, event }
        : null,
  );
}

/**
 * The events of the feed that `accept` takes, each resolved with a fresh request context (copied into `ctx`,
 * the one object the subscription's resolvers read). Subscribed at once, so nothing committed after the
 * subscription started is missed; `return()` unsubscribes at once, even while waiting for the next event.
 */
function eventStream<T>(
  live: LiveSubscriber,
  accept: (event: StoredEvent) => boolean,
  ctx: RequestContext,
  resolve: (fresh: RequestContext, event: StoredEvent) => Promise<T | null>,
): AsyncIterableIterator<T> {
  const queue: StoredEvent[] = [];
  let waiting: ((event: StoredEvent | null) => void) | null = null;
  let done = false;
  const finish = () => {
    done = true;
    unsubscribe();
    queue.length = 0;
    waiting?.(null);
    waiting = null;
  };
  const unsubscribe = live.feed.subscribe((event) => {
    if (done || !accept(event)) return;
    if (waiting) {
      waiting(event);
      waiting = null;
    } else if (queue.push(event) > MAX_QUEUED_EVENTS) {
      finish();
    }
  });
  const nextEvent = () =>
    queue.length > 0 ? Promise.resolve(queue.shift()!) : new Promise<StoredEvent | null>((r) => (waiting = r));
  const iterator: AsyncIterableIterator<T> = {
    async next(): Promise<IteratorResult<T>> {
      while (!done) {
        const event = await nextEvent();
        if (!event) break;
        const fresh = await live.refresh();
        const value = fresh ? await resolve(Object.assign(ctx, fresh), event) : END;
        if (value === END) finish();
        else if (value !== null) return { value, done: false };
      }
      return { value: undefined, done: true };
    },
    async return(): Promise<IteratorResult<T>> {
      finish();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
