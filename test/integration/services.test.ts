import { toGlobalId } from 'graphql-relay';
import type { DataSource } from 'typeorm';
import { createRequestContext, createViewer, type RequestContext } from '../../src/context';
import { AppError } from '../../src/domain/errors';
import { actualsOfIndicator, moveActual, recordActual, visibleFootnote } from '../../src/services/actuals';
import { exportActualsCsv } from '../../src/services/actuals-csv';
import { authenticate, createToken } from '../../src/services/auth';
import { listIndicators } from '../../src/services/catalog';
import { filteredChildren } from '../../src/services/nested';
import { indicatorProgress } from '../../src/services/progress';
import { openSeededCopy, type TestDatabase } from '../support/database';

// The services called directly, with request contexts built without HTTP or GraphQL.

let db: TestDatabase;
let ds: DataSource;
let editor: () => Promise<RequestContext>;
let approver: () => Promise<RequestContext>;
const anonymous = () => createRequestContext({ db: ds });
let indicatorId: number;

beforeAll(async () => {
  db = await openSeededCopy();
  ds = db.dataSource;
  const tokens = {
    editor: (await createToken(ds, { role: 'editor', name: 'svc-editor' })).token,
    approver: (await createToken(ds, { role: 'approver', name: 'svc-approver' })).token,
  };
  const as = (token: string) => async () =>
    createRequestContext({ db: ds, ...(await authenticate(ds, `Bearer ${token}`)) });
  editor = as(tokens.editor);
  approver = as(tokens.approver);
  [{ id: indicatorId }] = (await ds.query(`SELECT id FROM indicator WHERE name = '経常収支比率'`)) as { id: number }[];
});
afterAll(async () => {
  await db?.close();
});

describe('the viewer decides who sees drafts', () => {
  const user = { tokenId: 1, name: 'x', role: 'editor' as const, measureIds: null };

  it('gives the public approved data, and refuses includeDrafts without a token', () => {
    expect(createViewer(null).scope(false)).toBe('approved');
    expect(createViewer(null).scope(undefined)).toBe('approved');
    expect(() => createViewer(null).scope(true)).toThrow(AppError);
    expect(() => createViewer(null, true).scope(true)).toThrow(/unknown or revoked/);
  });

  it('gives a token holder approved data by default and the latest revisions when asked', () => {
    expect(createViewer(user).scope(false)).toBe('approved');
    expect(createViewer(user).scope(true)).toBe('latest');
    expect(createViewer(user).scope(undefined)).toBe('latest');
  });
});

