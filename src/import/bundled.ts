import { readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { Plan } from '../entities';
import { importPlan, type ImportPlanResult } from './import-plan';
import type { IndicatorOverrides } from './plan-document';

interface BundledPlan {
  code: string;
  file: string;
  title?: string;
  overrides?: string;
}

function seedsDir(): string {
  // Compiled code runs from dist/src/import, sources from src/import: both find the top-level seeds/.
  const candidates = [join(__dirname, '..', '..', 'seeds'), join(__dirname, '..', '..', '..', 'seeds')];
  for (const dir of candidates) {
    try {
      readFileSync(join(dir, 'plans.json'));
      return dir;
    } catch {
      // try the next one
    }
  }
  throw new Error(`seeds/plans.json not found (looked in ${candidates.join(', ')})`);
}

export function readOverrides(path: string): IndicatorOverrides {
  return JSON.parse(readFileSync(path, 'utf8')) as IndicatorOverrides;
}

function readManifest(dir: string): BundledPlan[] {
  return (JSON.parse(readFileSync(join(dir, 'plans.json'), 'utf8')) as { plans: BundledPlan[] }).plans;
}

function sameFile(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

/**
 * The settings seeds/plans.json gives a bundled file imported under its own code (title, overrides), so that
 * `npm run import -- seeds/<file> --plan-code <code>` is the same import as the one on first start. Options
 * given on the command line win; any other file or code gets nothing.
 */
export function bundledDefaults(file: string, code: string): { title?: string; overridesPath?: string } {
  const dir = seedsDir();
  const plan = readManifest(dir).find((p) => p.code === code && sameFile(join(dir, p.file), file));
  if (!plan) return {};
  return { title: plan.title, overridesPath: plan.overrides ? join(dir, plan.overrides) : undefined };
}

/**
 * Imports every bundled plan that is not in the database yet. A plan already present is left alone
 * (no parse, no write), so a second start costs one query.
 */
export async function seedBundledPlans(db: DataSource): Promise<ImportPlanResult[]> {
  const dir = seedsDir();
  const present = new Set((await db.getRepository(Plan).find({ select: { code: true } })).map((p) => p.code));
  const results: ImportPlanResult[] = [];
  for (const plan of readManifest(dir)) {
    if (present.has(plan.code)) continue;
    results.push(
      await importPlan(db, {
        code: plan.code,
        text: readFileSync(join(dir, plan.file), 'utf8'),
        sourceName: plan.file,
        title: plan.title,
        overrides: plan.overrides ? readOverrides(join(dir, plan.overrides)) : undefined,
      }),
    );
  }
  return results;
}
