import { startTestApp, type TestApp } from '../support/app';
import { code, RECORD, setUpActuals, type Actuals } from '../support/actuals';

// Recording actuals over HTTP: the review workflow, the audit trail, conflicts, bad input and access.

let app: TestApp;
let a: Actuals;

beforeAll(async () => {
  app = await startTestApp();
  a = await setUpActuals(app);
});
afterAll(async () => {
  await app?.close();
});

describe('access control', () => {
  it('refuses anonymous and revoked-token writes with UNAUTHENTICATED and writes nothing', async () => {
    const before = await a.revisionCount();
    const anonymous = await app.gql(RECORD, {
      input: { indicatorId: await a.indicatorId('経常収支比率'), fiscalYear: 2021, value: '88%' },
    });
    expect(code(anonymous)).toBe('UNAUTHENTICATED');
    const revoked = await a.record(a.tokens.revoked, '経常収支比率', 2021, '88%');
    expect(code(revoked)).toBe('UNAUTHENTICATED');
    expect(revoked.errors![0].message).toMatch(/revoked/);
    expect(await a.revisionCount()).toBe(before);
  });

  it('limits an editor to the measures on the token: FORBIDDEN elsewhere, nothing written', async () => {
    const before = await a.revisionCount();
    const outside = await a.record(a.tokens.scoped, '区政に関心がある区民の割合', 2021, '55.0%');
    expect(code(outside)).toBe('FORBIDDEN');
    expect(await a.revisionCount()).toBe(before);
    // An outcome indicator of the measure, and an output indicator of one of its projects.
    expect((await a.record(a.tokens.scoped, '実質公債費比率', 2020, '4.5%')).errors).toBeUndefined();
    const yen = await a.record(a.tokens.scoped, 'その他の主な自主財源（額）', 2020, '150,000 千円');
    expect(yen.errors).toBeUndefined();
    expect(yen.data!.recordActual.value).toMatchObject({ number: 150000000, unit: '円' });
  });

  it('lets only approvers and admins approve, and nobody approve a value they recorded', async () => {
    const rec = await a.record(a.tokens.admin, 'ツイッターの投稿回数', 2021, '1,100回');
    const id = rec.data!.recordActual.id;
    await a.move(a.tokens.admin, 'submitActual', id);
    expect(code(await a.move(a.tokens.editor, 'approveActual', id))).toBe('FORBIDDEN');
    const self = await a.move(a.tokens.admin, 'approveActual', id);
    expect(code(self)).toBe('FORBIDDEN');
    expect(self.errors![0].message).toMatch(/recorded themselves/);
    const ok = await a.move(a.tokens.approver, 'approveActual', id);
    expect(ok.data!.approveActual).toMatchObject({ status: 'APPROVED', revision: 3, approvedRevision: 3 });
  });
});

describe('the review workflow and its audit trail', () => {
  it('moves DRAFT → SUBMITTED → APPROVED, each step a revision; the public sees approved values only', async () => {
    const rec = await a.record(a.tokens.editor, 'フェイスブックの投稿回数', 2021, '700回', {
      note: '月例投稿を含む',
      footnotes: [{ text: '新型コロナウイルス感染症対策の周知のため投稿が増加。' }],
    });
    expect(rec.errors).toBeUndefined();
    const draft = rec.data!.recordActual;
    expect(draft).toMatchObject({
      status: 'DRAFT',
      revision: 1,
      approvedRevision: null,
      recordedBy: 'editor-a',
      note: '月例投稿を含む',
    });
    expect(draft.footnotes).toEqual([
      { marker: '※1', text: '新型コロナウイルス感染症対策の周知のため投稿が増加。', category: 'COVID_ADJUSTMENT' },
    ]);

    const q = `query($id: ID!) { node(id: $id) { ... on Indicator { actuals { status revision value { raw } history { action } } } } }`;
    const iid = await a.indicatorId('フェイスブックの投稿回数');
    expect((await app.gql<{ node: { actuals: unknown[] } }>(q, { id: iid })).data!.node.actuals).toEqual([]);
    expect(
      (await app.gqlAs<{ node: { actuals: unknown[] } }>(a.tokens.editor2, q, { id: iid })).data!.node.actuals,
    ).toHaveLength(1);

    expect((await a.move(a.tokens.editor, 'submitActual', draft.id)).data!.submitActual).toMatchObject({
      status: 'SUBMITTED',
      revision: 2,
    });
    const done = (await a.move(a.tokens.approver, 'approveActual', draft.id)).data!.approveActual;
    expect(done).toMatchObject({ status: 'APPROVED', revision: 3, approvedRevision: 3 });
    expect(done.history.map((h) => [h.action, h.status, h.actor])).toEqual([
      ['RECORDED', 'DRAFT', 'editor-a'],
      ['SUBMITTED', 'SUBMITTED', 'editor-a'],
      ['APPROVED', 'APPROVED', 'approver-a'],
    ]);
    const pub = await app.gql<{ node: { actuals: { status: string; value: { raw: string }; history: unknown[] }[] } }>(
      q,
      { id: iid },
    );
    expect(pub.data!.node.actuals).toEqual([
      { status: 'APPROVED', revision: 3, value: { raw: '700回' }, history: [{ action: 'APPROVED' }] },
    ]);
  });

  it('returns a submitted actual to draft with the reason; a reason is required', async () => {
    const id = (await a.record(a.tokens.editor, 'ツイッターの投稿回数', 2022, '1,000回')).data!.recordActual.id;
    await a.move(a.tokens.editor, 'submitActual', id);
    expect(code(await a.move(a.tokens.approver, 'returnActual', id, '  '))).toBe('BAD_USER_INPUT');
    const back = (await a.move(a.tokens.approver, 'returnActual', id, '根拠資料を添付してください')).data!.returnActual;
    expect(back.status).toBe('DRAFT');
    expect(back.history[back.history.length - 1]).toEqual({
      action: 'RETURNED',
      status: 'DRAFT',
      actor: 'approver-a',
      reason: '根拠資料を添付してください',
    });
    expect(code(await a.move(a.tokens.approver, 'approveActual', id))).toBe('CONFLICT');
  });

  it('revises an approved actual through a new revision; the public keeps the approved value until it is approved', async () => {
    const first = await a.approved('ツイッターの投稿回数', 2023, '1,150回');
    const rev = await a.record(a.tokens.editor2, 'ツイッターの投稿回数', 2023, '1,180回', {
      expectedRevision: first.revision,
    });
    expect(rev.data!.recordActual).toMatchObject({
      status: 'DRAFT',
      revision: 4,
      approvedRevision: 3,
      value: { raw: '1,180回' },
    });
    const q = `query($id: ID!) { node(id: $id) { ... on Actual { status revision value { raw } } } }`;
    expect((await app.gql(q, { id: first.id })).data).toEqual({
      node: { status: 'APPROVED', revision: 3, value: { raw: '1,150回' } },
    });
    expect((await app.gqlAs(a.tokens.editor, q, { id: first.id })).data).toEqual({
      node: { status: 'DRAFT', revision: 4, value: { raw: '1,180回' } },
    });
    const history = rev.data!.recordActual.history.map((h) => [h.revision, h.action, h.value.raw, h.recordedBy]);
    expect(history).toEqual([
      [1, 'RECORDED', '1,150回', 'editor-a'],
      [2, 'SUBMITTED', '1,150回', 'editor-a'],
      [3, 'APPROVED', '1,150回', 'editor-a'],
      [4, 'RECORDED', '1,180回', 'editor-b'],
    ]);
  });

  it('keeps the history append-only in the database itself', async () => {
    await expect(app.db.dataSource.query(`UPDATE actual_revision SET value_raw = 'x'`)).rejects.toThrow(/append-only/);
    await expect(app.db.dataSource.query(`DELETE FROM actual_revision`)).rejects.toThrow(/append-only/);
  });
});

