import { createToken, revokeToken } from '../../src/services/auth';
import type { GqlResponse, TestApp } from './app';

// Helpers of the progress-tracking tests: tokens of every role, and recording actuals over HTTP.

export type TokenName = 'editor' | 'editor2' | 'scoped' | 'approver' | 'approver2' | 'admin' | 'revoked';

export const RECORD = `mutation($input: RecordActualInput!) { recordActual(input: $input) {
  id status revision approvedRevision recordedBy value { raw kind number unit text } note
  history { revision action status actor recordedBy reason value { raw } } footnotes { marker text category } } }`;

export function moveMutation(name: string): string {
  const ret = name === 'returnActual';
  return `mutation($id: ID!${ret ? ', $reason: String!' : ''}) { ${name}(id: $id${ret ? ', reason: $reason' : ''}) {
    id status revision approvedRevision history { action status actor reason } } }`;
}

export interface ActualOut {
  id: string;
  status: string;
  revision: number;
  approvedRevision: number | null;
  recordedBy: string;
  value: { raw: string; kind: string; number: number | null; unit: string | null; text: string | null };
  note: string | null;
  history: {
    revision: number;
    action: string;
    status: string;
    actor: string;
    recordedBy: string;
    reason: string | null;
    value: { raw: string };
  }[];
  footnotes: { marker: string; text: string; category: string }[];
}

export function code(res: GqlResponse<unknown>): string | undefined {
  return res.errors?.[0]?.extensions?.code;
}

export interface Actuals {
  tokens: Record<TokenName, string>;
  indicatorId(name: string): Promise<string>;
  record(
    token: string,
    name: string,
    fiscalYear: number,
    value: string,
    extra?: Record<string, unknown>,
  ): Promise<GqlResponse<{ recordActual: ActualOut }>>;
  move(
    token: string,
    mutation: 'submitActual' | 'approveActual' | 'returnActual',
    id: string,
    reason?: string,
  ): Promise<GqlResponse<Record<string, ActualOut>>>;
  /** Records (editor), submits (editor) and approves (approver) a value. */
  approved(name: string, fiscalYear: number, value: string): Promise<ActualOut>;
  revisionCount(): Promise<number>;
}

/** Creates a token of every role (one editor limited to 健全な財政運営, one revoked) on the app's database. */
export async function setUpActuals(app: TestApp): Promise<Actuals> {
  const ds = app.db.dataSource;
  const [zaisei] = (await ds.query(`SELECT id FROM measure WHERE title = '健全な財政運営'`)) as { id: number }[];
  const revoked = await createToken(ds, { role: 'admin', name: 'old-admin' });
  await revokeToken(ds, revoked.id);
  const tokens: Record<TokenName, string> = {
    editor: (await createToken(ds, { role: 'editor', name: 'editor-a' })).token,
    editor2: (await createToken(ds, { role: 'editor', name: 'editor-b' })).token,
    scoped: (await createToken(ds, { role: 'editor', name: 'editor-zaisei', measureIds: [zaisei.id] })).token,
    approver: (await createToken(ds, { role: 'approver', name: 'approver-a' })).token,
    approver2: (await createToken(ds, { role: 'approver', name: 'approver-b' })).token,
    admin: (await createToken(ds, { role: 'admin', name: 'admin-a' })).token,
    revoked: revoked.token,
  };
  const ids = new Map<string, string>();
  const same = (a: string, b: string) =>
    a.normalize('NFKC').replace(/\s/g, '') === b.normalize('NFKC').replace(/\s/g, '');
  const indicatorId = async (name: string): Promise<string> => {
    const known = ids.get(name);
    if (known) return known;
    const res = await app.gql<{ indicators: { nodes: { id: string; name: string }[] } }>(
      'query($s: String!) { indicators(filter: { planCode: "arakawa", search: $s }) { nodes { id name } } }',
      { s: name },
    );
    const found = res.data!.indicators.nodes.filter((n) => same(n.name, name));
    if (found.length !== 1) throw new Error(`indicator ${name}: ${JSON.stringify(res.data)}`);
    ids.set(name, found[0].id);
    return found[0].id;
  };
  const record: Actuals['record'] = async (token, name, fiscalYear, value, extra = {}) =>
    app.gqlAs<{ recordActual: ActualOut }>(token, RECORD, {
      input: { indicatorId: await indicatorId(name), fiscalYear, value, ...extra },
    });
  const move: Actuals['move'] = (token, mutation, id, reason) =>
    app.gqlAs<Record<string, ActualOut>>(token, moveMutation(mutation), { id, reason });
  return {
    tokens,
    indicatorId,
    record,
    move,
    async approved(name, fiscalYear, value) {
      const rec = await record(tokens.editor, name, fiscalYear, value);
      if (rec.errors) throw new Error(JSON.stringify(rec.errors));
      const id = rec.data!.recordActual.id;
      const submitted = await move(tokens.editor, 'submitActual', id);
      if (submitted.errors) throw new Error(JSON.stringify(submitted.errors));
      const ok = await move(tokens.approver, 'approveActual', id);
      if (ok.errors) throw new Error(JSON.stringify(ok.errors));
      return ok.data!.approveActual;
    },
    async revisionCount() {
      const [row] = (await ds.query('SELECT count(*)::int AS n FROM actual_revision')) as { n: number }[];
      return row.n;
    },
  };
}
