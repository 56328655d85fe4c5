import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DELIVERY_STATUSES, EVENT_KINDS } from '../src/domain/vocabulary';
import { vocabularyCheck } from './vocabulary';

/**
 * The event outbox and webhooks. Every change an event describes writes its `event` row (and one
 * `webhook_delivery` per matching webhook) in the change's own transaction; a trigger NOTIFYs the event id on
 * channel `plangraph_event`, so every server process (LISTEN) fans it out to its subscribers, and the
 * dispatcher delivers the deliveries with retries.
 */
export class Events1764910000000 implements MigrationInterface {
  name = 'Events1764910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE event (
        id          bigserial PRIMARY KEY,
        kind        text NOT NULL ${vocabularyCheck('kind', EVENT_KINDS)},
        plan_id     int  NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
        fiscal_year int  NOT NULL,
        -- The measures the change belongs to (a token's scope); for a fiscal year closed for one measure, that one.
        measure_ids int[] NOT NULL DEFAULT '{}',
        actual_id   int,
        revision    int  CHECK (revision > 0),
        reason      text CHECK (char_length(reason) <= 2000),
        actor       text,
        at          timestamptz NOT NULL DEFAULT clock_timestamp(),
        FOREIGN KEY (actual_id, plan_id) REFERENCES actual (id, plan_id) ON DELETE CASCADE,
        FOREIGN KEY (plan_id, fiscal_year) REFERENCES plan_fiscal_year (plan_id, year) ON DELETE CASCADE,
        CHECK ((kind LIKE 'ACTUAL\\_%') = (actual_id IS NOT NULL AND revision IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX event_actual_idx ON event (actual_id)`);
    // NOTIFY is sent at commit, and only if the transaction commits: a rolled-back change announces nothing.
    await q.query(`
      CREATE FUNCTION event_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('plangraph_event', NEW.id::text);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER event_notify AFTER INSERT ON event FOR EACH ROW EXECUTE FUNCTION event_notify()`);

    await q.query(`
      CREATE TABLE webhook (
        id         serial PRIMARY KEY,
        url        text NOT NULL CHECK (url ~* '^https?://[^[:space:]]+$' AND char_length(url) <= 2000),
        plan_id    int REFERENCES plan (id) ON DELETE CASCADE,
        secret     text NOT NULL CHECK (char_length(secret) BETWEEN 16 AND 200),
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE webhook_event (
        webhook_id int  NOT NULL REFERENCES webhook (id) ON DELETE CASCADE,
        kind       text NOT NULL ${vocabularyCheck('kind', EVENT_KINDS)},
        PRIMARY KEY (webhook_id, kind)
      )`);
    await q.query(`
      CREATE TABLE webhook_delivery (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        webhook_id       int  NOT NULL REFERENCES webhook (id) ON DELETE CASCADE,
        event_id         bigint NOT NULL REFERENCES event (id) ON DELETE CASCADE,
        status           text NOT NULL DEFAULT 'PENDING' ${vocabularyCheck('status', DELIVERY_STATUSES)},
        attempts         int  NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at  timestamptz NOT NULL DEFAULT now(),
        last_attempt_at  timestamptz,
        last_status_code int,
        last_error       text,
        delivered_at     timestamptz,
        UNIQUE (webhook_id, event_id),
        CHECK ((status = 'DELIVERED') = (delivered_at IS NOT NULL))
      )`);
    await q.query(
      `CREATE INDEX webhook_delivery_due_idx ON webhook_delivery (next_attempt_at) WHERE status = 'PENDING'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_delivery`);
    await q.query(`DROP TABLE webhook_event`);
    await q.query(`DROP TABLE webhook`);
    await q.query(`DROP TABLE event`);
    await q.query(`DROP FUNCTION event_notify`);
  }
}
