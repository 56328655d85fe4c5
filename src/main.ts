import 'reflect-metadata';
import { loadConfig } from './config';
import { lockDataDir } from './db/data-dir-lock';
import { openDatabase } from './db/data-source';
import { createSchema } from './graphql/schema';
import { seedBundledPlans } from './import/bundled';
import { ensureAdminToken } from './services/auth';
import { createLogger } from './logger';
import { startServer } from './server';

/** Process entry: configuration, database, bundled plan, server; a graceful stop on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const log = createLogger(config.logLevel);
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
  for (const result of await seedBundledPlans(db.dataSource)) {
    const { counts, warnings } = result;
    log.info(
      { counts, warnings },
      `imported bundled plan ${result.code}: ${counts.measures} measures, ${counts.projects} projects, ` +
        `${counts.indicators} indicators, ${counts.targets} targets, ${counts.footnotes} footnotes, ` +
        `${warnings.length} import warnings (query Plan.importWarnings)`,
    );
  }
  if (process.env.ADMIN_TOKEN) {
    await ensureAdminToken(db.dataSource, process.env.ADMIN_TOKEN);
    log.info('ADMIN_TOKEN registered as an admin token');
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
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
