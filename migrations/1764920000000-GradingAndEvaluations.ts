import type { MigrationInterface, QueryRunner } from 'typeorm';
import { GRADING_PRESETS } from '../src/domain/vocabulary';
import { vocabularyCheck } from './vocabulary';

/**
 * A plan's grading scale (src/domain/grading.ts): one per plan, its levels best first as JSON. The levels are
 * validated by the domain before they are written; the CHECKs only keep the shape a reader relies on.
 */
export class GradingAndEvaluations1764920000000 implements MigrationInterface {
  name = 'GradingAndEvaluations1764920000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE grading_scale (
        plan_id    int PRIMARY KEY REFERENCES plan (id) ON DELETE CASCADE,
        preset     text ${vocabularyCheck('preset', GRADING_PRESETS)},
        name       text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
        method     text CHECK (char_length(method) <= 4000),
        levels     jsonb NOT NULL CHECK (jsonb_typeof(levels) = 'array' AND jsonb_array_length(levels) >= 2),
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE grading_scale`);
  }
}
