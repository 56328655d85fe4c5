import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePlanDocument } from '../../src/import/parse-plan';
import { startTestApp, type TestApp } from '../support/app';
import { code, setUpActuals, type Actuals } from '../support/actuals';

// Reporting status of a plan, policy and measure for a fiscal year: counts that match the document (the
// indicators with a target that year) and the recorded actuals, what the public sees, deadlines, closed.

let app: TestApp;
let a: Actuals;

const seeds = join(__dirname, '..', '..', 'seeds');
const doc = parsePlanDocument(readFileSync(join(seeds, 'arakawa-plan-chapter7.txt'), 'utf8'));
const norm = (s: string) => s.normalize('NFKC').replace(/\s/g, '');

/** Names of the document's indicators with a target (not a baseline estimate) in `year`, optionally of one measure's. */
function withTarget(year: number, measureTitles?: string[]): Set<string> {
  let keys: Set<string> | null = null;
  if (measureTitles) {
    const measures = doc.measures.filter((m) => measureTitles.includes(m.title));
    expect(measures).toHaveLength(measureTitles.length);
    keys = new Set(measures.flatMap((m) => m.indicatorKeys));
    for (const p of doc.projects) {
      if (p.measureKeys.some((k) => measures.some((m) => m.key === k))) p.indicatorKeys.forEach((k) => keys!.add(k));
    }
  }
  return new Set(
    doc.indicators
      .filter((i) => (!keys || keys.has(i.key)) && i.cells.some((c) => c.fiscalYear === year && c.role === 'TARGET'))
      .map((i) => norm(i.name)),
  );
}

const FIELDS = 'indicatorsTotal missing draft submitted approved returned dueDate overdue closed fiscalYear { year }';
const PLAN = `query($year: Int!, $state: ReportingState) { plan(code: "arakawa") { reporting(fiscalYear: $year) {
  ${FIELDS} indicators(state: $state, first: 100) { totalCount nodes { name } } } } }`;
const MEASURES = `query($year: Int!) { plan(code: "arakawa") {
  measures { title reporting(fiscalYear: $year) { ${FIELDS} } }
  policies { number measures { title } reporting(fiscalYear: $year) { ${FIELDS} } } } }`;

interface Status {
  indicatorsTotal: number;
  missing: number | null;
  draft: number | null;
  submitted: number | null;
  approved: number;
  returned: number | null;
  dueDate: string | null;
  overdue: boolean | null;
  closed: boolean;
  indicators?: { totalCount: number; nodes: { name: string }[] } | null;
}

async function planStatus(token: string | null, year: number, state?: string): Promise<Status> {
  const res = token
    ? await app.gqlAs<{ plan: { reporting: Status } }>(token, PLAN, { year, state })
    : await app.gql<{ plan: { reporting: Status } }>(PLAN, { year, state });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!.plan.reporting;
}

// One indicator per state in FY2021 (each has a target that year in the document).
const STATES = {
  draft: '区政に関心がある区民の割合',
  submitted: '経常収支比率',
  approved: '実質公債費比率',
  returned: 'ツイッターの投稿回数',
  /** Approved, then revised: a draft for token holders, approved for the public. */
  revised: 'フェイスブックの投稿回数',
};

beforeAll(async () => {
  app = await startTestApp();
  a = await setUpActuals(app);
});
afterAll(async () => {
  await app?.close();
});

