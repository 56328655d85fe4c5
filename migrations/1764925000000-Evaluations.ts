import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ACTUAL_ACTIONS, ACTUAL_STATUSES } from '../src/domain/vocabulary';
import { vocabularyCheck } from './vocabulary';

/**
 * Measure evaluations (施策評価): one evaluation per measure and fiscal year, its content in append-only
 * revisions (the same reviewed workflow as actuals). The closed-year check is done by the service inside the
 * write transaction (FOR SHARE on plan_fiscal_year, then fiscal_year_closing).
 */
export class Evaluations1764925000000 implements MigrationInterface {
  name = 'Evaluations1764925000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE evaluation (
        id                serial PRIMARY KEY,
        plan_id           int  NOT NULL,
        measure_id        int  NOT NULL,
        fiscal_year       int  NOT NULL,
        revision          int  NOT NULL CHECK (revision >= 1),
        status            text NOT NULL ${vocabularyCheck('status', ACTUAL_STATUSES)},
        approved_revision int  CHECK (approved_revision >= 1 AND approved_revision <= revision),
        UNIQUE (measure_id, fiscal_year),
        FOREIGN KEY (plan_id, fiscal_year) REFERENCES plan_fiscal_year (plan_id, year) ON DELETE CASCADE,
        FOREIGN KEY (measure_id, plan_id) REFERENCES measure (id, plan_id) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE evaluation_revision (
        id                   serial PRIMARY KEY,
        evaluation_id        int  NOT NULL REFERENCES evaluation (id) ON DELETE CASCADE,
        revision             int  NOT NULL,
        action               text NOT NULL ${vocabularyCheck('action', ACTUAL_ACTIONS)},
        status               text NOT NULL ${vocabularyCheck('status', ACTUAL_STATUSES)},
        grade                text NOT NULL CHECK (grade <> ''),
        comment              text CHECK (char_length(comment) <= 2000),
        reason               text CHECK (char_length(reason) <= 2000),
        actor                text NOT NULL,
        actor_token_id       int  REFERENCES api_token (id) ON DELETE SET NULL,
        recorded_by          text NOT NULL,
        recorded_by_token_id int  REFERENCES api_token (id) ON DELETE SET NULL,
        at                   timestamptz NOT NULL DEFAULT clock_timestamp(),
        UNIQUE (evaluation_id, revision)
      )`);
    await q.query(
      `COMMENT ON TABLE evaluation IS 'A measure evaluation (施策評価) for one fiscal year; content in evaluation_revision.'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE evaluation_revision`);
    await q.query(`DROP TABLE evaluation`);
  }
}
