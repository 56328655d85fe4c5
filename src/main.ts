import 'reflect-metadata';
import { createServer } from 'node:net';
import { loadConfig } from './config';
import { lockDataDir, recordServerUrl } from './db/data-dir-lock';
import { openDatabase } from './db/data-source';
import { createSchema } from './graphql/schema';
import { seedBundledPlans } from './import/bundled';
import { ensureAdminToken } from './services/auth';
import { chooseLogFormat, createLogger } from './logger';
import { startServer } from './server';
import { reportFatal, startupMessage } from './startup-errors';

/** The command that prints the first admin token (see src/cli/token.ts). */
const FIRST_TOKEN_HINT =
  'no API token yet: stop the server (Ctrl-C) and run `npm run token -- create --role admin --name <your name>` ' +
  '(it prints the token once), or restart with ADMIN_TOKEN=<16+ characters> npm start. With an admin token in ' +
  'ADMIN_TOKEN, `npm run token` also works while the server runs.';

/** Fails with EADDRINUSE/EACCES now, before a new data folder is created, migrated and seeded. */
async function probePort(port: number, host: string): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
  });
}

let context: { databaseUrl?: string; port?: number; host?: string } = {};

/** Process entry: configuration, database, bundled plan, server; a graceful stop on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  context = { databaseUrl: config.databaseUrl, port: config.port, host: config.host };
  await probePort(config.port, config.host);
  const format = chooseLogFormat({
    isTTY: process.stdout.isTTY === true,
    production: config.production,
    logFormat: process.env.LOG_FORMAT,
  });
  const log = createLogger(config.logLevel, undefined, format);
  const unlock = config.databaseUrl ? () => undefined : lockDataDir(config.dataDir);
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    log: (level, message) => log[level](message),
    statementTimeoutMs: config.statementTimeoutMs,
    connectTimeoutMs: config.connectTimeoutMs,
  });
  log.info(
    config.databaseUrl
      ? 'database: PostgreSQL server from DATABASE_URL, migrations applied'
      : `database: embedded PostgreSQL (PGlite) in ${config.dataDir}, migrations applied`,
  );
  const [{ plans }] = (await db.dataSource.query('SELECT count(*)::int AS plans FROM plan')) as { plans: number }[];
  for (const result of await seedBundledPlans(db.dataSource)) {
    const { counts, warnings } = result;
    // The counts only: the warnings themselves (kilobytes) are in Plan.importWarnings, not on one log line.
    log.info(
      { counts },
      `imported bundled plan ${result.code}: ${counts.measures} measures, ${counts.projects} projects, ` +
        `${counts.indicators} indicators, ${counts.targets} targets, ${counts.footnotes} footnotes, ` +
        `${warnings.length} import warnings (query Plan.importWarnings)`,
    );
  }
  if (process.env.ADMIN_TOKEN) {
    await ensureAdminToken(db.dataSource, process.env.ADMIN_TOKEN);
    log.info('ADMIN_TOKEN registered as an admin token');
  }
  if (plans === 0) {
    const [{ tokens }] = (await db.dataSource.query('SELECT count(*)::int AS tokens FROM api_token')) as {
      tokens: number;
    }[];
    if (tokens === 0) log.info(FIRST_TOKEN_HINT);
  }
  const [example] = (await db.dataSource.query('SELECT code FROM plan ORDER BY id LIMIT 1')) as { code: string }[];
  const server = await startServer({
    schema: await createSchema(),
    db: db.dataSource,
    port: config.port,
    host: config.host,
    production: config.production,
    log,
    readiness: db.readiness,
    rateLimit: {
      perAddress: config.rateLimitPerAddress,
      perToken: config.rateLimitPerToken,
      trustProxyHops: config.trustProxyHops,
    },
    examplePlanCode: example?.code,
    cors: config.corsOrigins,
    pglite: db.pglite,
    webhooks: config.webhooks,
  });
  log.info(
    config.production
      ? `production mode: introspection and the explorer are off; POST {"query": "{ plans { code title } }"} to ${server.url}`
      : `GraphQL explorer: open ${server.url} in a browser (GraphiQL), or POST {"query": "{ plans { code title } }"} to it`,
  );

  if (!config.databaseUrl) recordServerUrl(config.dataDir, server.url);
  // Last, so that whoever waits for "listening on" has every start-up line already.
  log.info(`plangraph is listening on ${server.url}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal} received: no new connections, finishing requests in flight`);
    try {
      await server.stop({ timeoutMs: config.shutdownTimeoutMs });
      log.info('http server stopped');
      // A statement still running holds its connection; the pool gets a few seconds, then the exit closes it.
      const closed = await Promise.race([
        db.close().then(() => true),
        new Promise<false>((resolve) => setTimeout(() => resolve(false), 3_000).unref()),
      ]);
      log.info(closed ? 'database closed' : 'database close timed out; exiting anyway');
    } catch (error) {
      log.error({ error: error instanceof Error ? error.message : String(error) }, 'error while stopping');
    }
    unlock();
    process.exit(0);
  };
  // A stray rejection (a driver callback after the database went away …) is logged; the server keeps serving.
  process.on('unhandledRejection', (reason) => {
    log.error({ error: reason instanceof Error ? reason.stack : String(reason) }, 'unhandled rejection');
  });
  process.on('SIGINT', (s) => void stop(s));
  process.on('SIGTERM', (s) => void stop(s));
}

main().catch((error: unknown) => {
  const line =
    startupMessage(error, context) ??
    `plangraph did not start: ${error instanceof Error ? error.message : String(error)}`;
  process.exit(reportFatal(line, error));
});
