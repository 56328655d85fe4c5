import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePlanDocument } from '../../src/import/parse-plan';
import type { IndicatorOverrides } from '../../src/import/plan-document';

// The fixture was written from the parser as it stood before its state moved into an explicit registry
// (test/unit/__fixtures__/arakawa-parsed.json); any change to what the parser reads shows up here.
const seeds = join(__dirname, '..', '..', 'seeds');
const source = readFileSync(join(seeds, 'arakawa-plan-chapter7.txt'), 'utf8');
const overrides = JSON.parse(readFileSync(join(seeds, 'arakawa-overrides.json'), 'utf8')) as IndicatorOverrides;
const snapshot = JSON.parse(readFileSync(join(__dirname, '__fixtures__', 'arakawa-parsed.json'), 'utf8')) as {
  withOverrides: unknown;
  bare: unknown;
};

describe('parsePlanDocument on the bundled document', () => {
  it('reads exactly the recorded plan, with the curated overrides', () => {
    expect(parsePlanDocument(source, { overrides })).toStrictEqual(snapshot.withOverrides);
  });

  it('reads exactly the recorded plan, without overrides', () => {
    expect(parsePlanDocument(source)).toStrictEqual(snapshot.bare);
  });
});
