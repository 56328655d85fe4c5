// Prints the SQL (with bound parameters) our server sends for one workload: node tools/capture-sql.mjs <database> <workload>
// A proxy in front of PostgreSQL decodes Parse/Bind/Query messages of the second (warm) request.
import net from 'node:net';
import { startServer } from '../lib/servers.mjs';
import { WORKLOADS, inlineFragments, workloadParams } from '../lib/workloads.mjs';
import pg from 'pg';
const db = process.argv[2],
  w = Number(process.argv[3]);
const seen = [];
const server = net.createServer((client) => {
  const up = net.connect(5432, '127.0.0.1');
  let buf = Buffer.alloc(0),
    startup = true,
    last = null;
  const named = new Map();
  client.on('data', (chunk) => {
    up.write(chunk);
    buf = Buffer.concat([buf, chunk]);
    for (;;) {
      if (startup) {
        if (buf.length < 8) break;
        const len = buf.readInt32BE(0);
        if (buf.length < len) break;
        const code = buf.readInt32BE(4);
        if (code !== 80877103) startup = false;
        buf = buf.subarray(len);
        continue;
      }
      if (buf.length < 5) break;
      const len = buf.readInt32BE(1);
      if (buf.length < len + 1) break;
      const type = String.fromCharCode(buf[0]);
      const body = buf.subarray(5, len + 1);
      if (type === 'P') {
        const nameEnd = body.indexOf(0);
        const qEnd = body.indexOf(0, nameEnd + 1);
        last = { sql: body.subarray(nameEnd + 1, qEnd).toString() };
        // A named statement (src/db/prepared-client.ts) is parsed once per connection and bound by name after.
        const name = body.subarray(0, nameEnd).toString();
        if (name) named.set(name, last);
      }
      if (type === 'Q') seen.push({ sql: body.subarray(0, body.length - 1).toString() });
      if (type === 'B') {
        let o = body.indexOf(0) + 1;
        const statement = body.subarray(o, body.indexOf(0, o)).toString();
        o = body.indexOf(0, o) + 1;
        const nf = body.readInt16BE(o);
        o += 2 + 2 * nf;
        const np = body.readInt16BE(o);
        o += 2;
        const params = [];
        for (let i = 0; i < np; i++) {
          const l = body.readInt32BE(o);
          o += 4;
          params.push(l < 0 ? null : body.subarray(o, o + l).toString());
          if (l > 0) o += l;
        }
        const parsed = statement ? named.get(statement) : last;
        if (parsed) seen.push({ ...parsed, params });
      }
      buf = buf.subarray(len + 1);
    }
  });
  up.on('data', (c) => client.write(c));
  client.on('error', () => up.destroy());
  up.on('error', () => client.destroy());
  client.on('close', () => up.destroy());
  up.on('close', () => client.destroy());
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const port = server.address().port;
const s = await startServer('ours', { databaseUrl: `postgres://postgres@127.0.0.1:${port}/${db}`, port: 4790 });
const c = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:5432/${db}` });
await c.connect();

const params = await workloadParams(
  c,
  db.endsWith('_s') ? 'arakawa' : db.endsWith('_m') ? 'synthetic-m' : 'synthetic-l',
);
const o = WORKLOADS[w].ours(params);
await fetch(s.url, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ ...o, query: inlineFragments(o.query) }),
});
seen.length = 0;
await fetch(s.url, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ ...o, query: inlineFragments(o.query) }),
});
for (const q of seen) console.log(JSON.stringify(q));
await s.stop();
await c.end();
server.close();
process.exit(0);
