import { startTestApp, type TestApp } from '../support/app';
import { code, setUpActuals, type Actuals } from '../support/actuals';

// Measure evaluations (施策評価) over HTTP: the whole reviewed workflow, the public seeing only the approved
// revision, CONFLICT on a stale revision, no self-approval, PERIOD_CLOSED once the year is closed, and grades
// checked against the plan's grading scale.

let app: TestApp;
let a: Actuals;
let measureId: string;

const FIELDS = `id fiscalYear grade comment status revision approvedRevision recordedBy
  history { revision action status grade comment actor reason }`;
const RECORD = `mutation($input: RecordEvaluationInput!) { recordEvaluation(input: $input) { ${FIELDS} } }`;
const READ = `query($id: ID!, $year: Int!) { node(id: $id) { ... on Measure {
  evaluation(fiscalYear: $year) { grade comment status revision suggestedGrade { code } }
  evaluations { fiscalYear grade status history { action } } } } }`;

interface EvaluationOut {
  id: string;
  grade: string;
  comment: string | null;
  status: string;
  revision: number;
  approvedRevision: number | null;
  history: { revision: number; action: string; status: string; grade: string; actor: string; reason: string | null }[];
}
interface ReadOut {
  node: {
    evaluation: {
      grade: string;
      comment: string | null;
      status: string;
      revision: number;
      suggestedGrade: { code: string } | null;
    } | null;
    evaluations: { fiscalYear: number; grade: string; status: string; history: { action: string }[] }[];
  };
}

function move(token: string, name: string, id: string, reason?: string) {
  const ret = name === 'returnEvaluation';
  return app.gqlAs<Record<string, EvaluationOut>>(
    token,
    `mutation($id: ID!${ret ? ', $reason: String!' : ''}) { ${name}(id: $id${ret ? ', reason: $reason' : ''}) { ${FIELDS} } }`,
    { id, reason },
  );
}

function record(token: string, fiscalYear: number, grade: string, extra: Record<string, unknown> = {}) {
  return app.gqlAs<{ recordEvaluation: EvaluationOut }>(token, RECORD, {
    input: { measureId, fiscalYear, grade, ...extra },
  });
}

async function count(): Promise<number> {
  const [row] = (await app.db.dataSource.query('SELECT count(*)::int AS n FROM evaluation_revision')) as {
    n: number;
  }[];
  return row.n;
}

beforeAll(async () => {
  app = await startTestApp();
  a = await setUpActuals(app);
  const res = await app.gql<{ plan: { measures: { id: string; title: string }[] } }>(
    '{ plan(code: "arakawa") { measures { id title } } }',
  );
  measureId = res.data!.plan.measures.find((m) => m.title === '健全な財政運営')!.id;
});

afterAll(async () => {
  await app.close();
});