describe('counts', () => {
  const total = withTarget(2021);

  it('start with every indicator with a target missing; the public sees the total and approved only', async () => {
    expect(total.size).toBeGreaterThan(10);
    expect(await planStatus(a.tokens.editor, 2021)).toMatchObject({
      indicatorsTotal: total.size,
      missing: total.size,
      draft: 0,
      submitted: 0,
      approved: 0,
      returned: 0,
      dueDate: null,
      overdue: false,
      closed: false,
    });
    expect(await planStatus(null, 2021)).toMatchObject({
      indicatorsTotal: total.size,
      approved: 0,
      closed: false,
      missing: null,
      draft: null,
      submitted: null,
      returned: null,
      dueDate: null,
      overdue: null,
    });
  });

  it('follow the recorded actuals, state by state', async () => {
    for (const name of Object.values(STATES)) expect(total.has(norm(name))).toBe(true);
    await a.record(a.tokens.editor, STATES.draft, 2021, '55.0%');
    const submitted = await a.record(a.tokens.editor, STATES.submitted, 2021, '90.0%');
    await a.move(a.tokens.editor, 'submitActual', submitted.data!.recordActual.id);
    await a.approved(STATES.approved, 2021, '4.0%');
    const returned = await a.record(a.tokens.editor, STATES.returned, 2021, '1,000回');
    await a.move(a.tokens.editor, 'submitActual', returned.data!.recordActual.id);
    await a.move(a.tokens.approver, 'returnActual', returned.data!.recordActual.id, '出典を確認');
    const revised = await a.approved(STATES.revised, 2021, '700回');
    expect(
      (await a.record(a.tokens.editor, STATES.revised, 2021, '710回', { expectedRevision: revised.revision })).errors,
    ).toBeUndefined();
    // An actual for an indicator without a target that year counts nowhere (and FY2020 is a baseline year).
    await a.record(a.tokens.editor, STATES.draft, 2020, '55.5%');

    const status = await planStatus(a.tokens.editor, 2021);
    expect(status).toMatchObject({
      indicatorsTotal: total.size,
      missing: total.size - 5,
      draft: 2,
      submitted: 1,
      approved: 1,
      returned: 1,
    });
    expect(status.missing! + status.draft! + status.submitted! + status.approved + status.returned!).toBe(total.size);
    // The public counts the approved revisions it sees: the revised actual's approved value too.
    expect(await planStatus(null, 2021)).toMatchObject({ indicatorsTotal: total.size, approved: 2, draft: null });
    expect((await planStatus(a.tokens.editor, 2020)).indicatorsTotal).toBe(0);
  });

  it('list the indicators behind each count; the public only every indicator and the approved ones', async () => {
    const names = async (token: string | null, state?: string) =>
      (await planStatus(token, 2021, state)).indicators?.nodes.map((n) => norm(n.name)) ?? null;
    expect(await names(a.tokens.editor, 'SUBMITTED')).toEqual([norm(STATES.submitted)]);
    expect(await names(a.tokens.editor, 'RETURNED')).toEqual([norm(STATES.returned)]);
    expect(new Set(await names(a.tokens.editor, 'DRAFT'))).toEqual(new Set([STATES.draft, STATES.revised].map(norm)));
    expect(await names(a.tokens.editor, 'APPROVED')).toEqual([norm(STATES.approved)]);
    expect((await names(a.tokens.editor, 'MISSING'))!.length).toBe(total.size - 5);
    expect(new Set(await names(a.tokens.editor))).toEqual(total);
    expect(new Set(await names(null, 'APPROVED'))).toEqual(new Set([STATES.approved, STATES.revised].map(norm)));
    expect(await names(null, 'DRAFT')).toBeNull();
    expect(await names(null, 'MISSING')).toBeNull();
    expect((await planStatus(null, 2021)).indicators!.totalCount).toBe(total.size);
  });

  it('are the same for a measure and a policy as for their indicators in the document', async () => {
    const res = await app.gqlAs<{
      plan: {
        measures: { title: string; reporting: Status }[];
        policies: { number: number; measures: { title: string }[]; reporting: Status }[];
      };
    }>(a.tokens.editor, MEASURES, { year: 2021 });
    expect(res.errors).toBeUndefined();
    for (const m of res.data!.plan.measures) {
      expect([m.title, m.reporting.indicatorsTotal]).toEqual([m.title, withTarget(2021, [m.title]).size]);
    }
    const zaisei = res.data!.plan.measures.find((m) => m.title === '健全な財政運営')!.reporting;
    expect(zaisei).toMatchObject({ submitted: 1, approved: 1, draft: 0, returned: 0 });
    for (const p of res.data!.plan.policies) {
      const expected = withTarget(
        2021,
        p.measures.map((m) => m.title),
      );
      expect([p.number, p.reporting.indicatorsTotal]).toEqual([p.number, expected.size]);
    }
  });

  it('refuses a fiscal year outside the plan', async () => {
    const res = await app.gql(PLAN, { year: 2040 });
    expect(code(res)).toBe('BAD_USER_INPUT');
  });
});

