import { startTestApp, type TestApp } from '../support/app';
import { code, setUpActuals, type Actuals } from '../support/actuals';

// submitActuals / approveActuals over HTTP: each id checked as if alone, all or none, the failing id named.

let app: TestApp;
let a: Actuals;

beforeAll(async () => {
  app = await startTestApp();
  a = await setUpActuals(app);
});
afterAll(async () => {
  await app?.close();
});

const SUBMIT = 'mutation ($ids: [ID!]!) { submitActuals(ids: $ids) { id status revision } }';
const APPROVE = 'mutation ($ids: [ID!]!) { approveActuals(ids: $ids) { id status revision } }';
type Moved = { id: string; status: string; revision: number }[];

async function drafts(token: string, ...cells: [string, number][]): Promise<string[]> {
  const ids: string[] = [];
  for (const [name, year] of cells) {
    const res = await a.record(token, name, year, '80%');
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    ids.push(res.data!.recordActual.id);
  }
  return ids;
}
const statuses = async (ids: string[]) =>
  (
    (await app.db.dataSource.query('SELECT status FROM actual WHERE id = ANY($1) ORDER BY id', [
      ids.map((g) => Number(Buffer.from(g, 'base64').toString().split(':')[1])),
    ])) as { status: string }[]
  ).map((r) => r.status);

describe('submitActuals and approveActuals', () => {
  it('moves every actual, in order, one revision each', async () => {
    const ids = await drafts(a.tokens.editor, ['経常収支比率', 2021], ['経常収支比率', 2022]);
    const submitted = await app.gqlAs<{ submitActuals: Moved }>(a.tokens.editor, SUBMIT, { ids });
    expect(submitted.errors).toBeUndefined();
    expect(submitted.data!.submitActuals.map((m) => [m.id, m.status, m.revision])).toEqual([
      [ids[0], 'SUBMITTED', 2],
      [ids[1], 'SUBMITTED', 2],
    ]);
    const approved = await app.gqlAs<{ approveActuals: Moved }>(a.tokens.approver, APPROVE, { ids });
    expect(approved.errors).toBeUndefined();
    expect(approved.data!.approveActuals.map((m) => m.status)).toEqual(['APPROVED', 'APPROVED']);
  });

  it('all or none: one DRAFT among SUBMITTED ones fails approval, names it, and approves nothing', async () => {
    const ids = await drafts(a.tokens.editor, ['実質公債費比率', 2021], ['実質公債費比率', 2022]);
    expect((await app.gqlAs(a.tokens.editor, SUBMIT, { ids: [ids[0]] })).errors).toBeUndefined();
    const before = await a.revisionCount();
    const res = await app.gqlAs(a.tokens.approver, APPROVE, { ids });
    expect(code(res)).toBe('CONFLICT');
    expect(res.errors![0].message).toMatch(new RegExp(`^ids\\[1\\] \\(${ids[1]}\\): Only a SUBMITTED actual`));
    expect(res.errors![0].extensions).toMatchObject({ id: ids[1], index: 1 });
    expect(await statuses(ids)).toEqual(['SUBMITTED', 'DRAFT']);
    expect(await a.revisionCount()).toBe(before);
  });

  it('applies the single-actual rules: self-approval FORBIDDEN, out-of-scope editor FORBIDDEN, roles', async () => {
    const own = await drafts(a.tokens.admin, ['経常収支比率', 2023]);
    expect((await app.gqlAs(a.tokens.admin, SUBMIT, { ids: own })).errors).toBeUndefined();
    const self = await app.gqlAs(a.tokens.admin, APPROVE, { ids: own });
    expect(code(self)).toBe('FORBIDDEN');
    expect(self.errors![0].message).toMatch(/^ids\[0\].*Nobody approves a value they recorded/);

    const outside = await drafts(a.tokens.editor, ['区政に関心がある区民の割合', 2021]);
    const scoped = await app.gqlAs(a.tokens.scoped, SUBMIT, { ids: outside });
    expect(code(scoped)).toBe('FORBIDDEN');
    expect(await statuses(outside)).toEqual(['DRAFT']);

    expect(code(await app.gqlAs(a.tokens.editor, APPROVE, { ids: own }))).toBe('FORBIDDEN');
    expect(code(await app.gql(SUBMIT, { ids: outside }))).toBe('UNAUTHENTICATED');
  });

  it.each([
    ['no ids', () => [], /Pass 1 to 500 ids/],
    ['a repeated id', () => ['QWN0dWFsOjE=', 'QWN0dWFsOjE='], /twice/],
    ['a forged id', () => ['nonsense'], /^ids\[0\] \(nonsense\)/],
    ['an unknown id', () => ['QWN0dWFsOjk5OTk5OQ=='], /^ids\[0\].*No actual/],
  ])('refuses %s with a typed error and writes nothing', async (_, ids, message) => {
    const before = await a.revisionCount();
    const res = await app.gqlAs(a.tokens.editor, SUBMIT, { ids: ids() });
    expect(['BAD_USER_INPUT', 'NOT_FOUND']).toContain(code(res));
    expect(res.errors![0].message).toMatch(message);
    expect(await a.revisionCount()).toBe(before);
  });

  it('respects PERIOD_CLOSED: one actual of a closed year fails the whole call, naming it', async () => {
    const ids = await drafts(a.tokens.editor, ['経常収支比率', 2026], ['経常収支比率', 2025]);
    const close = await app.gqlAs(
      a.tokens.approver,
      'mutation { closeFiscalYear(planCode: "arakawa", fiscalYear: 2025, reason: "決算確定") { year } }',
    );
    expect(close.errors).toBeUndefined();
    const res = await app.gqlAs(a.tokens.editor, SUBMIT, { ids });
    expect(code(res)).toBe('PERIOD_CLOSED');
    expect(res.errors![0].message).toMatch(/^ids\[1\]/);
    expect(await statuses(ids)).toEqual(['DRAFT', 'DRAFT']);
  });
});