describe('visibility through the services', () => {
  let actualGlobalId: string;

  beforeAll(async () => {
    const first = await recordActual(await editor(), {
      indicatorId: toGlobalId('Indicator', String(indicatorId)),
      fiscalYear: 2021,
      value: '93.0%',
      footnotes: [{ text: '承認される注記' }],
    });
    actualGlobalId = toGlobalId('Actual', String(first.actual.id));
    await moveActual(await editor(), actualGlobalId, 'submit');
    await moveActual(await approver(), actualGlobalId, 'approve');
    await recordActual(await editor(), {
      indicatorId: toGlobalId('Indicator', String(indicatorId)),
      fiscalYear: 2021,
      value: '95.0%',
      expectedRevision: 3,
      footnotes: [{ text: '下書きの注記' }],
    });
  });

  it('shows the approved revision to the public and to a token holder by default', async () => {
    const [pub] = await actualsOfIndicator(anonymous(), indicatorId, 'approved');
    expect(pub.shown).toMatchObject({ revision: 3, status: 'APPROVED' });
    expect(pub.value.raw).toBe('93.0%');
    const ctx = await editor();
    const [latest] = await actualsOfIndicator(ctx, indicatorId, ctx.viewer.scope(undefined));
    expect(latest.shown).toMatchObject({ revision: 4, status: 'DRAFT' });
    const progress = await indicatorProgress(ctx, (await ctx.loaders.indicator.load(indicatorId))!, 2021, false);
    expect(progress.actual?.raw).toBe('93.0%');
  });

  it('hides the draft revision’s footnote from the public only', async () => {
    const rows = (await ds.query(
      `SELECT f.id, f.text FROM footnote f WHERE f.actual_revision_id IS NOT NULL ORDER BY f.id`,
    )) as { id: number; text: string }[];
    const draft = rows.find((r) => r.text === '下書きの注記')!;
    const approved = rows.find((r) => r.text === '承認される注記')!;
    const pub = anonymous();
    expect(await visibleFootnote(pub, await pub.loaders.footnote.load(draft.id))).toBeNull();
    expect(await visibleFootnote(pub, await pub.loaders.footnote.load(approved.id))).toMatchObject({
      text: '承認される注記',
    });
    const ed = await editor();
    expect(await visibleFootnote(ed, await ed.loaders.footnote.load(draft.id))).toMatchObject({ text: '下書きの注記' });
  });

  it('exports the shown revision and its number', async () => {
    expect(await exportActualsCsv(anonymous(), 'arakawa', false)).toContain('93.0%,,3');
    expect(await exportActualsCsv(await editor(), 'arakawa', true)).toContain('95.0%,,4');
    await expect(exportActualsCsv(anonymous(), 'arakawa', true)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('filters on approved actuals for everyone (hasActual, status)', async () => {
    const filter = { planCode: 'arakawa', hasActual: true };
    const pub = await listIndicators(anonymous(), filter, { first: 100 });
    const ed = await listIndicators(await editor(), filter, { first: 100 });
    expect(pub.nodes.map((n) => n.id)).toEqual([indicatorId]);
    expect(ed.nodes.map((n) => n.id)).toEqual([indicatorId]);
    const achieved = await listIndicators(
      await editor(),
      { planCode: 'arakawa', status: 'ACHIEVED', statusYear: 2021 },
      { first: 100 },
    );
    expect(achieved.nodes.map((n) => n.id)).toContain(indicatorId);
  });
});

describe('filtered nested lists', () => {
  it('share one loader (one statement) for the same filter, whatever its key order or null fields', async () => {
    const ctx = anonymous();
    const measures = (await ds.query(`SELECT id FROM measure ORDER BY id`)) as { id: number }[];
    // ctx.db counts what is sent through it (src/db/query-counter.ts): the ds.query above is not counted.
    const lists = await Promise.all(
      measures.map((m, i) =>
        filteredChildren(
          ctx,
          'indicatorsByMeasure',
          m.id,
          i % 2 === 0 ? { kind: 'OUTCOME', search: '比率' } : { search: '比率', unit: null, kind: 'OUTCOME' },
        ),
      ),
    );
    expect(ctx.stats.statements).toBe(1);
    const names = lists.flat().map((i) => i.name);
    expect(names).toEqual(expect.arrayContaining(['経常収支比率', '実質公債費比率']));
    expect(new Set(lists.flat().map((i) => i.constructor.name))).toEqual(new Set(['Indicator']));
  });

  it('gives the same rows as the plain loader when the filter matches everything', async () => {
    const ctx = anonymous();
    const [measure] = (await ds.query(`SELECT id FROM measure WHERE title = '健全な財政運営'`)) as { id: number }[];
    const plain = await ctx.loaders.indicatorsByMeasure.load(measure.id);
    const filtered = await filteredChildren(ctx, 'indicatorsByMeasure', measure.id, { planCode: 'arakawa' });
    expect(filtered).toStrictEqual(plain);
    expect(plain.length).toBeGreaterThan(1);
  });
});

describe('the request context', () => {
  it('creates loaders on first use only, once per context, never shared between contexts', () => {
    const ctx = anonymous();
    const built = () =>
      Object.entries(Object.getOwnPropertyDescriptors(ctx.loaders))
        .filter(([, d]) => 'value' in d && typeof d.value !== 'function')
        .map(([name]) => name);
    expect(built()).toEqual([]);
    const plan = ctx.loaders.plan;
    expect(ctx.loaders.plan).toBe(plan);
    expect(built()).toEqual(['plan']);
    expect(anonymous().loaders.plan).not.toBe(plan);
  });
});
