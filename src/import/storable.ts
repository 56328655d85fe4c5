import type { ParsedPlan } from './plan-document';
import { PlanParseError } from './parse-error';

/**
 * What the database's CHECK constraints would refuse, said as the heading or cell that could not be read,
 * before anything is written (so an import never shows a constraint name such as `policy_number_check`).
 */
export function assertStorable(plan: ParsedPlan): void {
  const problems: string[] = [];
  if (plan.title.trim() === '') problems.push('the plan has no title (pass --title)');
  if (plan.baseYear < 1900 || plan.baseYear > 2200) {
    problems.push(`the fiscal-year header gives the base year ${plan.baseYear}, outside 1900–2200`);
  }
  const unplaced = plan.measures.filter((m) => m.policyNumber === 0).map((m) => `「${m.title}」`);
  if (unplaced.length > 0) {
    problems.push(
      `no 政策 heading (a line such as "政策 1 : 施策の柱") is found for the 施策名 heading ${unplaced.slice(0, 3).join(', ')}; add one above it`,
    );
  }
  for (const policy of plan.policies) {
    if (policy.number === 0 && unplaced.length > 0) continue;
    if (!(policy.number > 0)) {
      problems.push(
        `the heading "政策 ${policy.number} : ${policy.title}" has policy number ${policy.number}; use 1 or more`,
      );
    }
    if (policy.title.trim() === '') problems.push(`the heading "政策 ${policy.number}" has no title`);
  }
  for (const measure of plan.measures) {
    if (measure.title.trim() === '')
      problems.push(`a 施策名 heading under policy ${measure.policyNumber} has no title`);
    if (!(measure.position > 0))
      problems.push(`the 施策名 heading "${measure.title}" has position ${measure.position}`);
  }
  for (const project of plan.projects) {
    if (project.title.trim() === '') problems.push('a project heading has no title');
    if (project.repostPage !== null && !(project.repostPage > 0)) {
      problems.push(`the project "${project.title}" refers to page ${project.repostPage}; use 1 or more`);
    }
  }
  for (const indicator of plan.indicators) {
    if (indicator.name.trim() === '') problems.push('a 成果指標 table has a row without an indicator name');
    for (const cell of indicator.cells) {
      if (cell.fiscalYear < 1900 || cell.fiscalYear > 2200) {
        problems.push(`the cell "${cell.value.raw}" of "${indicator.name}" is under fiscal year ${cell.fiscalYear}`);
      }
    }
  }
  if (problems.length > 0) {
    throw new PlanParseError(`The document could not be read: ${problems.slice(0, 5).join('; ')}.`);
  }
}
