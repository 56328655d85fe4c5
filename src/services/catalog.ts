import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Footnote, Indicator, Measure, Plan, Policy, Project } from '../entities';
import type { ConnectionResult, PageArgs } from '../graphql/connection';
import type { Context } from '../graphql/context';
import type { FootnoteFilter, IndicatorFilter, MeasureFilter, PolicyFilter, ProjectFilter } from '../graphql/filters';
import { parseGlobalId } from '../graphql/global-id';
import { paginate } from './paging';

// The root lists of the read API. Each filter field adds one AND condition; a list costs two statements.

/** Escapes LIKE wildcards so a search for "100%" looks for the percent sign. */
function likePattern(term: string): string {
  return `%${term.normalize('NFKC').replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Case-insensitive substring match on any of `columns`, with full- and half-width forms alike (NFKC). */
function whereSearch<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  columns: string[],
  term?: string | null,
): void {
  if (!term) return;
  const any = columns.map((c) => `normalize(${c}, NFKC) ILIKE :search`).join(' OR ');
  qb.andWhere(`(${any})`, { search: likePattern(term) });
}

function wherePlan<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string, planCode?: string | null): void {
  if (planCode == null) return;
  qb.andWhere(`${alias}.plan_id = (SELECT p.id FROM plan p WHERE p.code = :planCode)`, { planCode });
}

export async function listPlans(ctx: Context): Promise<Plan[]> {
  return ctx.db.getRepository(Plan).find({ order: { code: 'ASC' } });
}

export async function findPlanByCode(ctx: Context, code: string): Promise<Plan | null> {
  return ctx.db.getRepository(Plan).findOne({ where: { code } });
}

export async function listPolicies(
  ctx: Context,
  filter: PolicyFilter | null | undefined,
  page: PageArgs,
): Promise<ConnectionResult<Policy>> {
  const qb = ctx.db.getRepository(Policy).createQueryBuilder('e');
  wherePlan(qb, 'e', filter?.planCode);
  whereSearch(qb, ['e.title'], filter?.search);
  if (filter?.number != null) qb.andWhere('e.number = :number', { number: filter.number });
  return paginate(qb, 'e', page);
}

export async function listMeasures(
  ctx: Context,
  filter: MeasureFilter | null | undefined,
  page: PageArgs,
): Promise<ConnectionResult<Measure>> {
  const qb = ctx.db.getRepository(Measure).createQueryBuilder('e');
  wherePlan(qb, 'e', filter?.planCode);
  whereSearch(qb, ['e.title', 'e.purpose'], filter?.search);
  if (filter?.policyNumber != null) {
    qb.andWhere('e.policy_id IN (SELECT po.id FROM policy po WHERE po.number = :policyNumber)', {
      policyNumber: filter.policyNumber,
    });
  }
  return paginate(qb, 'e', page);
}

export async function listProjects(
  ctx: Context,
  filter: ProjectFilter | null | undefined,
  page: PageArgs,
): Promise<ConnectionResult<Project>> {
  const qb = ctx.db.getRepository(Project).createQueryBuilder('e');
  wherePlan(qb, 'e', filter?.planCode);
  whereSearch(qb, ['e.title', "array_to_string(e.approach, ' ')"], filter?.search);
  if (filter?.measureId != null) {
    const { id } = parseGlobalId(filter.measureId, 'Measure');
    qb.andWhere('e.id IN (SELECT mp.project_id FROM measure_project mp WHERE mp.measure_id = :measureId)', {
      measureId: id,
    });
  }
  return paginate(qb, 'e', page);
}

export async function listIndicators(
  ctx: Context,
  filter: IndicatorFilter | null | undefined,
  page: PageArgs,
): Promise<ConnectionResult<Indicator>> {
  const qb = ctx.db.getRepository(Indicator).createQueryBuilder('e');
  wherePlan(qb, 'e', filter?.planCode);
  whereSearch(qb, ['e.name'], filter?.search);
  if (filter?.kind != null) qb.andWhere('e.kind = :kind', { kind: filter.kind });
  if (filter?.measureId != null) {
    const { id } = parseGlobalId(filter.measureId, 'Measure');
    qb.andWhere('e.id IN (SELECT mi.indicator_id FROM measure_indicator mi WHERE mi.measure_id = :measureId)', {
      measureId: id,
    });
  }
  if (filter?.projectId != null) {
    const { id } = parseGlobalId(filter.projectId, 'Project');
    qb.andWhere('e.id IN (SELECT pi.indicator_id FROM project_indicator pi WHERE pi.project_id = :projectId)', {
      projectId: id,
    });
  }
  return paginate(qb, 'e', page);
}

export async function listFootnotes(
  ctx: Context,
  filter: FootnoteFilter | null | undefined,
  page: PageArgs,
): Promise<ConnectionResult<Footnote>> {
  const qb = ctx.db.getRepository(Footnote).createQueryBuilder('e');
  wherePlan(qb, 'e', filter?.planCode);
  whereSearch(qb, ['e.text'], filter?.search);
  if (filter?.category != null) qb.andWhere('e.category = :category', { category: filter.category });
  return paginate(qb, 'e', page);
}
