import { buildSchema, type PubSub } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { directFieldResolvers, simplifyPlainFieldResolvers } from './plain-fields';
import { ActualResolver, ActualRevisionResolver } from './resolvers/actual';
import { ApiTokenResolver } from './resolvers/api-token';
import { authChecker } from './auth';
import { FootnoteResolver } from './resolvers/footnote';
import { MutationResolver } from './resolvers/mutation';
import { rollupResolvers } from './resolvers/rollup';
import { IndicatorResolver, SeriesPointResolver } from './resolvers/indicator';
import { MeasureResolver } from './resolvers/measure';
import { PlanResolver } from './resolvers/plan';
import { PolicyResolver } from './resolvers/policy';
import { ProgressResolver, ProgressSummaryResolver } from './resolvers/progress';
import { ProjectResolver } from './resolvers/project';
import { QueryResolver } from './resolvers/query';
import { reportingResolvers } from './resolvers/reporting';
import { gradingResolvers } from './resolvers/grading';
import { evaluationResolvers } from './resolvers/evaluation';
import { SubscriptionResolver } from './resolvers/subscription';
import { TargetResolver } from './resolvers/target';
import { WebhookResolver } from './resolvers/webhook';

export const resolvers = [
  QueryResolver,
  PlanResolver,
  PolicyResolver,
  MeasureResolver,
  ProjectResolver,
  IndicatorResolver,
  SeriesPointResolver,
  TargetResolver,
  FootnoteResolver,
  ActualResolver,
  ActualRevisionResolver,
  MutationResolver,
  SubscriptionResolver,
  WebhookResolver,
  ApiTokenResolver,
  ...rollupResolvers,
  ProgressResolver,
  ProgressSummaryResolver,
  ...reportingResolvers,
  ...gradingResolvers,
  ...evaluationResolvers,
] as const;

/**
 * type-graphql insists on a PubSub once a schema has subscriptions, even when each one brings its own
 * `subscribe`: ours read the event outbox (services/live.ts), so an in-memory topic is a bug.
 */
const noPubSub: PubSub = {
  publish() {
    throw new Error('Events are written to the outbox (services/events.ts), not published in memory.');
  },
  subscribe() {
    throw new Error('Subscriptions read the event feed (services/live.ts), not in-memory topics.');
  },
};

/**
 * Builds the executable schema. Validation of arguments and inputs (class-validator) is off by
 * default in type-graphql 2: it is turned on here on purpose, with unknown properties refused.
 */
export async function createSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: [...resolvers],
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
    authChecker,
    pubSub: noPubSub,
    validate: { forbidUnknownValues: false, validationError: { target: false, value: false } },
  });
  // Plain fields read without type-graphql's per-call wrapper (see plain-fields.ts).
  simplifyPlainFieldResolvers(schema);
  // Field resolvers with no arguments called without type-graphql's per-call wrapper (same file).
  directFieldResolvers(schema);
  // type-graphql has no decorator for the root type's own description.
  const query = schema.getQueryType();
  if (query) {
    query.description =
      'Read access to every plan: look one up by code, fetch any object by global ID, or list and filter ' +
      'policies, measures, projects, indicators and footnotes across plans.';
  }
  const mutation = schema.getMutationType();
  if (mutation) {
    mutation.description =
      'Writes need a bearer token. Record what was achieved (recordActual, importActuals) and move it through ' +
      'review (submitActual, approveActual, returnActual). Errors carry extensions.code: UNAUTHENTICATED, FORBIDDEN, ' +
      'BAD_USER_INPUT, CONFLICT, NOT_FOUND, PERIOD_CLOSED. Close and reopen fiscal years (closeFiscalYear, ' +
      'reopenFiscalYear) and set reporting deadlines (setReportingDeadline).';
  }
  const subscription = schema.getSubscriptionType();
  if (subscription) {
    subscription.description =
      'Live updates over WebSocket (graphql-ws, subprotocol graphql-transport-ws) at the /graphql URL. Anonymous ' +
      'subscribers receive public events; a token in connection_init ({ authorization: "Bearer …" }) also drafts.';
  }
  return schema;
}
