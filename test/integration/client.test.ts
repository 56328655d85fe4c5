import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { GENERATED_DIR, ROOT } from '../../clients/typescript/codegen-config';
import {
  CovidCellsDocument,
  GraphQLRequestError,
  IndicatorByNameDocument,
  request,
  type IndicatorByNameQuery,
} from '../../clients/typescript/src';
import { startTestApp, type TestApp } from '../support/app';

const CONFIG = join(ROOT, 'clients', 'typescript', 'codegen.ts');

function files(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
}

describe('typed client (clients/typescript)', () => {
  it('is generated from schema/ as checked in (run `npm run codegen` after changing the schema or operations)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plangraph-codegen-'));
    try {
      execFileSync(process.execPath, [join(ROOT, 'node_modules', '.bin', 'graphql-codegen'), '--config', CONFIG], {
        cwd: ROOT,
        env: { ...process.env, PLANGRAPH_CODEGEN_OUT: dir },
        stdio: 'pipe',
      });
      const fresh = files(dir);
      expect(Object.keys(fresh).sort()).toEqual(['gql.ts', 'graphql.ts', 'index.ts']);
      expect(files(GENERATED_DIR)).toEqual(fresh);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('typechecks as a package of its own (DOM lib, no Node types)', () => {
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    expect(() =>
      execFileSync(process.execPath, [tsc, '--noEmit', '-p', join(ROOT, 'clients', 'typescript', 'tsconfig.json')], {
        stdio: 'pipe',
      }),
    ).not.toThrow();
  });

  it('types the variables (checked by `npm run typecheck`, never run)', () => {
    const misuse = () => {
      // @ts-expect-error `search` is required by IndicatorByName
      void request('http://127.0.0.1:1/graphql', IndicatorByNameDocument, { planCode: 'arakawa' });
      // @ts-expect-error `year` is an Int
      void request('http://127.0.0.1:1/graphql', CovidCellsDocument, { planCode: 'arakawa', year: '2021' });
    };
    expect(typeof misuse).toBe('function');
  });

  describe('request() against the real server', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp();
    });
    afterAll(() => app.close());

    it('runs the indicator-by-name operation with typed variables and result', async () => {
      const data: IndicatorByNameQuery = await request(app.url, IndicatorByNameDocument, {
        planCode: 'arakawa',
        search: '経常収支比率',
      });
      expect(data.indicators.totalCount).toBeGreaterThan(0);
      const [indicator] = data.indicators.nodes;
      expect(indicator.name).toContain('経常収支比率');
      expect(indicator.direction).toBe('DECREASE');
      expect(indicator.targets.length).toBeGreaterThan(0);
      expect(typeof indicator.targets[0].fiscalYear.year).toBe('number');
    });

    it('throws GraphQLRequestError with the typed code when the server refuses', async () => {
      // An Int beyond 32 bits passes TypeScript's `number` but not GraphQL's Int.
      const refused = request(app.url, CovidCellsDocument, { planCode: 'arakawa', year: 2 ** 40 });
      await expect(refused).rejects.toBeInstanceOf(GraphQLRequestError);
      await expect(refused).rejects.toMatchObject({ code: 'BAD_USER_INPUT', status: 400 });
    });
  });
});
