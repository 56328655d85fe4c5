import type { MigrationInterface, QueryRunner } from 'typeorm';
import { PLAN_CHANGE_KINDS, PLAN_SUBJECT_TYPES } from '../src/domain/vocabulary';
import { vocabularyCheck } from './vocabulary';

/**
 * Plan terms: a plan may follow a previous one (one successor each), an indicator may continue one of the previous
 * term's (with the reason of the match), and the import stores what changed between the terms.
 */
export class PlanTerms1764930000000 implements MigrationInterface {
  name = 'PlanTerms1764930000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE plan ADD COLUMN previous_plan_id int UNIQUE REFERENCES plan (id) ON DELETE SET NULL,
        ADD CHECK (previous_plan_id <> id)`);
    await q.query(`
      ALTER TABLE indicator ADD COLUMN predecessor_id int REFERENCES indicator (id) ON DELETE SET NULL,
        ADD COLUMN lineage_reason text`);
    await q.query(`CREATE INDEX indicator_predecessor_idx ON indicator (predecessor_id)`);
    await q.query(`
      CREATE TABLE plan_change (
        id               serial PRIMARY KEY,
        plan_id          int  NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
        position         int  NOT NULL,
        kind             text NOT NULL ${vocabularyCheck('kind', PLAN_CHANGE_KINDS)},
        subject_type     text NOT NULL ${vocabularyCheck('subject_type', PLAN_SUBJECT_TYPES)},
        previous_subject text,
        new_subject      text,
        description      text NOT NULL,
        UNIQUE (plan_id, position),
        CHECK (previous_subject IS NOT NULL OR new_subject IS NOT NULL)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE plan_change`);
    await q.query(`ALTER TABLE indicator DROP COLUMN predecessor_id, DROP COLUMN lineage_reason`);
    await q.query(`ALTER TABLE plan DROP COLUMN previous_plan_id`);
  }
}