describe('measure evaluations', () => {
  it('needs a grading scale first: BAD_USER_INPUT with a sentence, nothing written', async () => {
    const res = await record(a.tokens.editor, 2021, 'A');
    expect(code(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toMatch(/no grading scale/);
    expect(await count()).toBe(0);
    const set = await app.gqlAs(
      a.tokens.admin,
      'mutation { setGradingScale(planCode: "arakawa", input: { preset: SABC, name: "SABC" }) { name } }',
    );
    expect(set.errors).toBeUndefined();
  });

  it('refuses a grade that is not a code of the scale', async () => {
    const res = await record(a.tokens.editor, 2021, 'Z');
    expect(code(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0].message).toMatch(/"Z" is not a grade/);
    expect(await count()).toBe(0);
  });

  it('goes through the whole workflow; the public sees only the approved revision', async () => {
    await a.approved('経常収支比率', 2021, '93.0%');
    const rec = await record(a.tokens.editor, 2021, 'A', { comment: '概ね順調' });
    expect(rec.errors).toBeUndefined();
    const ev = rec.data!.recordEvaluation;
    expect(ev).toMatchObject({ grade: 'A', comment: '概ね順調', status: 'DRAFT', revision: 1, approvedRevision: null });

    // Draft: null for the public, visible to a token holder.
    let pub = await app.gql<ReadOut>(READ, { id: measureId, year: 2021 });
    expect(pub.data!.node.evaluation).toBeNull();
    expect(pub.data!.node.evaluations).toEqual([]);
    const mine = await app.gqlAs<ReadOut>(a.tokens.editor, READ, { id: measureId, year: 2021 });
    expect(mine.data!.node.evaluation).toMatchObject({ grade: 'A', status: 'DRAFT' });

    // Submit, return with a reason, revise, submit again.
    expect((await move(a.tokens.editor, 'submitEvaluation', ev.id)).data!.submitEvaluation.status).toBe('SUBMITTED');
    const returned = await move(a.tokens.approver, 'returnEvaluation', ev.id, '根拠を追記してください');
    expect(returned.data!.returnEvaluation).toMatchObject({ status: 'DRAFT', revision: 3 });
    const revised = await record(a.tokens.editor, 2021, 'S', { comment: '目標を達成', expectedRevision: 3 });
    expect(revised.data!.recordEvaluation).toMatchObject({ grade: 'S', revision: 4, status: 'DRAFT' });
    await move(a.tokens.editor, 'submitEvaluation', ev.id);

    // Nobody approves their own evaluation.
    const self = await move(a.tokens.editor, 'approveEvaluation', ev.id);
    expect(code(self)).toBe('FORBIDDEN');
    const admin = await record(a.tokens.admin, 2022, 'B');
    await move(a.tokens.admin, 'submitEvaluation', admin.data!.recordEvaluation.id);
    expect(code(await move(a.tokens.admin, 'approveEvaluation', admin.data!.recordEvaluation.id))).toBe('FORBIDDEN');

    const approved = await move(a.tokens.approver, 'approveEvaluation', ev.id);
    expect(approved.errors).toBeUndefined();
    expect(approved.data!.approveEvaluation).toMatchObject({ status: 'APPROVED', revision: 6, approvedRevision: 6 });
    expect(approved.data!.approveEvaluation.history.map((h) => h.action)).toEqual([
      'RECORDED',
      'SUBMITTED',
      'RETURNED',
      'RECORDED',
      'SUBMITTED',
      'APPROVED',
    ]);
    expect(approved.data!.approveEvaluation.history[2]).toMatchObject({
      actor: 'approver-a',
      reason: '根拠を追記してください',
    });

    pub = await app.gql<ReadOut>(READ, { id: measureId, year: 2021 });
    expect(pub.errors).toBeUndefined();
    expect(pub.data!.node.evaluation).toMatchObject({
      grade: 'S',
      comment: '目標を達成',
      status: 'APPROVED',
      revision: 6,
    });
    expect(pub.data!.node.evaluation!.suggestedGrade).not.toBeNull();
    // FY2022 (submitted, never approved) stays hidden from the public.
    expect(pub.data!.node.evaluations.map((e) => e.fiscalYear)).toEqual([2021]);

    // A newer draft after approval: the public keeps the approved revision.
    const again = await record(a.tokens.editor2, 2021, 'B', { comment: '再評価', expectedRevision: 6 });
    expect(again.data!.recordEvaluation).toMatchObject({
      grade: 'B',
      revision: 7,
      status: 'DRAFT',
      approvedRevision: 6,
    });
    pub = await app.gql<ReadOut>(READ, { id: measureId, year: 2021 });
    expect(pub.data!.node.evaluation).toMatchObject({ grade: 'S', status: 'APPROVED', revision: 6 });
    expect(pub.data!.node.evaluations[0].history).toHaveLength(6);
    const latest = await app.gqlAs<ReadOut>(a.tokens.approver, READ, { id: measureId, year: 2021 });
    expect(latest.data!.node.evaluation).toMatchObject({ grade: 'B', status: 'DRAFT', revision: 7 });
  });

  it('is CONFLICT on a stale or missing expectedRevision, and on a step from the wrong status; nothing written', async () => {
    const before = await count();
    const stale = await record(a.tokens.editor, 2021, 'A', { expectedRevision: 6 });
    expect(code(stale)).toBe('CONFLICT');
    expect(stale.errors![0].extensions!.currentRevision).toBe(7);
    expect(code(await record(a.tokens.editor, 2021, 'A'))).toBe('CONFLICT');
    expect(code(await record(a.tokens.editor, 2023, 'A', { expectedRevision: 2 }))).toBe('CONFLICT');
    const [row] = (await app.db.dataSource.query(`SELECT id FROM evaluation WHERE fiscal_year = 2021`)) as {
      id: number;
    }[];
    const id = Buffer.from(`Evaluation:${row.id}`).toString('base64');
    expect(code(await move(a.tokens.approver, 'approveEvaluation', id))).toBe('CONFLICT');
    expect(await count()).toBe(before);
  });

  it('limits a scoped editor to their measures and roles to their steps', async () => {
    const res = await app.gql<{ plan: { measures: { id: string; title: string }[] } }>(
      '{ plan(code: "arakawa") { measures { id title } } }',
    );
    const other = res.data!.plan.measures.find((m) => m.title !== '健全な財政運営')!.id;
    const before = await count();
    const out = await app.gqlAs(a.tokens.scoped, RECORD, { input: { measureId: other, fiscalYear: 2021, grade: 'A' } });
    expect(code(out)).toBe('FORBIDDEN');
    expect(code(await app.gql(RECORD, { input: { measureId, fiscalYear: 2021, grade: 'A' } }))).not.toBeUndefined();
    expect(await count()).toBe(before);
  });

  it('is PERIOD_CLOSED once the year is closed, for recording and for every step', async () => {
    const rec = await record(a.tokens.editor, 2023, 'A');
    expect(rec.errors).toBeUndefined();
    const id = rec.data!.recordEvaluation.id;
    const close = await app.gqlAs(
      a.tokens.admin,
      'mutation { closeFiscalYear(planCode: "arakawa", fiscalYear: 2023, reason: "決算確定") { closed } }',
    );
    expect(close.errors).toBeUndefined();
    const before = await count();
    expect(code(await record(a.tokens.editor, 2023, 'B', { expectedRevision: 1 }))).toBe('PERIOD_CLOSED');
    expect(code(await move(a.tokens.editor, 'submitEvaluation', id))).toBe('PERIOD_CLOSED');
    expect(await count()).toBe(before);
    // Other years stay open.
    expect((await record(a.tokens.editor, 2024, 'C')).errors).toBeUndefined();
  });
});
