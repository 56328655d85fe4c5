import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type Database } from '../../src/db/data-source';
import { importPlan } from '../../src/import/import-plan';
import { parsePlanDocument } from '../../src/import/parse-plan';
import type { ParsedPlan } from '../../src/import/plan-document';
import { writePlan } from '../../src/import/writer';
import { openServerDatabase, type ServerDatabase } from '../support/server-database';

// Importing a large plan after a small one on a warm connection must stay linear: the foreign-key
// triggers' cached generic plans made it quadratic (the writer sets plan_cache_mode for its transaction).

const text = readFileSync(join(__dirname, '..', '..', 'seeds', 'arakawa-plan-chapter7.txt'), 'utf8');
const COPIES = 10;
const BOUND_SECONDS = 60;

/** The bundled plan's content COPIES times over, every key and policy number made distinct. */
function scaled(plan: ParsedPlan): ParsedPlan {
  const out: ParsedPlan = { ...plan, policies: [], measures: [], projects: [], indicators: [], footnotes: [] };
  for (let c = 0; c < COPIES; c += 1) {
    const k = (key: string) => `${key}~${c}`;
    const n = (num: number) => num + c * 1000;
    out.policies.push(...plan.policies.map((p) => ({ ...p, number: n(p.number) })));
    out.measures.push(
      ...plan.measures.map((m) => ({
        ...m,
        key: k(m.key),
        position: m.position + c * 10_000,
        policyNumber: n(m.policyNumber),
        indicatorKeys: m.indicatorKeys.map(k),
        projectKeys: m.projectKeys.map(k),
        footnoteKeys: m.footnoteKeys.map(k),
      })),
    );
    out.projects.push(
      ...plan.projects.map((p) => ({
        ...p,
        key: k(p.key),
        title: `${p.title} (${c})`,
        measureKeys: p.measureKeys.map(k),
        indicatorKeys: p.indicatorKeys.map(k),
        footnoteKeys: p.footnoteKeys.map(k),
      })),
    );
    out.indicators.push(
      ...plan.indicators.map((i) => ({
        ...i,
        key: k(i.key),
        name: `${i.name} (${c})`,
        footnoteKeys: i.footnoteKeys.map(k),
        cells: i.cells.map((cell) => ({ ...cell, footnoteKeys: cell.footnoteKeys.map(k) })),
      })),
    );
    out.footnotes.push(
      ...plan.footnotes.map((f) => ({
        ...f,
        key: k(f.key),
        measureKey: f.measureKey && k(f.measureKey),
        projectKey: f.projectKey && k(f.projectKey),
      })),
    );
  }
  return out;
}

let server: ServerDatabase;
let db: Database;

beforeAll(async () => {
  server = await openServerDatabase();
  db = await openDatabase({ databaseUrl: server.url });
}, 120_000);
afterAll(async () => {
  await db?.close();
  await server?.close();
});

it(`a ${COPIES}× plan imported after the bundled one on a warm connection takes at most ${BOUND_SECONDS} s (server)`, async () => {
  await importPlan(db.dataSource, { code: 'warm', text, sourceName: 'warm.txt' });
  const big = scaled(parsePlanDocument(text));
  const started = Date.now();
  const { counts } = await db.dataSource.transaction((m) =>
    writePlan(m, big, { code: 'big', name: 'big.txt', sha256: '0'.repeat(64) }),
  );
  const seconds = (Date.now() - started) / 1000;
  expect(counts).toMatchObject({ measures: big.measures.length, indicators: big.indicators.length });
  expect(seconds).toBeLessThan(BOUND_SECONDS);
}, 180_000);
