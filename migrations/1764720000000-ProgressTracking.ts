import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Progress tracking: actuals with an append-only revision history, API tokens (stored as hashes)
 * scoped to measures, footnotes on actual revisions, and the ordered scale of text statuses.
 */
export class ProgressTracking1764720000000 implements MigrationInterface {
  name = 'ProgressTracking1764720000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE api_token (
        id         serial PRIMARY KEY,
        name       text NOT NULL CHECK (name ~ '^[^[:cntrl:]]{1,100}$'),
        role       text NOT NULL CHECK (role IN ('editor', 'approver', 'admin')),
        token_hash text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE api_token_measure (
        token_id   int NOT NULL REFERENCES api_token (id) ON DELETE CASCADE,
        measure_id int NOT NULL REFERENCES measure (id) ON DELETE CASCADE,
        PRIMARY KEY (token_id, measure_id)
      )`);
    await q.query(`
      CREATE TABLE actual (
        id                 serial PRIMARY KEY,
        plan_id            int  NOT NULL,
        indicator_id       int  NOT NULL,
        fiscal_year        int  NOT NULL,
        revision           int  NOT NULL CHECK (revision > 0),
        status             text NOT NULL CHECK (status IN ('DRAFT', 'SUBMITTED', 'APPROVED')),
        approved_revision  int  CHECK (approved_revision > 0 AND approved_revision <= revision),
        UNIQUE (indicator_id, fiscal_year),
        UNIQUE (id, plan_id),
        FOREIGN KEY (indicator_id, plan_id) REFERENCES indicator (id, plan_id) ON DELETE CASCADE,
        FOREIGN KEY (plan_id, fiscal_year) REFERENCES plan_fiscal_year (plan_id, year) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX actual_plan_year_idx ON actual (plan_id, fiscal_year)`);
    await q.query(`
      CREATE TABLE actual_revision (
        id               serial PRIMARY KEY,
        actual_id        int  NOT NULL REFERENCES actual (id) ON DELETE CASCADE,
        revision         int  NOT NULL CHECK (revision > 0),
        action           text NOT NULL CHECK (action IN ('RECORDED', 'SUBMITTED', 'APPROVED', 'RETURNED')),
        status           text NOT NULL CHECK (status IN ('DRAFT', 'SUBMITTED', 'APPROVED')),
        value_raw        text NOT NULL CHECK (value_raw <> ''),
        value_kind       text NOT NULL CHECK (value_kind IN ('QUANTITY', 'STATUS')),
        value_number     double precision CHECK (value_number >= 0),
        value_unit       text CHECK (value_unit <> ''),
        value_comparator text CHECK (value_comparator IN ('EQ', 'LT', 'LTE', 'GT', 'GTE', 'APPROX')),
        value_text       text,
        value_note       text,
        note             text CHECK (char_length(note) <= 2000),
        reason           text CHECK (char_length(reason) <= 2000),
        actor            text NOT NULL,
        actor_token_id   int  REFERENCES api_token (id) ON DELETE SET NULL,
        recorded_by      text NOT NULL,
        recorded_by_token_id int REFERENCES api_token (id) ON DELETE SET NULL,
        at               timestamptz NOT NULL DEFAULT clock_timestamp(),
        UNIQUE (actual_id, revision),
        CHECK (value_kind <> 'QUANTITY' OR (value_number IS NOT NULL AND value_comparator IS NOT NULL)),
        CHECK (value_kind <> 'STATUS' OR (value_text IS NOT NULL AND value_text <> '')),
        CHECK (action <> 'RETURNED' OR (reason IS NOT NULL AND reason <> ''))
      )`);
    await q.query(`
      ALTER TABLE actual ADD FOREIGN KEY (id, revision) REFERENCES actual_revision (actual_id, revision)
        DEFERRABLE INITIALLY DEFERRED`);
    await q.query(`
      ALTER TABLE actual ADD FOREIGN KEY (id, approved_revision) REFERENCES actual_revision (actual_id, revision)
        DEFERRABLE INITIALLY DEFERRED`);
    // The history is the audit trail: rows are only ever added. A plan's deletion still cascades.
    // A DELETE is allowed only as the cascade of deleting its plan (then it runs inside the foreign
    // key's own trigger, at depth > 1).
    await q.query(`
      CREATE FUNCTION actual_revision_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' AND pg_trigger_depth() > 1 THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'actual_revision is append-only: % refused', TG_OP USING ERRCODE = 'restrict_violation';
      END $$`);
    await q.query(`
      CREATE TRIGGER actual_revision_append_only BEFORE UPDATE OR DELETE ON actual_revision
        FOR EACH ROW EXECUTE FUNCTION actual_revision_append_only()`);

    await q.query(
      `ALTER TABLE footnote ADD COLUMN actual_revision_id int REFERENCES actual_revision (id) ON DELETE CASCADE`,
    );
    await q.query(`ALTER TABLE footnote DROP CONSTRAINT footnote_check`);
    await q.query(
      `ALTER TABLE footnote ADD CONSTRAINT footnote_one_owner CHECK (num_nonnulls(measure_id, project_id, actual_revision_id) = 1)`,
    );
    await q.query(
      `ALTER TABLE footnote ADD CONSTRAINT footnote_actual_revision_marker_key UNIQUE (actual_revision_id, marker)`,
    );

    await q.query(`
      CREATE TABLE status_level (
        id      serial PRIMARY KEY,
        plan_id int REFERENCES plan (id) ON DELETE CASCADE,
        word    text NOT NULL CHECK (word <> ''),
        rank    int  NOT NULL CHECK (rank >= 0)
      )`);
    await q.query(`CREATE UNIQUE INDEX status_level_word_key ON status_level ((coalesce(plan_id, 0)), word)`);
    await q.query(`
      INSERT INTO status_level (plan_id, word, rank) VALUES
        (NULL, '中止', 0), (NULL, '未定', 1), (NULL, '検討', 2), (NULL, '試行', 3), (NULL, '一部実施', 4), (NULL, '実施', 5)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE status_level`);
    await q.query(`ALTER TABLE footnote DROP CONSTRAINT footnote_one_owner`);
    await q.query(`DELETE FROM footnote WHERE actual_revision_id IS NOT NULL`);
    await q.query(`ALTER TABLE footnote DROP COLUMN actual_revision_id`);
    await q.query(
      `ALTER TABLE footnote ADD CONSTRAINT footnote_check CHECK (num_nonnulls(measure_id, project_id) = 1)`,
    );
    await q.query(`ALTER TABLE actual DROP CONSTRAINT IF EXISTS actual_id_revision_fkey`);
    await q.query(`DROP TABLE actual CASCADE`);
    await q.query(`DROP TABLE actual_revision`);
    await q.query(`DROP FUNCTION actual_revision_append_only`);
    await q.query(`DROP TABLE api_token_measure`);
    await q.query(`DROP TABLE api_token`);
  }
}