describe('deadlines', () => {
  const SET = `mutation($year: Int!, $due: Date!) {
    setReportingDeadline(planCode: "arakawa", fiscalYear: $year, dueDate: $due) { year dueDate } }`;

  it('are set by admins only', async () => {
    expect(code(await app.gql(SET, { year: 2021, due: '2022-06-30' }))).toBe('UNAUTHENTICATED');
    expect(code(await app.gqlAs(a.tokens.approver, SET, { year: 2021, due: '2022-06-30' }))).toBe('FORBIDDEN');
    const bad = await app.gqlAs(a.tokens.admin, SET, { year: 2021, due: '2022-02-30' });
    expect(code(bad)).toBe('BAD_USER_INPUT');
    expect(code(await app.gqlAs(a.tokens.admin, SET, { year: 1990, due: '2022-06-30' }))).toBe('BAD_USER_INPUT');
  });

  it('make a year overdue once passed while not every indicator is approved; the public sees neither', async () => {
    const set = await app.gqlAs<{ setReportingDeadline: { year: number; dueDate: string } }>(a.tokens.admin, SET, {
      year: 2021,
      due: '2022-06-30',
    });
    expect(set.data!.setReportingDeadline).toEqual({ year: 2021, dueDate: '2022-06-30' });
    expect(await planStatus(a.tokens.editor, 2021)).toMatchObject({ dueDate: '2022-06-30', overdue: true });
    expect(await planStatus(null, 2021)).toMatchObject({ dueDate: null, overdue: null });
    await app.gqlAs(a.tokens.admin, SET, { year: 2021, due: '2999-12-31' });
    expect(await planStatus(a.tokens.editor, 2021)).toMatchObject({ dueDate: '2999-12-31', overdue: false });
  });
});

describe('closed', () => {
  const CLOSE = `mutation($year: Int!, $measureId: ID) {
    closeFiscalYear(planCode: "arakawa", fiscalYear: $year, measureId: $measureId) { year closed } }`;

  it('follows measure-level and plan-wide closings, for the public too', async () => {
    const res = await app.gql<{ plan: { policies: { number: number; measures: { id: string; title: string }[] }[] } }>(
      '{ plan(code: "arakawa") { policies { number measures { id title } } } }',
    );
    const policy = res.data!.plan.policies[0];
    for (const m of policy.measures) {
      expect((await app.gqlAs(a.tokens.approver, CLOSE, { year: 2022, measureId: m.id })).errors).toBeUndefined();
    }
    const after = await app.gql<{
      plan: {
        reporting: Status;
        measures: { title: string; reporting: Status }[];
        policies: { number: number; reporting: Status }[];
      };
    }>(MEASURES.replace('plan(code: "arakawa") {', 'plan(code: "arakawa") { reporting(fiscalYear: $year) { closed }'), {
      year: 2022,
    });
    expect(after.errors).toBeUndefined();
    const closedTitles = policy.measures.map((m) => m.title);
    for (const m of after.data!.plan.measures)
      expect([m.title, m.reporting.closed]).toEqual([m.title, closedTitles.includes(m.title)]);
    for (const p of after.data!.plan.policies)
      expect([p.number, p.reporting.closed]).toEqual([p.number, p.number === policy.number]);
    expect(after.data!.plan.reporting.closed).toBe(false);

    expect((await app.gqlAs(a.tokens.admin, CLOSE, { year: 2022 })).errors).toBeUndefined();
    expect((await planStatus(null, 2022)).closed).toBe(true);
    expect((await planStatus(a.tokens.editor, 2021)).closed).toBe(false);
  });
});
