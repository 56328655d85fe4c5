import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The plan graph. Written by hand: the constraints are the point. Every child row carries plan_id and
 * references its parent through (id, plan_id), so the database itself refuses a row that links two plans.
 */
export class PlanGraph1764633600000 implements MigrationInterface {
  name = 'PlanGraph1764633600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE plan (
        id              serial PRIMARY KEY,
        code            text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
        title           text NOT NULL CHECK (title <> ''),
        base_year       int  NOT NULL CHECK (base_year BETWEEN 1900 AND 2200),
        plan_years      int[] NOT NULL,
        final_year      int  NOT NULL,
        import_warnings text[] NOT NULL DEFAULT '{}',
        source_name     text NOT NULL,
        source_sha256   text NOT NULL CHECK (source_sha256 ~ '^[0-9a-f]{64}$'),
        imported_at     timestamptz NOT NULL DEFAULT now(),
        CHECK (final_year >= base_year),
        CHECK (base_year < ALL (plan_years) AND final_year >= ALL (plan_years))
      )`);
    await q.query(`
      CREATE TABLE plan_fiscal_year (
        plan_id int  NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
        year    int  NOT NULL,
        label   text NOT NULL,
        PRIMARY KEY (plan_id, year)
      )`);
    await q.query(`
      CREATE TABLE policy (
        id      serial PRIMARY KEY,
        plan_id int  NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
        number  int  NOT NULL CHECK (number > 0),
        title   text NOT NULL CHECK (title <> ''),
        UNIQUE (plan_id, number),
        UNIQUE (id, plan_id)
      )`);
    await q.query(`
      CREATE TABLE measure (
        id              serial PRIMARY KEY,
        plan_id         int  NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
        policy_id       int  NOT NULL,
        position        int  NOT NULL CHECK (position > 0),
        title           text NOT NULL CHECK (title <> ''),
        purpose         text NOT NULL,
        policy_inferred boolean NOT NULL DEFAULT false,
        UNIQUE (plan_id, position),
        UNIQUE (id, plan_id),
        FOREIGN KEY (policy_id, plan_id) REFERENCES policy (id, plan_id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX measure_policy_idx ON measure (policy_id)`);
    await q.query(`
      CREATE TABLE project (
        id          serial PRIMARY KEY,
        plan_id     int  NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
        position    int  NOT NULL CHECK (position > 0),
        title       text NOT NULL CHECK (title <> ''),
        approach    text[] NOT NULL DEFAULT '{}',
        repost_page int  CHECK (repost_page > 0),
        UNIQUE (plan_id, title),
        UNIQUE (plan_id, position),
        UNIQUE (id, plan_id)
      )`);
    await q.query(`
      CREATE TABLE indicator (
        id              serial PRIMARY KEY,
        plan_id         int  NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
        position        int  NOT NULL CHECK (position > 0),
        name            text NOT NULL CHECK (name <> ''),
        kind            text NOT NULL CHECK (kind IN ('OUTCOME', 'OUTPUT')),
        unit            text CHECK (unit <> ''),
        cumulative      boolean NOT NULL DEFAULT false,
        direction       text NOT NULL CHECK (direction IN ('INCREASE', 'DECREASE', 'MAINTAIN', 'ZERO', 'NONE')),
        group_name      text CHECK (group_name <> ''),
        unlabeled_cells text[] NOT NULL DEFAULT '{}',
        UNIQUE (plan_id, position),
        UNIQUE (id, plan_id)
      )`);
    // Names are not unique: a document may print two different rows under one name (the importer
    // merges only rows that agree cell by cell, and warns about the others).
    await q.query(`CREATE INDEX indicator_plan_name_idx ON indicator (plan_id, name)`);
    await q.query(`
      CREATE TABLE target (
        id               serial PRIMARY KEY,
        plan_id          int  NOT NULL,
        indicator_id     int  NOT NULL,
        fiscal_year      int  NOT NULL,
        role             text NOT NULL CHECK (role IN ('BASELINE_ESTIMATE', 'TARGET')),
        value_raw        text NOT NULL CHECK (value_raw <> ''),
        value_kind       text NOT NULL CHECK (value_kind IN ('QUANTITY', 'STATUS', 'MAINTAIN')),
        value_number     double precision,
        value_unit       text CHECK (value_unit <> ''),
        value_comparator text CHECK (value_comparator IN ('EQ', 'LT', 'LTE', 'GT', 'GTE', 'APPROX')),
        value_text       text,
        value_note       text,
        UNIQUE (indicator_id, fiscal_year),
        UNIQUE (id, plan_id),
        FOREIGN KEY (indicator_id, plan_id) REFERENCES indicator (id, plan_id) ON DELETE CASCADE,
        FOREIGN KEY (plan_id, fiscal_year) REFERENCES plan_fiscal_year (plan_id, year) ON DELETE CASCADE,
        CHECK (value_kind <> 'QUANTITY' OR (value_number IS NOT NULL AND value_comparator IS NOT NULL)),
        CHECK (value_kind <> 'STATUS' OR (value_text IS NOT NULL AND value_text <> '')),
        CHECK (value_kind <> 'MAINTAIN' OR (value_number IS NULL AND value_comparator IS NULL))
      )`);
    await q.query(`
      CREATE TABLE footnote (
        id         serial PRIMARY KEY,
        plan_id    int  NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
        measure_id int,
        project_id int,
        marker     text NOT NULL CHECK (marker ~ '^※[0-9]+$'),
        text       text NOT NULL CHECK (text <> ''),
        category   text NOT NULL CHECK (category IN ('COVID_ADJUSTMENT', 'DEFINITION', 'METHOD', 'NOTE')),
        CHECK (num_nonnulls(measure_id, project_id) = 1),
        UNIQUE (measure_id, marker),
        UNIQUE (project_id, marker),
        UNIQUE (id, plan_id),
        FOREIGN KEY (measure_id, plan_id) REFERENCES measure (id, plan_id) ON DELETE CASCADE,
        FOREIGN KEY (project_id, plan_id) REFERENCES project (id, plan_id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX footnote_plan_idx ON footnote (plan_id)`);
    // Link tables carry plan_id too, so a link between two plans is refused.
    await q.query(`
      CREATE TABLE measure_indicator (
        measure_id   int NOT NULL,
        indicator_id int NOT NULL,
        plan_id      int NOT NULL,
        position     int NOT NULL CHECK (position > 0),
        PRIMARY KEY (measure_id, indicator_id),
        FOREIGN KEY (measure_id, plan_id) REFERENCES measure (id, plan_id) ON DELETE CASCADE,
        FOREIGN KEY (indicator_id, plan_id) REFERENCES indicator (id, plan_id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX measure_indicator_indicator_idx ON measure_indicator (indicator_id)`);
    await q.query(`
      CREATE TABLE measure_project (
        measure_id int NOT NULL,
        project_id int NOT NULL,
        plan_id    int NOT NULL,
        position   int NOT NULL CHECK (position > 0),
        PRIMARY KEY (measure_id, project_id),
        FOREIGN KEY (measure_id, plan_id) REFERENCES measure (id, plan_id) ON DELETE CASCADE,
        FOREIGN KEY (project_id, plan_id) REFERENCES project (id, plan_id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX measure_project_project_idx ON measure_project (project_id)`);
    await q.query(`
      CREATE TABLE project_indicator (
        project_id   int NOT NULL,
        indicator_id int NOT NULL,
        plan_id      int NOT NULL,
        position     int NOT NULL CHECK (position > 0),
        PRIMARY KEY (project_id, indicator_id),
        FOREIGN KEY (project_id, plan_id) REFERENCES project (id, plan_id) ON DELETE CASCADE,
        FOREIGN KEY (indicator_id, plan_id) REFERENCES indicator (id, plan_id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX project_indicator_indicator_idx ON project_indicator (indicator_id)`);
    await q.query(`
      CREATE TABLE target_footnote (
        target_id   int NOT NULL,
        footnote_id int NOT NULL,
        plan_id     int NOT NULL,
        PRIMARY KEY (target_id, footnote_id),
        FOREIGN KEY (target_id, plan_id) REFERENCES target (id, plan_id) ON DELETE CASCADE,
        FOREIGN KEY (footnote_id, plan_id) REFERENCES footnote (id, plan_id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX target_footnote_footnote_idx ON target_footnote (footnote_id)`);
    await q.query(`
      CREATE TABLE indicator_footnote (
        indicator_id int NOT NULL,
        footnote_id  int NOT NULL,
        plan_id      int NOT NULL,
        PRIMARY KEY (indicator_id, footnote_id),
        FOREIGN KEY (indicator_id, plan_id) REFERENCES indicator (id, plan_id) ON DELETE CASCADE,
        FOREIGN KEY (footnote_id, plan_id) REFERENCES footnote (id, plan_id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX indicator_footnote_footnote_idx ON indicator_footnote (footnote_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'indicator_footnote',
      'target_footnote',
      'project_indicator',
      'measure_project',
      'measure_indicator',
      'footnote',
      'target',
      'indicator',
      'project',
      'measure',
      'policy',
      'plan_fiscal_year',
      'plan',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
