import { createHmac } from 'node:crypto';
import { toGlobalId } from 'graphql-relay';
import type { DataSource } from 'typeorm';

/**
 * Delivers the outbox's webhook deliveries. A delivery is claimed with FOR UPDATE SKIP LOCKED (so with several
 * processes each is attempted by one) and leased: its next attempt is pushed past the request timeout before the
 * POST, so a process that dies mid-delivery leaves it due again, with the same delivery id, for whichever
 * dispatcher comes next (after a restart too). A 2xx answer delivers it; a 5xx, 408, 429, a timeout or a refused
 * connection retries with exponential backoff; any other answer, or the last attempt, fails it.
 */
export interface DispatcherOptions {
  /** How often due deliveries are looked for (an event also wakes the dispatcher). Default 2 s. */
  pollMs: number;
  /** First retry delay; each retry doubles it. Default 5 s. */
  retryBaseMs: number;
  /** Longest retry delay. Default 1 h. */
  retryMaxMs: number;
  /** Attempts before a delivery is FAILED. Default 12. */
  maxAttempts: number;
  /** Time a receiver has to answer. Default 10 s. */
  timeoutMs: number;
  /** Deliveries claimed at once. Default 20. */
  batch: number;
}

export const DEFAULT_DISPATCHER: DispatcherOptions = {
  pollMs: 2_000,
  retryBaseMs: 5_000,
  retryMaxMs: 3_600_000,
  maxAttempts: 12,
  timeoutMs: 10_000,
  batch: 20,
};

export const SIGNATURE_HEADER = 'x-plangraph-signature';
export const DELIVERY_HEADER = 'x-plangraph-delivery';
export const EVENT_HEADER = 'x-plangraph-event';

export interface Dispatcher {
  /** Look for due deliveries now (an event was committed). */
  wake(): void;
  /**
   * Stops claiming; waits for the deliveries in flight, at most `waitMs` (default 1 s): one cut short stays
   * leased, and is attempted again, with the same delivery id, once its lease runs out.
   */
  stop(waitMs?: number): Promise<void>;
}

interface Claimed {
  id: string;
  attempts: number;
  url: string;
  secret: string;
  body: Record<string, unknown>;
}

/** `sha256=<hex HMAC-SHA256 of the raw body>` with the webhook's secret. */
export function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** Delay before attempt `attempts + 1`: base · 2^(attempts − 1), at most max. */
export function backoffMs(options: Pick<DispatcherOptions, 'retryBaseMs' | 'retryMaxMs'>, attempts: number): number {
  return Math.min(options.retryMaxMs, options.retryBaseMs * 2 ** Math.max(0, attempts - 1));
}

const CLAIM = `
  WITH due AS (
    SELECT id FROM webhook_delivery
     WHERE status = 'PENDING' AND next_attempt_at <= now()
     ORDER BY next_attempt_at, event_id
     LIMIT $1
       FOR UPDATE SKIP LOCKED),
  claimed AS (
    UPDATE webhook_delivery d
       SET attempts = d.attempts + 1, last_attempt_at = now(),
           next_attempt_at = now() + $2 * interval '1 millisecond'
      FROM due WHERE d.id = due.id
    RETURNING d.id, d.attempts, d.webhook_id, d.event_id)
  SELECT c.id, c.attempts, w.url, w.secret,
         jsonb_strip_nulls(jsonb_build_object(
           'deliveryId', c.id, 'eventId', e.id::text, 'event', e.kind, 'at', e.at,
           'planCode', p.code, 'fiscalYear', e.fiscal_year, 'measureIds', e.measure_ids,
           'reason', e.reason, 'actor', e.actor,
           'actual', CASE WHEN e.actual_id IS NOT NULL THEN jsonb_build_object(
             'id', e.actual_id, 'indicatorId', a.indicator_id, 'revision', e.revision, 'status', r.status,
             'value', r.value_raw, 'note', r.note, 'reason', r.reason) END)) AS body
    FROM claimed c
    JOIN webhook w ON w.id = c.webhook_id
    JOIN event e ON e.id = c.event_id
    JOIN plan p ON p.id = e.plan_id
    LEFT JOIN actual a ON a.id = e.actual_id
    LEFT JOIN actual_revision r ON r.actual_id = e.actual_id AND r.revision = e.revision
   ORDER BY c.event_id`;

