import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../graphql/context';
import { UNAVAILABLE_RETRY_AFTER, classifyFault } from './errors';
import { currentRequest } from './request-scope';

/** Adds `extensions.sqlStatements` (statements sent so far for the HTTP request) to every response. */
export function statementCountPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind === 'single') {
            response.body.singleResult.extensions = {
              ...response.body.singleResult.extensions,
              sqlStatements: contextValue.stats.statements,
            };
          }
        },
      };
    },
  };
}

/** Records each operation's name for the request log line. */
export function operationNamePlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operationName }) {
          currentRequest()?.operations.push(operationName ?? null);
        },
      };
    },
  };
}

/**
 * Cache hints on top of Apollo's cache-control plugin (which gives plan data its default max-age): a
 * request with a bearer token may see drafts, and a mutation changes data, so neither is ever cacheable.
 */
export function privateDataPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ request }) {
      const withToken = request.http?.headers.has('authorization') ?? false;
      return {
        async didResolveOperation({ operation, overallCachePolicy }) {
          if (withToken || operation?.operation !== 'query') overallCachePolicy.restrict({ maxAge: 0 });
        },
      };
    },
  };
}

/** A response whose errors come from the database being unreachable is a 503 with Retry-After. */
export function unavailableStatusPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ errors, response }) {
          if (errors?.some((e) => classifyFault(e.originalError ?? e) === 'unavailable')) {
            response.http.status = 503;
            response.http.headers.set('retry-after', String(UNAVAILABLE_RETRY_AFTER));
          }
        },
      };
    },
  };
}
