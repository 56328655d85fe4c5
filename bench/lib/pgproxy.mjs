// A statement counter on the wire: a TCP proxy in front of PostgreSQL that counts the statements a
// server sends (simple-protocol Query 'Q' and extended-protocol Execute 'E' messages) and the bytes it
// gets back. Used only in the check phase (equality + statements per request); timed runs go direct.
// Why not pg_stat_statements: it needs shared_preload_libraries, i.e. a server restart; the harness has to
// work against any PostgreSQL at DATABASE_URL.
import net from 'node:net';

export async function startProxy(upstreamHost, upstreamPort) {
  const stats = { statements: 0, bytesIn: 0 };
  const sockets = new Set();
  const server = net.createServer((client) => {
    const upstream = net.connect(upstreamPort, upstreamHost);
    sockets.add(client);
    sockets.add(upstream);
    let buf = Buffer.alloc(0);
    let startup = true; // the first messages (SSLRequest, StartupMessage) have no type byte
    client.on('data', (chunk) => {
      upstream.write(chunk);
      buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
      for (;;) {
        if (startup) {
          if (buf.length < 8) break;
          const len = buf.readInt32BE(0);
          if (buf.length < len) break;
          const code = buf.readInt32BE(4);
          if (code !== 80877103 && code !== 80877104) startup = false; // not SSL/GSS request: the startup message
          buf = buf.subarray(len);
          continue;
        }
        if (buf.length < 5) break;
        const len = buf.readInt32BE(1);
        if (buf.length < len + 1) break;
        const type = buf[0];
        if (type === 0x51 /* Q */ || type === 0x45 /* E */) stats.statements += 1;
        buf = buf.subarray(len + 1);
      }
    });
    upstream.on('data', (chunk) => {
      stats.bytesIn += chunk.length;
      client.write(chunk);
    });
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    stats,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