describe('conflicts', () => {
  it('refuses a stale or missing expectedRevision with CONFLICT and writes nothing', async () => {
    const rec = await a.record(a.tokens.editor, '広報媒体数', 2021, '9');
    expect(rec.errors).toBeUndefined();
    const before = await a.revisionCount();
    const missing = await a.record(a.tokens.editor2, '広報媒体数', 2021, '10');
    expect(code(missing)).toBe('CONFLICT');
    expect(missing.errors![0].message).toMatch(/expectedRevision: 1/);
    const ok = await a.record(a.tokens.editor2, '広報媒体数', 2021, '10', { expectedRevision: 1 });
    expect(ok.data!.recordActual.revision).toBe(2);
    const stale = await a.record(a.tokens.editor, '広報媒体数', 2021, '11', { expectedRevision: 1 });
    expect(code(stale)).toBe('CONFLICT');
    expect(stale.errors![0].extensions!.currentRevision).toBe(2);
    expect(await a.revisionCount()).toBe(before + 1);
  });

  it('lets exactly one of two concurrent revisions win', async () => {
    await a.record(a.tokens.editor, '電子申請の件数', 2021, '26件');
    const results = await Promise.all([
      a.record(a.tokens.editor, '電子申請の件数', 2021, '27件', { expectedRevision: 1 }),
      a.record(a.tokens.editor2, '電子申請の件数', 2021, '28件', { expectedRevision: 1 }),
    ]);
    expect(results.map(code).sort()).toEqual(['CONFLICT', undefined].sort());
  });
});

describe('bad input gets a clear error and writes nothing', () => {
  const cases: [string, string, number, string, Record<string, unknown>, string, RegExp][] = [
    [
      'a unit that does not match (件 for a % indicator)',
      '区政に関心がある区民の割合',
      2021,
      '55件',
      {},
      'BAD_USER_INPUT',
      /件/,
    ],
    ['a negative count', '電子申請の件数', 2022, '-3件', {}, 'BAD_USER_INPUT', /negative/i],
    ['a status word for a numeric indicator', '経常収支比率', 2021, '実施', {}, 'BAD_USER_INPUT', /実施/],
    ['a fiscal year outside the plan', '経常収支比率', 2031, '88%', {}, 'BAD_USER_INPUT', /2031/],
    ['a note over the limit', '経常収支比率', 2021, '88%', { note: 'あ'.repeat(2001) }, 'BAD_USER_INPUT', /2000/],
  ];
  it.each(cases)('%s', async (_what, name, year, value, extra, expected, message) => {
    const before = await a.revisionCount();
    const res = await a.record(a.tokens.editor, name, year, value, extra);
    expect(code(res)).toBe(expected);
    expect(res.errors![0].message).toMatch(message);
    expect(await a.revisionCount()).toBe(before);
  });

  it('an unknown indicator is NOT_FOUND, a malformed ID BAD_USER_INPUT', async () => {
    const unknown = Buffer.from('Indicator:999999').toString('base64');
    const res = await app.gqlAs(a.tokens.editor, RECORD, {
      input: { indicatorId: unknown, fiscalYear: 2021, value: '1件' },
    });
    expect(code(res)).toBe('NOT_FOUND');
    const bad = await app.gqlAs(a.tokens.editor, RECORD, {
      input: { indicatorId: 'nope', fiscalYear: 2021, value: '1件' },
    });
    expect(code(bad)).toBe('BAD_USER_INPUT');
  });
});
