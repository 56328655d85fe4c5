import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Slicing: trigram indexes for the substring search (Japanese included: the search folds full/half
 * width with NFKC, so the indexes are on the same expression), an index for year slices, and a view
 * of which measures (directly or through a project) each indicator belongs to.
 */
export class Slicing1764806400000 implements MigrationInterface {
  name = 'Slicing1764806400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    for (const [table, column] of [
      ['policy', 'title'],
      ['measure', 'title'],
      ['measure', 'purpose'],
      ['project', 'title'],
      ['indicator', 'name'],
      ['footnote', 'text'],
    ]) {
      await q.query(
        `CREATE INDEX ${table}_${column}_trgm_idx ON ${table} USING gin (normalize(${column}, NFKC) gin_trgm_ops)`,
      );
    }
    await q.query(`CREATE INDEX target_plan_year_idx ON target (plan_id, fiscal_year)`);
    await q.query(`
      CREATE VIEW indicator_scope AS
        SELECT mi.indicator_id, mi.measure_id, NULL::int AS project_id FROM measure_indicator mi
        UNION ALL
        SELECT pi.indicator_id, mp.measure_id, pi.project_id
          FROM project_indicator pi JOIN measure_project mp ON mp.project_id = pi.project_id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW indicator_scope`);
    await q.query(`DROP INDEX target_plan_year_idx`);
    for (const [table, column] of [
      ['policy', 'title'],
      ['measure', 'title'],
      ['measure', 'purpose'],
      ['project', 'title'],
      ['indicator', 'name'],
      ['footnote', 'text'],
    ]) {
      await q.query(`DROP INDEX ${table}_${column}_trgm_idx`);
    }
  }
}
