import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { Plan } from '../entities';
import { parsePlanDocument } from './parse-plan';
import type { IndicatorOverrides } from './plan-document';
import { PlanParseError } from './parse-error';
import { assertStorable } from './storable';
import { linkTerms } from './terms';
import { writePlan, type ImportCounts } from './writer';

export const PLAN_CODE_PATTERN = /^[a-z0-9][a-z0-9_-]{0,62}$/;

export type PlanImportErrorCode = 'INVALID_CODE' | 'PLAN_EXISTS' | 'UNKNOWN_PREVIOUS' | 'PREVIOUS_TAKEN';

/** A refused import; nothing was written. */
export class PlanImportError extends Error {
  constructor(
    readonly code: PlanImportErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PlanImportError';
  }
}

export interface ImportPlanInput {
  code: string;
  /** The whole source document. */
  text: string;
  /** File name stored with the plan. */
  sourceName: string;
  title?: string;
  overrides?: IndicatorOverrides;
  /** Replace a plan of the same code imported from a different source (its rows are deleted first). */
  replace?: boolean;
  /** Code of the plan this one follows as the next term: its items are matched to that plan's (src/import/lineage.ts). */
  previous?: string;
}

export interface ImportPlanResult {
  planId: number;
  code: string;
  /** created: new plan; unchanged: the same source was already imported; replaced: an older import was replaced. */
  status: 'created' | 'unchanged' | 'replaced';
  counts: ImportCounts;
  warnings: string[];
}

/**
 * Parses a plan document and stores it in one transaction. Importing the same text (and overrides)
 * again changes nothing; a different text under an existing code is refused unless `replace` is set.
 */
export async function importPlan(db: DataSource, input: ImportPlanInput): Promise<ImportPlanResult> {
  if (!PLAN_CODE_PATTERN.test(input.code)) {
    throw new PlanImportError(
      'INVALID_CODE',
      `Plan code "${input.code}" is invalid: use 1–63 lower-case letters, digits, "-" or "_", starting with a letter or digit.`,
    );
  }
  const parsed = parsePlanDocument(input.text, { title: input.title, overrides: input.overrides });
  assertStorable(parsed);
  const sha256 = createHash('sha256')
    .update(input.text)
    .update('\0')
    .update(JSON.stringify(input.overrides ?? {}))
    .update('\0')
    .update(input.title ?? '')
    // The previous term counts only when given, so plans imported before terms existed keep their hash.
    .update(input.previous ? `\0${input.previous}` : '')
    .digest('hex');
  const counts: ImportCounts = {
    policies: parsed.policies.length,
    measures: parsed.measures.length,
    projects: parsed.projects.length,
    indicators: parsed.indicators.length,
    targets: parsed.indicators.reduce((n, i) => n + i.cells.length, 0),
    footnotes: parsed.footnotes.length,
  };

  return db.transaction(async (m) => {
    // Two imports of the same code wait for each other instead of racing on the unique key.
    await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`plangraph:import:${input.code}`]);
    const existing = await m.getRepository(Plan).findOne({ where: { code: input.code } });
    if (existing && existing.sourceSha256 === sha256) {
      return { planId: existing.id, code: input.code, status: 'unchanged', counts, warnings: existing.importWarnings };
    }
    if (existing && !input.replace) {
      throw new PlanImportError(
        'PLAN_EXISTS',
        `Plan "${input.code}" was already imported from a different source (${existing.sourceName}); ` +
          'choose another --plan-code, or pass --replace to replace it.',
      );
    }
    const previous = input.previous ? await findPrevious(m, input.previous, input.code, existing?.id) : null;
    if (existing) await m.getRepository(Plan).delete({ id: existing.id });
    const { planId } = await writePlan(m, parsed, { code: input.code, name: input.sourceName, sha256 }).catch(
      (error: unknown) => {
        throw storeError(error);
      },
    );
    const lineage = previous ? await linkTerms(m, previous.id, planId, input.overrides?.lineage) : [];
    const warnings = [...parsed.warnings, ...lineage];
    return { planId, code: input.code, status: existing ? 'replaced' : 'created', counts, warnings };
  });
}

const PART: Record<string, string> = {
  plan: 'the title or fiscal-year header',
  policy: 'a 政策 heading',
  measure: 'a 施策名 heading',
  project: 'a project heading',
  indicator: 'a 成果指標 row',
  target: 'a 成果指標 cell',
  footnote: 'a ※ footnote',
};

/** A constraint the checks in storable.ts did not foresee: named by the part of the document, never by the constraint. */
function storeError(error: unknown): unknown {
  const e = error as { code?: unknown; table?: unknown; driverError?: { code?: unknown; table?: unknown } };
  const sqlState = e.driverError?.code ?? e.code;
  if (typeof sqlState !== 'string' || !/^23/.test(sqlState)) return error;
  const table = e.driverError?.table ?? e.table;
  const part = (typeof table === 'string' && PART[table]) || 'a heading or cell';
  return new PlanParseError(`The document could not be read: ${part} holds a value that cannot be stored; check it.`);
}

/** The plan named by --previous: it must exist, be another plan, and have no next term yet (other than `self`). */
async function findPrevious(m: EntityManager, code: string, self: string, selfId: number | undefined): Promise<Plan> {
  const previous = await m.getRepository(Plan).findOne({ where: { code } });
  if (!previous || code === self) {
    throw new PlanImportError(
      'UNKNOWN_PREVIOUS',
      `--previous "${code}" names no other imported plan; import the previous term first, or check the code.`,
    );
  }
  const next = await m.getRepository(Plan).findOne({ where: { previousPlanId: previous.id } });
  if (next && next.id !== selfId) {
    throw new PlanImportError(
      'PREVIOUS_TAKEN',
      `Plan "${code}" already has a next term ("${next.code}"); a plan is followed by one term only.`,
    );
  }
  return previous;
}
