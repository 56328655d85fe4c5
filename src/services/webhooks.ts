import type { RequestContext } from '../context';
import { AppError, badInput } from '../domain/errors';
import { EVENT_KINDS, isOneOf, type DeliveryStatus, type EventKind } from '../domain/vocabulary';

/**
 * Webhooks of report generators: admins register a URL, the events it wants and a secret (to sign each body
 * with); the outbox queues a delivery per matching event in the change's own transaction and the dispatcher
 * (webhook-dispatcher.ts) delivers it. Everything here is for admins only: URLs and receivers' answers too.
 */

export const SECRET_MIN = 16;
export const SECRET_MAX = 200;
export const URL_MAX = 2000;
/** Deliveries listed per webhook. */
export const DELIVERIES_SHOWN = 50;

export interface WebhookSpec {
  url: string;
  events: readonly string[];
  planCode?: string | null;
  secret: string;
}

/** A webhook as admins see it: never its secret. */
export interface WebhookData {
  id: number;
  url: string;
  events: EventKind[];
  planCode: string | null;
  createdBy: string;
  createdAt: Date;
}

export interface DeliveryData {
  id: string;
  webhookId: number;
  eventId: string;
  event: EventKind;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: Date | null;
}

function requireAdmin(ctx: RequestContext): string {
  const user = ctx.viewer.user;
  if (!user) throw new AppError('UNAUTHENTICATED', 'Webhooks need an admin bearer token.');
  if (user.role !== 'admin') throw new AppError('FORBIDDEN', 'Only admins manage and see webhooks.');
  return user.name;
}

function checkUrl(raw: string): string {
  const url = raw.trim();
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw badInput(`The webhook URL "${url.slice(0, 100)}" is not a URL.`, { argument: 'input.url' });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw badInput(`A webhook URL must be http:// or https://, not ${parsed.protocol}.`, { argument: 'input.url' });
  }
  if (parsed.username || parsed.password) {
    throw badInput('A webhook URL carries no user name or password: the secret signs each body.', {
      argument: 'input.url',
    });
  }
  if (url.length > URL_MAX || /\s/.test(url)) {
    throw badInput(`A webhook URL has at most ${URL_MAX} characters and no spaces.`, { argument: 'input.url' });
  }
  return url;
}

export async function createWebhook(ctx: RequestContext, spec: WebhookSpec): Promise<WebhookData> {
  const createdBy = requireAdmin(ctx);
  const url = checkUrl(spec.url);
  const events = [...new Set(spec.events)];
  if (events.length === 0) throw badInput('Name at least one event.', { argument: 'input.events' });
  const unknown = events.filter((e) => !isOneOf(EVENT_KINDS, e));
  if (unknown.length > 0) throw badInput(`Unknown events: ${unknown.join(', ')}.`, { argument: 'input.events' });
  if (spec.secret.length < SECRET_MIN || spec.secret.length > SECRET_MAX) {
    throw badInput(`The secret must have ${SECRET_MIN} to ${SECRET_MAX} characters.`, { argument: 'input.secret' });
  }
  return ctx.db.transaction(async (m) => {
    let planId: number | null = null;
    if (spec.planCode != null) {
      const [plan] = (await m.query('SELECT id FROM plan WHERE code = $1', [spec.planCode])) as { id: number }[];
      if (!plan)
        throw new AppError('NOT_FOUND', `No plan with code "${spec.planCode}".`, { argument: 'input.planCode' });
      planId = plan.id;
    }
    const [row] = (await m.query(
      `INSERT INTO webhook (url, plan_id, secret, created_by) VALUES ($1, $2, $3, $4) RETURNING id`,
      [url, planId, spec.secret, createdBy],
    )) as { id: number }[];
    await m.query(`INSERT INTO webhook_event (webhook_id, kind) SELECT $1, unnest($2::text[])`, [row.id, events]);
    const [created] = await selectWebhooks(m, [row.id]);
    return created;
  });
}

export async function deleteWebhook(ctx: RequestContext, id: number): Promise<boolean> {
  requireAdmin(ctx);
  const [row] = (await ctx.db.query(
    'WITH d AS (DELETE FROM webhook WHERE id = $1 RETURNING id) SELECT count(*)::int AS n FROM d',
    [id],
  )) as { n: number }[];
  return row.n > 0;
}

export async function listWebhooks(ctx: RequestContext): Promise<WebhookData[]> {
  requireAdmin(ctx);
  return selectWebhooks(ctx.db, null);
}

async function selectWebhooks(
  db: { query: RequestContext['db']['query'] },
  ids: number[] | null,
): Promise<WebhookData[]> {
  const rows = (await db.query(
    `SELECT w.id, w.url, p.code AS "planCode", w.created_by AS "createdBy", w.created_at AS "createdAt",
            array(SELECT kind FROM webhook_event we WHERE we.webhook_id = w.id ORDER BY kind) AS events
       FROM webhook w LEFT JOIN plan p ON p.id = w.plan_id
      WHERE $1::int[] IS NULL OR w.id = ANY($1::int[])
      ORDER BY w.id`,
    [ids],
  )) as WebhookData[];
  return rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt) }));
}

/** The latest deliveries of some webhooks (admins only: they show the receivers' answers). */
export async function deliveriesOf(ctx: RequestContext, webhookIds: readonly number[]): Promise<DeliveryData[][]> {
  requireAdmin(ctx);
  const rows = (await ctx.db.query(
    `SELECT d.id, d.webhook_id AS "webhookId", d.event_id::text AS "eventId", e.kind AS event, d.status, d.attempts,
            CASE WHEN d.status = 'PENDING' THEN d.next_attempt_at END AS "nextAttemptAt",
            d.last_attempt_at AS "lastAttemptAt", d.last_status_code AS "lastStatusCode", d.last_error AS "lastError",
            d.delivered_at AS "deliveredAt"
       FROM unnest($1::int[]) AS w(id)
       CROSS JOIN LATERAL (SELECT * FROM webhook_delivery d WHERE d.webhook_id = w.id
                            ORDER BY d.event_id DESC LIMIT ${DELIVERIES_SHOWN}) d
       JOIN event e ON e.id = d.event_id
      ORDER BY d.event_id`,
    [webhookIds],
  )) as DeliveryData[];
  const date = (v: Date | string | null) => (v === null ? null : new Date(v));
  return webhookIds.map((id) =>
    rows
      .filter((r) => r.webhookId === id)
      .map((r) => ({
        ...r,
        nextAttemptAt: date(r.nextAttemptAt),
        lastAttemptAt: date(r.lastAttemptAt),
        deliveredAt: date(r.deliveredAt),
      })),
  );
}
