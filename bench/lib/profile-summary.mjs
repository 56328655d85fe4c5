// Summarises a V8 .cpuprofile (node --cpu-prof): self time by function and by package.
// node lib/profile-summary.mjs results/profiles/CPU.….cpuprofile [top]
import { readFileSync } from 'node:fs';

export function summarise(path, top = 25) {
  const prof = JSON.parse(readFileSync(path, 'utf8'));
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const total = prof.timeDeltas.reduce((a, b) => a + b, 0) / 1000;
  prof.samples.forEach((id, k) => self.set(id, (self.get(id) ?? 0) + (prof.timeDeltas[k] ?? 0) / 1000));
  const fn = new Map();
  const pkg = new Map();
  for (const [id, ms] of self) {
    const { callFrame: c } = byId.get(id);
    const where = c.url.replace(/^file:\/\//, '');
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(where);
    const group =
      c.functionName === '(idle)'
        ? '(idle)'
        : c.functionName === '(garbage collector)'
          ? '(gc)'
          : m
            ? m[1]
            : where.includes('/dist/')
              ? 'plangraph (dist)'
              : where.startsWith('node:') || where === ''
                ? '(node / native)'
                : where;
    const key = `${c.functionName || '(anonymous)'} ${where.replace(/.*node_modules\//, '').replace(/.*\/dist\//, 'dist/')}:${c.lineNumber + 1}`;
    fn.set(key, (fn.get(key) ?? 0) + ms);
    pkg.set(group, (pkg.get(group) ?? 0) + ms);
  }
  const busy = total - (pkg.get('(idle)') ?? 0);
  const rank = (m) => [...m].sort((a, b) => b[1] - a[1]);
  return {
    totalMs: Math.round(total),
    busyMs: Math.round(busy),
    byPackage: rank(pkg)
      .filter(([k]) => k !== '(idle)')
      .slice(0, 15)
      .map(([k, ms]) => ({ name: k, ms: Math.round(ms), share: +(ms / busy).toFixed(3) })),
    byFunction: rank(fn)
      .filter(([k]) => !k.startsWith('(idle)'))
      .slice(0, top)
      .map(([k, ms]) => ({ name: k, ms: Math.round(ms), share: +(ms / busy).toFixed(3) })),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const s = summarise(process.argv[2], Number(process.argv[3] ?? 25));
  console.log(`total ${s.totalMs} ms, busy ${s.busyMs} ms`);
  console.log('\nself time by package:');
  for (const p of s.byPackage) console.log(`  ${(p.share * 100).toFixed(1).padStart(5)} %  ${p.name}`);
  console.log('\nself time by function:');
  for (const p of s.byFunction) console.log(`  ${(p.share * 100).toFixed(1).padStart(5)} %  ${p.name}`);
}
