// PostGraphile v5 (Amber preset + connection-filter with relation filters) over the same database,
// as the read-only role. Started by the harness: node --require ./with-resolvers.cjs postgraphile.mjs
// Env: DATABASE_URL (the read-only role's URL), PORT, HOST.
import { createServer } from 'node:http';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { PostGraphileConnectionFilterPreset } from 'postgraphile-plugin-connection-filter';

const port = Number(process.env.PORT ?? 5678);
const host = process.env.HOST ?? '127.0.0.1';

const preset = {
  extends: [PostGraphileAmberPreset, PostGraphileConnectionFilterPreset],
  pgServices: [
    makePgService({ connectionString: process.env.DATABASE_URL, schemas: ['public'], poolConfig: { max: 10 } }),
  ],
  // The plan tables reference parents through (id, plan_id); those composite foreign keys have no index
  // of their own (the project's indexes lead with the id), and PostGraphile hides relations, orderings and
  // conditions without an index. Indexes on id alone serve every one of them, so the behaviour is disabled.
  disablePlugins: ['PgIndexBehaviorsPlugin'],
  schema: { connectionFilterRelations: true },
  grafserv: { port, host, graphqlPath: '/graphql', graphiql: false, watch: false },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
server.on('error', (e) => {
  console.error(e);
  process.exit(1);
});
serv.addTo(server).catch((e) => {
  console.error(e);
  process.exit(1);
});
server.listen(port, host, () => console.log(`postgraphile listening on http://${host}:${port}/graphql`));
const stop = () => {
  server.close();
  server.closeAllConnections?.();
  pgl.release().finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
