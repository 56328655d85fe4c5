import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from '../logger';
import { compiledGateway } from './compiled';
import { minimumChargePlugin, rateLimitCharge } from './charge';
import type { HttpContext } from './context';
import { createFormatError, faultPlugin } from './masking';
import { costLimitPlugin, limitRules, type OperationLimits } from './limits';
import {
  cacheHintPlugin,
  noSubscriptionsPlugin,
  operationNamePlugin,
  statementCountPlugin,
  unavailableStatusPlugin,
} from './plugins';
import type { RateLimits } from './rate-limit';

/** max-age (seconds) of cacheable responses: anonymous queries of plan data. */
export const PUBLIC_MAX_AGE = 60;

export interface ApolloOptions {
  schema: GraphQLSchema;
  production: boolean;
  limits: OperationLimits;
  rateLimits?: RateLimits;
  log: Logger;
  exposeStatementCount: boolean;
}

/** The Apollo server: limits, masking, rate-limit charges, and cache headers, as plugins. */
export async function createApollo(options: ApolloOptions): Promise<ApolloServer<HttpContext>> {
  const { schema, production, limits, rateLimits, log } = options;
  const plugins: ApolloServerPlugin<HttpContext>[] = [
    operationNamePlugin(),
    faultPlugin(),
    noSubscriptionsPlugin(),
    costLimitPlugin<HttpContext>(schema, limits.cost, rateLimits && rateLimitCharge(rateLimits)),
    // Apollo's own cache-control plugin wraps every resolver (measured in docs/benchmarks.md); our
    // schema has no per-field hints, so cacheHintPlugin sets the same header from the operation alone.
    ApolloServerPluginCacheControlDisabled(),
    cacheHintPlugin(PUBLIC_MAX_AGE),
    unavailableStatusPlugin(),
    // The explorer (GraphiQL, served offline) and the production page: src/http/explorer-page.ts.
    ApolloServerPluginLandingPageDisabled(),
  ];
  if (rateLimits) plugins.push(minimumChargePlugin(rateLimits));
  if (options.exposeStatementCount) plugins.push(statementCountPlugin());

  const apollo = new ApolloServer<HttpContext>({
    // Operations run compiled by graphql-jit (src/http/compiled.ts); Apollo keeps the rest of the pipeline.
    gateway: compiledGateway(schema),
    plugins,
    formatError: createFormatError(production),
    introspection: !production,
    hideSchemaDetailsFromClientErrors: production,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: true,
    csrfPrevention: true,
    validationRules: limitRules(limits),
    parseOptions: { maxTokens: limits.tokens },
    maxRecursiveSelections: limits.recursiveSelections,
    logger: {
      debug: (m) => log.debug(String(m)),
      info: (m) => log.info(String(m)),
      warn: (m) => log.warn(String(m)),
      error: (m) => log.error(String(m)),
    },
    // main.ts owns the process signals and stops the HTTP server before Apollo.
    stopOnTerminationSignals: false,
  });
  await apollo.start();
  return apollo;
}
