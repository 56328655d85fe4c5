// A closed-loop load driver for what autocannon cannot express: a "request" that is several HTTP
// requests (the report batch sent to a server without batching) and the SQL floor (a pg client loop).
// `connections` loops run concurrently for `durationMs`; each records the latency of every iteration.
import http from 'node:http';

export async function runLoop({ connections, durationMs, makeWorker }) {
  const latencies = [];
  const end = performance.now() + durationMs;
  let errors = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      const worker = await makeWorker();
      try {
        while (performance.now() < end) {
          const t = performance.now();
          try {
            await worker.run();
            latencies.push(performance.now() - t);
          } catch {
            errors += 1;
          }
        }
      } finally {
        await worker.close?.();
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p) =>
    latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] : null;
  return {
    total: latencies.length,
    errors,
    rps: latencies.length / elapsed,
    p50: pct(50),
    p99: pct(99),
    mean: latencies.reduce((a, b) => a + b, 0) / (latencies.length || 1),
  };
}

/** POSTs JSON bodies over one keep-alive connection (a worker of runLoop). */
export function httpWorker(url, bodies) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const u = new URL(url);
  const post = (body) =>
    new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: u.hostname,
          port: u.port,
          path: u.pathname,
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`))));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  return {
    async run() {
      for (const body of bodies) await post(body); // sequential, as one client on one connection would
    },
    close() {
      agent.destroy();
    },
  };
}
