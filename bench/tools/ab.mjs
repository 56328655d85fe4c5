#!/usr/bin/env node
// A B A B of our server against itself: several built trees (or node flags) on the same workload, ours alone.
//   node tools/ab.mjs --variant base=/tmp/base --variant new=/work/main[:--max-semi-space-size=32] \
//        [--size S] [--workload 1,4] [--connections 1,10] [--rounds 4] [--duration 5]
// Workload 0 is the trivial request `{ __typename }`: the fixed cost of a request (HTTP, Apollo, our wrapper).
// A variant is name=root, optionally followed by the node binary that runs it after '@' (default: the node
// running ab.mjs; e.g. n22=/work/base@/tmp/node22/bin/node), then node flags after ':' (comma-separated). The
// answers of every variant must be equal (JSON) before anything is timed. Prints medians of req/s and server
// CPU ms/request.
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { databaseUrl, SIZES } from '../lib/load.mjs';
import { cpuMs, memory } from '../lib/proc.mjs';
import { startServer } from '../lib/servers.mjs';
import { WORKLOADS, inlineFragments, workloadParams } from '../lib/workloads.mjs';

const { values: opt } = parseArgs({
  options: {
    variant: { type: 'string', multiple: true },
    size: { type: 'string', default: 'S' },
    workload: { type: 'string', default: '1,4' },
    connections: { type: 'string', default: '1,10' },
    rounds: { type: 'string', default: '4' },
    duration: { type: 'string', default: '5' },
    'port-base': { type: 'string', default: '4800' },
  },
});
const BASE_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const variants = opt.variant.map((v) => {
  const [name, rest] = v.split(/=(.*)/s);
  const [where, flags] = rest.split(/:(.*)/s);
  const [root, node] = where.split(/@(.*)/s);
  return { name, root, node, nodeArgs: flags ? flags.split(',') : [] };
});
const spec = SIZES[opt.size];
const url = databaseUrl(BASE_URL, spec.db);
const client = new pg.Client({ connectionString: url });
await client.connect();
const params = await workloadParams(client, spec.planCode);
await client.end();

const servers = [];
for (const [i, v] of variants.entries())
  servers.push(
    await startServer('ours', {
      databaseUrl: url,
      port: Number(opt['port-base']) + i,
      nodeArgs: v.nodeArgs,
      root: v.root,
      node: v.node,
    }),
  );
try {
  for (const w of opt.workload.split(',').map(Number)) {
    const q = w === 0 ? { query: '{ __typename }' } : WORKLOADS[w].ours(params);
    const body = JSON.stringify(
      Array.isArray(q)
        ? q.map((o) => ({ ...o, query: inlineFragments(o.query) }))
        : { ...q, query: inlineFragments(q.query) },
    );
    const answers = [];
    for (const s of servers) {
      const res = await fetch(s.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      answers.push(await res.text());
    }
    for (const [i, a] of answers.entries()) {
      if (a !== answers[0]) throw new Error(`W${w}: ${variants[i].name} answers differently from ${variants[0].name}`);
      if (a.includes('"errors"')) throw new Error(`W${w}: ${variants[i].name}: ${a.slice(0, 400)}`);
    }
    for (const s of servers)
      await autocannon({
        url: s.url,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        connections: 10,
        duration: 2,
      });
    for (const c of opt.connections.split(',').map(Number)) {
      const runs = variants.map(() => []);
      for (let r = 0; r < Number(opt.rounds); r += 1) {
        const order = r % 2 === 0 ? servers.map((_, i) => i) : servers.map((_, i) => i).reverse();
        for (const i of order) {
          const cpu0 = cpuMs(servers[i].pid);
          const res = await autocannon({
            url: servers[i].url,
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body,
            connections: c,
            duration: Number(opt.duration),
          });
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
          `W${w}@${opt.size} c=${c} ${v.name.padEnd(12)} req/s ${median(runs[i].map((x) => x.rps))
            .toFixed(1)
            .padStart(7)} ` +
            `[${runs[i].map((x) => x.rps.toFixed(0)).join(' ')}]  CPU ms/req ${median(runs[i].map((x) => x.cpu)).toFixed(2)}  peak ${memory(servers[i].pid).peakMb} MB`,
        );
    }
  }
} finally {
  for (const s of servers) await s.stop();
}
