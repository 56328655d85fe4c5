import { parse } from 'csv-parse/sync';
import { startTestApp, type TestApp } from '../support/app';
import { setUpActuals, type Actuals } from '../support/actuals';

// Who sees unapproved data, on every read path: regression tests for three places that used to disagree.

let app: TestApp;
let a: Actuals;

beforeAll(async () => {
  app = await startTestApp();
  a = await setUpActuals(app);
});
afterAll(async () => {
  await app?.close();
});

const NODE_FOOTNOTE = `query($id: ID!) { node(id: $id) { id ... on Footnote { text } } }`;
const FOOTNOTES_OF = `query($id: ID!) { node(id: $id) { ... on Actual {
  footnotes { id text } history { revision action footnotes { id text } } } } }`;

interface FootnotesOf {
  node: { footnotes: { id: string; text: string }[]; history: { footnotes: { id: string; text: string }[] }[] };
}

describe('footnotes of actual revisions', () => {
  it('keeps a footnote of a returned, never approved revision private after a later revision is approved', async () => {
    const rec = await a.record(a.tokens.editor, 'ツイッターの投稿回数', 2022, '1,200回', {
      footnotes: [{ text: '下書きの注記（公開されない）' }],
    });
    const id = rec.data!.recordActual.id;
    const drafted = await app.gqlAs<FootnotesOf>(a.tokens.editor, FOOTNOTES_OF, { id });
    const secret = drafted.data!.node.footnotes[0];
    expect(secret.text).toBe('下書きの注記（公開されない）');

    expect((await a.move(a.tokens.editor, 'submitActual', id)).errors).toBeUndefined();
    expect((await a.move(a.tokens.approver, 'returnActual', id, '数値を確認してください')).errors).toBeUndefined();
    const again = await a.record(a.tokens.editor, 'ツイッターの投稿回数', 2022, '1,250回', {
      expectedRevision: 3,
      footnotes: [{ text: '承認された注記' }],
    });
    expect(again.errors).toBeUndefined();
    await a.move(a.tokens.editor, 'submitActual', id);
    const approved = await a.move(a.tokens.approver, 'approveActual', id);
    expect(approved.data!.approveActual).toMatchObject({ status: 'APPROVED', approvedRevision: 6 });

    // The public: the returned draft's footnote does not exist; the approved value's footnote does.
    const hidden = await app.gql<{ node: unknown }>(NODE_FOOTNOTE, { id: secret.id });
    expect(hidden.errors).toBeUndefined();
    expect(hidden.data!.node).toBeNull();
    const shown = await app.gql<FootnotesOf>(FOOTNOTES_OF, { id });
    const publicFootnote = shown.data!.node.footnotes[0];
    expect(publicFootnote.text).toBe('承認された注記');
    expect((await app.gql<{ node: unknown }>(NODE_FOOTNOTE, { id: publicFootnote.id })).data!.node).toMatchObject({
      text: '承認された注記',
    });
    const texts = shown.data!.node.history.flatMap((h) => h.footnotes.map((f) => f.text));
    expect(texts).not.toContain('下書きの注記（公開されない）');

    // A token holder sees both.
    const editor = await app.gqlAs<{ node: unknown }>(a.tokens.editor, NODE_FOOTNOTE, { id: secret.id });
    expect(editor.data!.node).toMatchObject({ text: '下書きの注記（公開されない）' });
  });
});

describe('exportActuals', () => {
  it('gives the public the approved revision as expected_revision, not the number of a newer draft', async () => {
    const approved = await a.approved('ホームページ訪問回数 (月平均)', 2022, '345,000回');
    const draft = await a.record(a.tokens.editor, 'ホームページ訪問回数 (月平均)', 2022, '350,000回', {
      expectedRevision: approved.revision,
    });
    expect(draft.data!.recordActual.revision).toBe(approved.revision + 1);
    const res = await app.gql<{ exportActuals: string }>(`{ exportActuals(planCode: "arakawa") }`);
    const rows = parse(res.data!.exportActuals, { columns: true }) as Record<string, string>[];
    const row = rows.find((r) => r.indicator_name === 'ホームページ訪問回数 (月平均)' && r.fiscal_year === '2022');
    expect(row).toMatchObject({ value: '345,000回', expected_revision: String(approved.revision) });
    expect(res.data!.exportActuals).not.toContain(`,${approved.revision + 1}\r\n`);
  });
});

describe('filters and fields agree for a token holder', () => {
  const LIST = `query { indicators(filter: { planCode: "arakawa", status: ACHIEVED, statusYear: 2023 }, first: 100) {
    totalCount nodes { name progress(fiscalYear: 2023) { status } } } }`;
  const NESTED = `query { measures(filter: { planCode: "arakawa", search: "健全な財政運営" }) { nodes {
    outcomeIndicators(filter: { status: ACHIEVED, statusYear: 2023 }) { name progress(fiscalYear: 2023) { status } } } } }`;
  const HAS_ACTUAL = `query { indicators(filter: { planCode: "arakawa", hasActual: true, fiscalYear: 2023 }, first: 100) {
    nodes { name } } }`;

  interface Listed {
    name: string;
    progress: { status: string };
  }

  beforeAll(async () => {
    // A draft (never submitted) that would achieve the FY2023 target.
    expect((await a.record(a.tokens.editor, '経常収支比率', 2023, '80.0%')).errors).toBeUndefined();
  });

  it('lists by status only what progress (same default: approved only) says', async () => {
    const res = await app.gqlAs<{ indicators: { nodes: Listed[] } }>(a.tokens.editor, LIST);
    expect(res.errors).toBeUndefined();
    for (const n of res.data!.indicators.nodes) expect(n.progress.status).toBe('ACHIEVED');
    expect(res.data!.indicators.nodes.map((n) => n.name)).not.toContain('経常収支比率');
  });

  it('does the same in nested filtered lists', async () => {
    const res = await app.gqlAs<{ measures: { nodes: { outcomeIndicators: Listed[] }[] } }>(a.tokens.editor, NESTED);
    expect(res.errors).toBeUndefined();
    const listed = res.data!.measures.nodes.flatMap((m) => m.outcomeIndicators);
    for (const n of listed) expect(n.progress.status).toBe('ACHIEVED');
    expect(listed.map((n) => n.name)).not.toContain('経常収支比率');
  });

  it('counts approved actuals only for hasActual, as documented, with or without a token', async () => {
    const withToken = await app.gqlAs<{ indicators: { nodes: { name: string }[] } }>(a.tokens.editor, HAS_ACTUAL);
    const anonymous = await app.gql<{ indicators: { nodes: { name: string }[] } }>(HAS_ACTUAL);
    expect(withToken.data!.indicators.nodes.map((n) => n.name)).not.toContain('経常収支比率');
    expect(withToken.data).toEqual(anonymous.data);
  });

  it('still shows a token holder the draft where the field has no includeDrafts (actuals)', async () => {
    const res = await app.gqlAs<{ indicators: { nodes: { actuals: { status: string }[] }[] } }>(
      a.tokens.editor,
      `query { indicators(filter: { planCode: "arakawa", search: "経常収支比率" }) { nodes {
        actuals(fiscalYears: [2023]) { status } progress(fiscalYear: 2023, includeDrafts: true) { status } } } }`,
    );
    expect(res.data!.indicators.nodes[0]).toEqual({ actuals: [{ status: 'DRAFT' }], progress: { status: 'ACHIEVED' } });
  });
});
