import type { EntityManager } from 'typeorm';
import { fiscalYearLabel } from '../domain/fiscal-year';
import {
  Footnote,
  Indicator,
  IndicatorFootnote,
  Measure,
  MeasureIndicator,
  MeasureProject,
  Plan,
  PlanFiscalYear,
  Policy,
  Project,
  ProjectIndicator,
  Target,
  TargetFootnote,
} from '../entities';
import type { ParsedPlan } from './plan-document';

export interface PlanSource {
  code: string;
  /** File name of the source document, stored with the plan. */
  name: string;
  sha256: string;
}

export interface ImportCounts {
  policies: number;
  measures: number;
  projects: number;
  indicators: number;
  targets: number;
  footnotes: number;
}

/** Rows per INSERT: keeps every statement far below PostgreSQL's 65,535 bind parameters. */
const CHUNK = 500;

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

/** Inserts rows (one statement per 500) and returns the generated ids in input order. */
async function insertAll<T extends object>(
  m: EntityManager,
  entity: new () => T,
  rows: Partial<T>[],
): Promise<number[]> {
  const ids: number[] = [];
  for (const chunk of chunks(rows)) {
    const result = await m
      .createQueryBuilder()
      .insert()
      .into(entity)
      .values(chunk as never)
      .returning('id')
      .execute();
    ids.push(...(result.raw as { id: number }[]).map((r) => r.id));
  }
  return ids;
}

async function insertLinks<T extends object>(m: EntityManager, entity: new () => T, rows: Partial<T>[]): Promise<void> {
  for (const chunk of chunks(rows)) {
    await m
      .createQueryBuilder()
      .insert()
      .into(entity)
      .values(chunk as never)
      .execute();
  }
}

function idOf(map: Map<string, number>, key: string, what: string): number {
  const id = map.get(key);
  if (id === undefined) throw new Error(`import: ${what} "${key}" is referenced but was never parsed`);
  return id;
}

/**
 * Stores a parsed plan. Must run inside the caller's transaction (`m` is its manager): a failure
 * anywhere leaves the database as it was. One INSERT per table and 500 rows.
 */
