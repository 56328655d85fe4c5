import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';

// package.json `engines.node` must be a range every runtime dependency (direct or transitive, as installed)
// supports. One exception is documented in README "Operating" and must stay exactly as documented.

const root = join(__dirname, '..', '..');
const ours = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string } }).engines
  .node;

/** Declares Node ≥ 22.15 but runs on Node 20 (the suite runs on 20); reached via @apollo/server → @graphql-tools/utils 12. */
const DOCUMENTED = { name: '@whatwg-node/promise-helpers', engines: '>=22.15.0' };

function runtimePackages(): { name: string; version: string; node?: string; dir: string }[] {
  const dirs = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: root, encoding: 'utf8' })
    .trim()
    .split('\n')
    .slice(1);
  return [...new Set(dirs)].map((dir) => {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      name: string;
      version: string;
      engines?: { node?: string };
    };
    return { name: pkg.name, version: pkg.version, node: pkg.engines?.node, dir };
  });
}

describe('package.json engines', () => {
  const packages = runtimePackages();

  it('lists the runtime dependencies (a sanity check of the walk)', () => {
    const names = new Set(packages.map((p) => p.name));
    for (const direct of ['typeorm', 'type-graphql', '@apollo/server', 'pino', 'graphql'])
      expect(names).toContain(direct);
  });

  it('is within the Node range of every runtime dependency, but the one documented', () => {
    const outside = packages
      .filter((p) => p.node && !(p.name === DOCUMENTED.name && p.node === DOCUMENTED.engines))
      .filter((p) => !semver.subset(ours, p.node!))
      .map((p) => `${p.name}@${p.version} needs node ${p.node}`);
    expect(outside).toEqual([]);
  });

  it('the documented exception is still there and still what README says', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const found = packages.filter((p) => p.name === DOCUMENTED.name && p.node && !semver.subset(ours, p.node));
    expect(found.map((p) => p.node)).toContain(DOCUMENTED.engines);
    expect(readme).toContain(`${DOCUMENTED.name}`);
    expect(readme).toContain(`\`engines\`: \`${ours}\``);
  });

  it('admits the Node this suite runs on', () => {
    expect(semver.satisfies(process.version, ours)).toBe(true);
  });
});
