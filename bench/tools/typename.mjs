#!/usr/bin/env node
// `{ __typename }` (the fixed cost of a request) on several node binaries, measured as ab.mjs measures (ours alone,
// A B A B, server CPU ms/request from /proc). Until ab.mjs takes a query of its own:
//   node tools/typename.mjs --variant n20=/work/base --variant n24=/work/base@/tmp/node24/bin/node[:flags] \
//        [--connections 1,10] [--rounds 3] [--duration 4] [--port-base 4860]
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { databaseUrl, SIZES } from '../lib/load.mjs';
import { cpuMs, memory } from '../lib/proc.mjs';
import { startServer } from '../lib/servers.mjs';

const { values: opt } = parseArgs({
  options: {
    variant: { type: 'string', multiple: true },
    connections: { type: 'string', default: '1,10' },
    rounds: { type: 'string', default: '3' },
    duration: { type: 'string', default: '4' },
    'port-base': { type: 'string', default: '4860' },
  },
});
const variants = opt.variant.map((v) => {
  const [name, rest] = v.split(/=(.*)/s);
  const [where, flags] = rest.split(/:(.*)/s);
  const [root, node] = where.split(/@(.*)/s);
  return { name, root, node, nodeArgs: flags ? flags.split(',') : [] };
});
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const url = databaseUrl(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres', SIZES.S.db);
const body = JSON.stringify({ query: '{ __typename }' });
const post = { method: 'POST', headers: { 'content-type': 'application/json' }, body };
const servers = [];
for (const [i, v] of variants.entries())
  servers.push(
    await startServer('ours', {
      databaseUrl: url,
      port: Number(opt['port-base']) + i,
      root: v.root,
      node: v.node,
      nodeArgs: v.nodeArgs,
    }),
  );
try {
  for (const s of servers) await autocannon({ url: s.url, ...post, connections: 10, duration: 2 });
  for (const c of opt.connections.split(',').map(Number)) {
    const runs = variants.map(() => []);
    for (let r = 0; r < Number(opt.rounds); r += 1) {
      const order = r % 2 === 0 ? servers.map((_, i) => i) : servers.map((_, i) => i).reverse();
      for (const i of order) {
        const cpu0 = cpuMs(servers[i].pid);
        const res = await autocannon({ url: servers[i].url, ...post, connections: c, duration: Number(opt.duration) });
        if (res.non2xx || res.errors)
          throw new Error(`${variants[i].name}: ${res.non2xx} non-2xx, ${res.errors} errors`);
        runs[i].push({
          rps: res.requests.total / res.duration,
          cpu: (cpuMs(servers[i].pid) - cpu0) / res.requests.total,
        });
      }
    }
    for (const [i, v] of variants.entries())
      console.log(
        `typename c=${c} ${v.name.padEnd(12)} req/s ${median(runs[i].map((x) => x.rps)).toFixed(0)} ` +
          `[${runs[i].map((x) => x.rps.toFixed(0)).join(' ')}]  CPU ms/req ${median(runs[i].map((x) => x.cpu)).toFixed(3)}  ` +
          `peak ${memory(servers[i].pid).peakMb} MB`,
      );
  }
} finally {
  for (const s of servers) await s.stop();
}
