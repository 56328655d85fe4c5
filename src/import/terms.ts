import type { EntityManager } from 'typeorm';
import { PlanChange } from '../entities';
import { matchTerms, type LineageOverrides, type TermOutline } from './lineage';

/** A plan as the matcher sees it: names, and how the items hang together. Four queries. */
async function readOutline(m: EntityManager, planId: number): Promise<TermOutline> {
  const [plan] = (await m.query('SELECT final_year FROM plan WHERE id = $1', [planId])) as { final_year: number }[];
  const policies = (await m.query('SELECT id, number, title FROM policy WHERE plan_id = $1 ORDER BY number', [
    planId,
  ])) as TermOutline['policies'];
  const measures = (await m.query(
    `SELECT ms.id, ms.title, ms.policy_id AS "policyId",
       ARRAY(SELECT indicator_id FROM measure_indicator l WHERE l.measure_id = ms.id ORDER BY l.position) AS "indicatorIds",
       ARRAY(SELECT project_id FROM measure_project l WHERE l.measure_id = ms.id ORDER BY l.position) AS "projectIds"
     FROM measure ms WHERE ms.plan_id = $1 ORDER BY ms.position`,
    [planId],
  )) as TermOutline['measures'];
  const projects = (await m.query(
    `SELECT p.id, p.title,
       ARRAY(SELECT measure_id FROM measure_project l WHERE l.project_id = p.id ORDER BY l.measure_id) AS "measureIds",
       ARRAY(SELECT indicator_id FROM project_indicator l WHERE l.project_id = p.id ORDER BY l.position) AS "indicatorIds"
     FROM project p WHERE p.plan_id = $1 ORDER BY p.position`,
    [planId],
  )) as TermOutline['projects'];
  const indicators = (await m.query(
    `SELECT i.id, i.name,
       (SELECT t.value_raw FROM target t WHERE t.indicator_id = i.id AND t.fiscal_year = $2) AS "finalTarget"
     FROM indicator i WHERE i.plan_id = $1 ORDER BY i.position`,
    [planId, plan?.final_year ?? 0],
  )) as TermOutline['indicators'];
  return { finalYear: plan?.final_year ?? 0, policies, measures, projects, indicators };
}

/**
 * Links a freshly written plan to the previous term: the plan's previous_plan_id, each matched indicator's
 * predecessor with its reason, and the list of changes. Runs in the import's transaction; returns the warnings.
 */
export async function linkTerms(
  m: EntityManager,
  previousPlanId: number,
  planId: number,
  overrides: LineageOverrides | undefined,
): Promise<string[]> {
  const result = matchTerms(await readOutline(m, previousPlanId), await readOutline(m, planId), overrides);
  await m.query('UPDATE plan SET previous_plan_id = $1 WHERE id = $2', [previousPlanId, planId]);
  const indicators = result.matches.filter((x) => x.subjectType === 'INDICATOR');
  if (indicators.length > 0) {
    await m.query(
      `UPDATE indicator i SET predecessor_id = u.prev, lineage_reason = u.reason
       FROM unnest($1::int[], $2::int[], $3::text[]) AS u(id, prev, reason) WHERE i.id = u.id`,
      [indicators.map((x) => x.newId), indicators.map((x) => x.previousId), indicators.map((x) => x.reason)],
    );
  }
  if (result.changes.length > 0) {
    await m
      .createQueryBuilder()
      .insert()
      .into(PlanChange)
      .values(result.changes.map((c, i) => ({ planId, position: i + 1, ...c })))
      .execute();
  }
  if (result.warnings.length > 0) {
    await m.query('UPDATE plan SET import_warnings = import_warnings || $1::text[] WHERE id = $2', [
      result.warnings,
      planId,
    ]);
  }
  return result.warnings;
}
