import type { DataSource, EntityManager } from 'typeorm';
import type { EventKind } from '../domain/vocabulary';

/**
 * The event outbox. A change writes its events with the manager of its own transaction, so an event exists
 * exactly when its change committed; the same statement queues one webhook delivery per matching webhook.
 * A trigger NOTIFYs each event id on EVENT_CHANNEL at commit (see the Events migration).
 */
export const EVENT_CHANNEL = 'plangraph_event';

/** One review step of an actual: the revision that step wrote. */
export interface ActualEventSpec {
  kind: Extract<EventKind, `ACTUAL_${string}`>;
  actualId: number;
  revision: number;
  actor?: string | null;
}

/** A fiscal year closed or reopened, for the whole plan (measureId null) or one measure. */
export interface FiscalYearEventSpec {
  kind: Extract<EventKind, `FISCAL_YEAR_${string}`>;
  planId: number;
  fiscalYear: number;
  measureId?: number | null;
  reason?: string | null;
  actor?: string | null;
}

/** An event as the outbox holds it. */
export interface StoredEvent {
  id: string;
  kind: EventKind;
  planId: number;
  planCode: string;
  fiscalYear: number;
  measureIds: number[];
  actualId: number | null;
  revision: number | null;
  reason: string | null;
  actor: string | null;
  at: Date;
}

/** Queues the deliveries of the events inserted by the CTE `e` (id, kind, plan_id). */
const QUEUE_DELIVERIES = `
  INSERT INTO webhook_delivery (webhook_id, event_id)
  SELECT w.id, e.id FROM e
    JOIN webhook_event we ON we.kind = e.kind
    JOIN webhook w ON w.id = we.webhook_id AND (w.plan_id IS NULL OR w.plan_id = e.plan_id)`;

/**
 * Writes the events of review steps of actuals, any number in one statement (the CSV import's bulk path
 * too). Plan, fiscal year and measures come from the actual's own rows.
 */
export async function emitActualEvents(m: EntityManager, specs: readonly ActualEventSpec[]): Promise<void> {
  if (specs.length === 0) return;
  await m.query(
    `WITH e AS (
       INSERT INTO event (kind, plan_id, fiscal_year, measure_ids, actual_id, revision, actor)
       SELECT v.kind, a.plan_id, a.fiscal_year,
              array(SELECT DISTINCT s.measure_id FROM indicator_scope s WHERE s.indicator_id = a.indicator_id
                     ORDER BY 1),
              a.id, v.revision, v.actor
         FROM unnest($1::text[], $2::int[], $3::int[], $4::text[]) WITH ORDINALITY AS v(kind, actual_id, revision, actor, n)
         JOIN actual a ON a.id = v.actual_id
        ORDER BY v.n
       RETURNING id, kind, plan_id)
     ${QUEUE_DELIVERIES}`,
    [
      specs.map((s) => s.kind),
      specs.map((s) => s.actualId),
      specs.map((s) => s.revision),
      specs.map((s) => s.actor ?? null),
    ],
  );
}

/** Writes a fiscal year's event (closeFiscalYear / reopenFiscalYear call it in their transaction). */
export async function emitFiscalYearEvent(m: EntityManager, spec: FiscalYearEventSpec): Promise<void> {
  await m.query(
    `WITH e AS (
       INSERT INTO event (kind, plan_id, fiscal_year, measure_ids, reason, actor)
       VALUES ($1, $2, $3, CASE WHEN $4::int IS NULL THEN '{}'::int[] ELSE ARRAY[$4::int] END, $5, $6)
       RETURNING id, kind, plan_id)
     ${QUEUE_DELIVERIES}`,
    [spec.kind, spec.planId, spec.fiscalYear, spec.measureId ?? null, spec.reason ?? null, spec.actor ?? null],
  );
}

/** Either kind of event, for callers that hold a spec of one or the other. */
export function emitEvent(m: EntityManager, spec: ActualEventSpec | FiscalYearEventSpec): Promise<void> {
  return 'actualId' in spec ? emitActualEvents(m, [spec]) : emitFiscalYearEvent(m, spec);
}

const EVENT_COLUMNS = `e.id::text AS id, e.kind, e.plan_id AS "planId", p.code AS "planCode", e.fiscal_year AS "fiscalYear",
  e.measure_ids AS "measureIds", e.actual_id AS "actualId", e.revision, e.reason, e.actor, e.at`;

/** Events by id (as NOTIFY announces them), in id order; ids that no longer exist are left out. */
export async function loadEvents(db: DataSource | EntityManager, ids: readonly string[]): Promise<StoredEvent[]> {
  if (ids.length === 0) return [];
  const rows = (await db.query(
    `SELECT ${EVENT_COLUMNS} FROM event e JOIN plan p ON p.id = e.plan_id WHERE e.id = ANY($1::bigint[]) ORDER BY e.id`,
    [ids],
  )) as (Omit<StoredEvent, 'at'> & { at: Date | string })[];
  return rows.map((r) => ({ ...r, at: new Date(r.at) }));
}
