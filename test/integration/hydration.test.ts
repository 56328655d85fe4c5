import { IsNull, type DataSource, type ObjectLiteral } from 'typeorm';
import { entities, Footnote, Indicator, Measure, Policy, Project, Target } from '../../src/entities';
import { shapeOf } from '../../src/loaders';
import { createRequestContext } from '../../src/context';
import { authenticate, createToken } from '../../src/services/auth';
import { moveActual, recordActual } from '../../src/services/actuals';
import { closeFiscalYear, reopenFiscalYear, setReportingDeadline } from '../../src/services/periods';
import { importPlan } from '../../src/import/import-plan';
import {
  listFootnotes,
  listIndicators,
  listMeasures,
  listPolicies,
  listProjects,
  listTargets,
} from '../../src/services/catalog';
import { openSeededCopy, type TestDatabase } from '../support/database';
import { nextTermText } from '../support/next-term';

// The loaders build entities from raw rows themselves (src/loaders/shape.ts) because it is much faster
// than TypeORM's transformer; this holds the result equal to TypeORM's own `find` for every entity,
// on real seeded rows: embedded PlanValue columns, arrays, nullable columns, timestamps.

let db: TestDatabase;
let ds: DataSource;

beforeAll(async () => {
  db = await openSeededCopy();
  ds = db.dataSource;
  // Rows for the tables the seed leaves empty: actuals, revisions (a timestamp, nulls), footnotes of
  // a revision, tokens — written through the services, with a context built without HTTP.
  const editor = await createToken(ds, { role: 'editor', name: 'hydration-editor' });
  const approver = await createToken(ds, { role: 'approver', name: 'hydration-approver' });
  const [zaisei] = (await ds.query(`SELECT id FROM measure WHERE title = '健全な財政運営'`)) as { id: number }[];
  await createToken(ds, { role: 'editor', name: 'hydration-scoped', measureIds: [zaisei.id] });
  const as = async (token: string) => createRequestContext({ db: ds, ...(await authenticate(ds, `Bearer ${token}`)) });
  const [indicator] = (await ds.query(`SELECT id FROM indicator WHERE name = '経常収支比率'`)) as { id: number }[];
  const view = await recordActual(await as(editor.token), {
    indicatorId: Buffer.from(`Indicator:${indicator.id}`).toString('base64'),
    fiscalYear: 2021,
    value: '93.0%',
    note: '決算見込み',
    footnotes: [{ text: '新型コロナウイルス感染症の影響を含む。' }],
  });
  const id = Buffer.from(`Actual:${view.actual.id}`).toString('base64');
  await moveActual(await as(editor.token), id, 'submit');
  await moveActual(await as(approver.token), id, 'approve');
  // Closings (one reopened: nulls and timestamps) and a deadline (a date column).
  const admin = await as((await createToken(ds, { role: 'admin', name: 'hydration-admin' })).token);
  await closeFiscalYear(admin, { planCode: 'arakawa', fiscalYear: 2022, reason: '決算確定' });
  await reopenFiscalYear(admin, { planCode: 'arakawa', fiscalYear: 2022, reason: '訂正' });
  await closeFiscalYear(admin, { planCode: 'arakawa', fiscalYear: 2023 });
  await setReportingDeadline(admin, { planCode: 'arakawa', fiscalYear: 2022, dueDate: '2023-06-30' });
  // A next term: plan changes, a previous plan and indicator predecessors (nullable ints and texts).
  await importPlan(ds, { code: 'arakawa-3', text: nextTermText(), sourceName: 'next.txt', previous: 'arakawa' });
});
afterAll(async () => {
  await db?.close();
});

function primaryOrder(ds: DataSource, entity: new () => ObjectLiteral): Record<string, 'ASC'> {
  return Object.fromEntries(ds.getMetadata(entity).primaryColumns.map((c) => [c.propertyName, 'ASC' as const]));
}

