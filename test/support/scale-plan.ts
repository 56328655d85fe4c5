import type { ParsedPlan } from '../../src/import/plan-document';

/** A plan `factor` times larger: every policy, measure, project, indicator and footnote copied with new names. */
export function scalePlan(plan: ParsedPlan, factor: number): ParsedPlan {
  const copies = Array.from({ length: factor }, (_, k) => k);
  const key = (k: string, copy: number) => `${k}#x${copy}`;
  const name = (n: string, copy: number) => (copy === 0 ? n : `${n} (${copy + 1})`);
  return {
    ...plan,
    policies: copies.flatMap((c) =>
      plan.policies.map((p) => ({ number: p.number + 100 * c, title: name(p.title, c) })),
    ),
    measures: copies.flatMap((c) =>
      plan.measures.map((m) => ({
        ...m,
        key: key(m.key, c),
        position: m.position + c * plan.measures.length,
        title: name(m.title, c),
        policyNumber: m.policyNumber + 100 * c,
        indicatorKeys: m.indicatorKeys.map((k) => key(k, c)),
        projectKeys: m.projectKeys.map((k) => key(k, c)),
        footnoteKeys: m.footnoteKeys.map((k) => key(k, c)),
      })),
    ),
    projects: copies.flatMap((c) =>
      plan.projects.map((p) => ({
        ...p,
        key: key(p.key, c),
        title: name(p.title, c),
        measureKeys: p.measureKeys.map((k) => key(k, c)),
        indicatorKeys: p.indicatorKeys.map((k) => key(k, c)),
        footnoteKeys: p.footnoteKeys.map((k) => key(k, c)),
      })),
    ),
    indicators: copies.flatMap((c) =>
      plan.indicators.map((i) => ({
        ...i,
        key: key(i.key, c),
        name: name(i.name, c),
        footnoteKeys: i.footnoteKeys.map((k) => key(k, c)),
        cells: i.cells.map((cell) => ({ ...cell, footnoteKeys: cell.footnoteKeys.map((k) => key(k, c)) })),
      })),
    ),
    footnotes: copies.flatMap((c) =>
      plan.footnotes.map((f) => ({
        ...f,
        key: key(f.key, c),
        measureKey: f.measureKey === null ? null : key(f.measureKey, c),
        projectKey: f.projectKey === null ? null : key(f.projectKey, c),
      })),
    ),
  };
}
