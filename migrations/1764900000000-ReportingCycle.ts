import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reporting cycle, part A: closing a fiscal year (for a whole plan or one measure), with the history of
 * closings and reopenings, and a reporting deadline per plan fiscal year.
 *
 * "Closed" is decided in the database: triggers on actual and actual_revision refuse a write whose year is
 * closed for the indicator (SQLSTATE PGC01, mapped to PERIOD_CLOSED by src/services/periods.ts). They first
 * take FOR SHARE on the plan_fiscal_year rows the statement writes to; closing takes FOR UPDATE on that row,
 * so a write racing with a close either commits before it or waits and then sees the committed close.
 */
export class ReportingCycle1764900000000 implements MigrationInterface {
  name = 'ReportingCycle1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE plan_fiscal_year ADD COLUMN due_date date`);
    await q.query(`
      CREATE TABLE fiscal_year_closing (
        id                   serial PRIMARY KEY,
        plan_id              int  NOT NULL,
        fiscal_year          int  NOT NULL,
        measure_id           int,
        closed_at            timestamptz NOT NULL DEFAULT clock_timestamp(),
        closed_by            text NOT NULL CHECK (closed_by <> ''),
        closed_by_token_id   int  REFERENCES api_token (id) ON DELETE SET NULL,
        reason               text CHECK (char_length(reason) <= 2000),
        reopened_at          timestamptz,
        reopened_by          text CHECK (reopened_by <> ''),
        reopened_by_token_id int  REFERENCES api_token (id) ON DELETE SET NULL,
        reopen_reason        text CHECK (reopen_reason <> '' AND char_length(reopen_reason) <= 2000),
        FOREIGN KEY (plan_id, fiscal_year) REFERENCES plan_fiscal_year (plan_id, year) ON DELETE CASCADE,
        FOREIGN KEY (measure_id, plan_id) REFERENCES measure (id, plan_id) ON DELETE CASCADE,
        CHECK ((reopened_at IS NULL) = (reopened_by IS NULL) AND (reopened_at IS NULL) = (reopen_reason IS NULL)),
        CHECK (reopened_at IS NULL OR reopened_at >= closed_at)
      )`);
    await q.query(`COMMENT ON TABLE fiscal_year_closing IS
      'A closing of a plan''s fiscal year (measure_id NULL: the whole plan); open while reopened_at IS NULL.'`);
    // At most one open closing per plan, year and measure (or whole plan).
    await q.query(`
      CREATE UNIQUE INDEX fiscal_year_closing_open_key ON fiscal_year_closing (plan_id, fiscal_year, (coalesce(measure_id, 0)))
        WHERE reopened_at IS NULL`);
    await q.query(`CREATE INDEX fiscal_year_closing_measure_idx ON fiscal_year_closing (measure_id)`);
    // The one statement of the rule "which years are closed for an indicator": the plan-wide closings, and those
    // of any measure the indicator belongs to (directly or through a project, see indicator_scope).
    await q.query(`
      CREATE VIEW indicator_closed_year AS
        SELECT i.id AS indicator_id, c.fiscal_year, c.id AS closing_id
          FROM fiscal_year_closing c JOIN indicator i ON i.plan_id = c.plan_id
         WHERE c.reopened_at IS NULL
           AND (c.measure_id IS NULL
                OR EXISTS (SELECT 1 FROM indicator_scope s WHERE s.indicator_id = i.id AND s.measure_id = c.measure_id))`);
    // Statement-level triggers with transition tables: one check per statement, so the set-based CSV import
    // stays a bounded number of statements. The FOR SHARE waits for a closing in flight on the same rows.
    await q.query(`
      CREATE FUNCTION fiscal_year_open_check() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        closed_year int;
      BEGIN
        IF TG_TABLE_NAME = 'actual_revision' THEN
          PERFORM 1 FROM plan_fiscal_year p
            WHERE (p.plan_id, p.year) IN (SELECT a.plan_id, a.fiscal_year FROM written w JOIN actual a ON a.id = w.actual_id)
            ORDER BY p.plan_id, p.year FOR SHARE OF p;
          SELECT a.fiscal_year INTO closed_year
            FROM written w JOIN actual a ON a.id = w.actual_id
            JOIN indicator_closed_year c ON c.indicator_id = a.indicator_id AND c.fiscal_year = a.fiscal_year
            ORDER BY a.fiscal_year LIMIT 1;
        ELSE
          PERFORM 1 FROM plan_fiscal_year p
            WHERE (p.plan_id, p.year) IN (SELECT w.plan_id, w.fiscal_year FROM written w)
            ORDER BY p.plan_id, p.year FOR SHARE OF p;
          SELECT w.fiscal_year INTO closed_year
            FROM written w
            JOIN indicator_closed_year c ON c.indicator_id = w.indicator_id AND c.fiscal_year = w.fiscal_year
            ORDER BY w.fiscal_year LIMIT 1;
        END IF;
        IF closed_year IS NOT NULL THEN
          RAISE EXCEPTION 'FY% is closed: its actuals do not change until an admin reopens it', closed_year
            USING ERRCODE = 'PGC01', DETAIL = closed_year::text;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER actual_insert_open_check AFTER INSERT ON actual REFERENCING NEW TABLE AS written
        FOR EACH STATEMENT EXECUTE FUNCTION fiscal_year_open_check()`);
    await q.query(`
      CREATE TRIGGER actual_update_open_check AFTER UPDATE ON actual REFERENCING NEW TABLE AS written
        FOR EACH STATEMENT EXECUTE FUNCTION fiscal_year_open_check()`);
    await q.query(`
      CREATE TRIGGER actual_revision_insert_open_check AFTER INSERT ON actual_revision REFERENCING NEW TABLE AS written
        FOR EACH STATEMENT EXECUTE FUNCTION fiscal_year_open_check()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER actual_revision_insert_open_check ON actual_revision`);
    await q.query(`DROP TRIGGER actual_update_open_check ON actual`);
    await q.query(`DROP TRIGGER actual_insert_open_check ON actual`);
    await q.query(`DROP FUNCTION fiscal_year_open_check`);
    await q.query(`DROP VIEW indicator_closed_year`);
    await q.query(`DROP TABLE fiscal_year_closing`);
    await q.query(`ALTER TABLE plan_fiscal_year DROP COLUMN due_date`);
  }
}