export async function writePlan(
  m: EntityManager,
  parsed: ParsedPlan,
  source: PlanSource,
): Promise<{ planId: number; counts: ImportCounts }> {
  // PostgreSQL plans each foreign-key check on its first use in a session and keeps the plan. After a small
  // import on fresh tables, target_footnote → target stays an index scan on target (plan_id, fiscal_year)
  // filtered by id, which reads every target of the new plan per check: a large import turns quadratic.
  // Discarding the session's cached plans (local to this connection, allowed in a transaction) makes each
  // check be planned at its first use below, when the table it probes has been written.
  await m.query('DISCARD PLANS');
  const [planId] = await insertAll(m, Plan, [
    {
      code: source.code,
      title: parsed.title,
      baseYear: parsed.baseYear,
      planYears: parsed.planYears,
      finalYear: parsed.finalYear,
      importWarnings: parsed.warnings,
      sourceName: source.name,
      sourceSha256: source.sha256,
    },
  ]);

  const years: Partial<PlanFiscalYear>[] = [];
  for (let year = parsed.baseYear; year <= parsed.finalYear; year += 1) {
    years.push({ planId, year, label: fiscalYearLabel(year) });
  }
  await insertLinks(m, PlanFiscalYear, years);

  const policyIds = await insertAll(
    m,
    Policy,
    parsed.policies.map((p) => ({ planId, number: p.number, title: p.title })),
  );
  const policyByNumber = new Map(parsed.policies.map((p, i) => [String(p.number), policyIds[i]]));

  const measureIds = await insertAll(
    m,
    Measure,
    parsed.measures.map((ms) => ({
      planId,
      policyId: idOf(policyByNumber, String(ms.policyNumber), 'policy'),
      position: ms.position,
      title: ms.title,
      purpose: ms.purpose,
      policyInferred: ms.policyInferred,
    })),
  );
  const measureByKey = new Map(parsed.measures.map((ms, i) => [ms.key, measureIds[i]]));

  const projectIds = await insertAll(
    m,
    Project,
    parsed.projects.map((p, i) => ({
      planId,
      position: i + 1,
      title: p.title,
      approach: p.approach,
      repostPage: p.repostPage,
    })),
  );
  const projectByKey = new Map(parsed.projects.map((p, i) => [p.key, projectIds[i]]));

  const indicatorIds = await insertAll(
    m,
    Indicator,
    parsed.indicators.map((ind, i) => ({
      planId,
      position: i + 1,
      name: ind.name,
      kind: ind.kind,
      unit: ind.unit,
      cumulative: ind.cumulative,
      direction: ind.direction,
      group: ind.group,
      unlabeledCells: ind.unlabeledCells,
    })),
  );
  const indicatorByKey = new Map(parsed.indicators.map((ind, i) => [ind.key, indicatorIds[i]]));

  const footnoteIds = await insertAll(
    m,
    Footnote,
    parsed.footnotes.map((f) => ({
      planId,
      measureId: f.measureKey === null ? null : idOf(measureByKey, f.measureKey, 'measure'),
      projectId: f.projectKey === null ? null : idOf(projectByKey, f.projectKey, 'project'),
      marker: f.marker,
      text: f.text,
      category: f.category,
    })),
  );
  const footnoteByKey = new Map(parsed.footnotes.map((f, i) => [f.key, footnoteIds[i]]));

  const cells = parsed.indicators.flatMap((ind) =>
    ind.cells.map((cell) => ({ indicatorId: idOf(indicatorByKey, ind.key, 'indicator'), cell })),
  );
  const targetIds = await insertAll(
    m,
    Target,
    cells.map(({ indicatorId, cell }) => ({
      planId,
      indicatorId,
      fiscalYear: cell.fiscalYear,
      role: cell.role,
      value: { ...cell.value },
    })),
  );

  await insertLinks(
    m,
    TargetFootnote,
    cells.flatMap(({ cell }, i) =>
      cell.footnoteKeys.map((key) => ({
        planId,
        targetId: targetIds[i],
        footnoteId: idOf(footnoteByKey, key, 'footnote'),
      })),
    ),
  );
  await insertLinks(
    m,
    IndicatorFootnote,
    parsed.indicators.flatMap((ind) =>
      ind.footnoteKeys.map((key) => ({
        planId,
        indicatorId: idOf(indicatorByKey, ind.key, 'indicator'),
        footnoteId: idOf(footnoteByKey, key, 'footnote'),
      })),
    ),
  );
  await insertLinks(
    m,
    MeasureIndicator,
    parsed.measures.flatMap((ms) =>
      ms.indicatorKeys.map((key, i) => ({
        planId,
        measureId: idOf(measureByKey, ms.key, 'measure'),
        indicatorId: idOf(indicatorByKey, key, 'indicator'),
        position: i + 1,
      })),
    ),
  );
  await insertLinks(
    m,
    MeasureProject,
    parsed.measures.flatMap((ms) =>
      ms.projectKeys.map((key, i) => ({
        planId,
        measureId: idOf(measureByKey, ms.key, 'measure'),
        projectId: idOf(projectByKey, key, 'project'),
        position: i + 1,
      })),
    ),
  );
  await insertLinks(
    m,
    ProjectIndicator,
    parsed.projects.flatMap((p) =>
      p.indicatorKeys.map((key, i) => ({
        planId,
        projectId: idOf(projectByKey, p.key, 'project'),
        indicatorId: idOf(indicatorByKey, key, 'indicator'),
        position: i + 1,
      })),
    ),
  );

  return {
    planId,
    counts: {
      policies: parsed.policies.length,
      measures: parsed.measures.length,
      projects: parsed.projects.length,
      indicators: parsed.indicators.length,
      targets: cells.length,
      footnotes: parsed.footnotes.length,
    },
  };
}