describe('hand-written hydration', () => {
  it.each(entities.map((e) => [e.name, e] as const))(
    'builds %s rows exactly as TypeORM find does',
    async (_, entity) => {
      const metadata = ds.getMetadata(entity);
      const order = primaryOrder(ds, entity);
      const expected = await ds.getRepository(entity).find({ order });
      expect(expected.length).toBeGreaterThan(0);
      const shape = shapeOf(ds, entity as new () => ObjectLiteral);
      const keys = metadata.primaryColumns.map((c) => `"e"."${c.databaseName}" ASC`).join(', ');
      const rows = (await ds.query(`SELECT ${shape.select('e')} FROM ${shape.table} "e" ORDER BY ${keys}`)) as Record<
        string,
        unknown
      >[];
      const ours = rows.map((row) => shape.hydrate(row, 'e'));
      expect(ours).toStrictEqual(expected);
    },
  );

  it('covers embedded, nullable and timestamp columns on real rows', async () => {
    const shape = shapeOf(ds, entities.find((e) => e.name === 'ActualRevision')! as new () => ObjectLiteral);
    const [row] = (await ds.query(
      `SELECT ${shape.select('e')} FROM ${shape.table} "e" ORDER BY "e"."id" LIMIT 1`,
    )) as Record<string, unknown>[];
    const revision = shape.hydrate(row, 'e');
    expect(revision.at).toBeInstanceOf(Date);
    expect(revision.reason).toBeNull();
    expect(revision.value.constructor.name).toBe('PlanValue');
    expect(revision.value).toMatchObject({ raw: '93.0%', kind: 'QUANTITY', number: 93, unit: '%' });
  });

  // Shape.json: rows as JSON inside another statement (the targets page's sub-selects), for the entities read so.
  it.each(['Indicator', 'Footnote', 'Target'])(
    'builds %s rows from Shape.json exactly as TypeORM find does',
    async (name) => {
      const entity = entities.find((e) => e.name === name)! as new () => ObjectLiteral;
      const expected = await ds.getRepository(entity).find({ order: primaryOrder(ds, entity) });
      expect(expected.length).toBeGreaterThan(0);
      const shape = shapeOf(ds, entity);
      const rows = (await ds.query(`SELECT ${shape.json('x')} AS j FROM ${shape.table} "x" ORDER BY "x"."id"`)) as {
        j: Record<string, unknown>;
      }[];
      expect(rows.map((r) => shape.hydrate(r.j, 'x'))).toStrictEqual(expected);
    },
  );
});

// The root lists' pages are read by statements built in services/paging.ts and hydrated by the same shapes (not by
// TypeORM's query builder): every page, forwards and backwards, holds what TypeORM's find gives for the same rows.
describe('root list pages', () => {
  const lists = [
    ['policies', listPolicies, Policy, {}],
    ['measures', listMeasures, Measure, {}],
    ['projects', listProjects, Project, {}],
    ['indicators', listIndicators, Indicator, {}],
    ['targets', listTargets, Target, {}],
    ['footnotes', listFootnotes, Footnote, { actualRevisionId: IsNull() }],
  ] as const;

  it.each(lists)('a page of %s is what TypeORM find gives, in both directions', async (_, list, entity, where) => {
    const ctx = createRequestContext({ db: ds });
    const expected = (await ds.getRepository(entity as new () => ObjectLiteral).find({
      where,
      order: { id: 'ASC' },
    })) as ObjectLiteral[];
    expect(expected.length).toBeGreaterThan(0);
    const read = list as (
      c: typeof ctx,
      f: null,
      p: { first?: number; last?: number; after?: string; before?: string },
    ) => Promise<{ nodes: ObjectLiteral[]; edges: { cursor: string }[]; pageInfo: { hasNextPage: unknown } }>;
    const forward: ObjectLiteral[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await read(ctx, null, { first: 100, after });
      forward.push(...page.nodes);
      if (!(await page.pageInfo.hasNextPage)) break;
      after = page.edges[page.edges.length - 1].cursor;
    }
    expect(forward).toStrictEqual(expected);
    const last = await read(ctx, null, { last: 3 });
    expect(last.nodes).toStrictEqual(expected.slice(-3));
    const before = await read(ctx, null, { last: 2, before: last.edges[0].cursor });
    expect(before.nodes).toStrictEqual(expected.slice(-5, -3));
  });
});