/** The body as receivers get it: database ids as the API's global IDs. */
function publicBody(body: Record<string, unknown>): string {
  const out: Record<string, unknown> = { ...body };
  if (Array.isArray(body.measureIds)) {
    out.measureIds = (body.measureIds as number[]).map((id) => toGlobalId('Measure', String(id)));
  }
  const actual = body.actual as Record<string, unknown> | undefined;
  if (actual) {
    out.actual = {
      ...actual,
      id: toGlobalId('Actual', String(actual.id)),
      indicatorId: toGlobalId('Indicator', String(actual.indicatorId)),
    };
  }
  return JSON.stringify(out);
}

type Outcome =
  { delivered: true; status: number } | { delivered: false; retry: boolean; status: number | null; error: string };

async function post(options: DispatcherOptions, delivery: Claimed): Promise<Outcome> {
  const body = publicBody(delivery.body);
  try {
    const res = await fetch(delivery.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'plangraph-webhooks',
        [DELIVERY_HEADER]: delivery.id,
        [EVENT_HEADER]: String(delivery.body.event),
        [SIGNATURE_HEADER]: signature(delivery.secret, body),
      },
      body,
    });
    const text = (await res.text().catch(() => '')).slice(0, 500);
    if (res.status >= 200 && res.status < 300) return { delivered: true, status: res.status };
    const retry = res.status >= 500 || res.status === 408 || res.status === 429;
    return { delivered: false, retry, status: res.status, error: `HTTP ${res.status}${text ? `: ${text}` : ''}` };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const name = (error as { name?: string }).name;
    const message =
      name === 'TimeoutError'
        ? `no answer within ${options.timeoutMs} ms`
        : (cause?.code ?? cause?.message ?? String(error));
    return { delivered: false, retry: true, status: null, error: message.slice(0, 500) };
  }
}

export function startDispatcher(
  db: DataSource,
  partial: Partial<DispatcherOptions> = {},
  onError: (message: string) => void = () => undefined,
): Dispatcher {
  const options: DispatcherOptions = { ...DEFAULT_DISPATCHER, ...partial };
  const leaseMs = options.timeoutMs + 5_000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  let again = false;

  const record = async (delivery: Claimed, outcome: Outcome): Promise<void> => {
    if (outcome.delivered) {
      await db.query(
        `UPDATE webhook_delivery SET status = 'DELIVERED', delivered_at = now(), last_status_code = $2,
                last_error = NULL WHERE id = $1 AND status = 'PENDING'`,
        [delivery.id, outcome.status],
      );
      return;
    }
    const failed = !outcome.retry || delivery.attempts >= options.maxAttempts;
    await db.query(
      `UPDATE webhook_delivery SET status = $2, last_status_code = $3, last_error = $4,
              next_attempt_at = now() + $5 * interval '1 millisecond' WHERE id = $1 AND status = 'PENDING'`,
      [
        delivery.id,
        failed ? 'FAILED' : 'PENDING',
        outcome.status,
        outcome.error,
        backoffMs(options, delivery.attempts),
      ],
    );
  };

  const round = async (): Promise<void> => {
    do {
      again = false;
      if (stopped || !db.isInitialized) return;
      const claimed = (await db.query(CLAIM, [options.batch, leaseMs])) as Claimed[];
      await Promise.all(claimed.map(async (d) => record(d, await post(options, d))));
      if (claimed.length === options.batch) again = true;
    } while (again);
  };

  // Its statements go through the shared data source, never a request's counted view (src/db/query-counter).
  const tick = () => {
    clearTimeout(timer);
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = round()
      .catch((error: unknown) => onError(error instanceof Error ? error.message : String(error)))
      .finally(() => {
        running = null;
        if (!stopped) timer = setTimeout(tick, options.pollMs);
      });
  };
  tick();
  return {
    wake: tick,
    async stop(waitMs = 1_000) {
      stopped = true;
      clearTimeout(timer);
      let wait: NodeJS.Timeout | undefined;
      await Promise.race([running, new Promise((resolve) => (wait = setTimeout(resolve, waitMs)))]);
      clearTimeout(wait);
    },
  };
}
