import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import type { HttpContext } from './context';
import { UNAVAILABLE_RETRY_AFTER, classifyFault } from './errors';

/** Adds `extensions.sqlStatements` (statements sent so far for the HTTP request) to every response. */
export function statementCountPlugin(): ApolloServerPlugin<HttpContext> {
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
export function operationNamePlugin(): ApolloServerPlugin<HttpContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operationName, contextValue }) {
          contextValue.request.operations.push(operationName ?? null);
        },
      };
    },
  };
}

/**
 * The response's cache-control header, without Apollo's cache-control plugin (which wraps every resolver
 * to collect per-field hints; our schema has no per-field hints, so every field's hint is the default).
 * Same header as that plugin with `defaultMaxAge: maxAge`: an anonymous query without errors that runs
 * at least one root field of the schema is `max-age=…, public`; anything else — a bearer token (drafts),
 * a mutation, errors, or only `__typename`/introspection at the root — is `no-store`.
 */
export function cacheHintPlugin(maxAge: number): ApolloServerPlugin<HttpContext> {
  return {
    async requestDidStart({ request }) {
      const withToken = request.http?.headers.has('authorization') ?? false;
      return {
        async willSendResponse({ response, operation, document, errors }) {
          const cacheable =
            !withToken &&
            maxAge > 0 &&
            operation?.operation === 'query' &&
            !errors?.length &&
            response.body.kind === 'single' &&
            !response.body.singleResult.errors &&
            document !== undefined &&
            runsSchemaField(operation.selectionSet, document, request.variables ?? {});
          response.http.headers.set('cache-control', cacheable ? `max-age=${maxAge}, public` : 'no-store');
        },
      };
    },
  };
}

/** Whether a root selection executes a field of the schema (not `__typename`, `__schema`, `__type`). */
function runsSchemaField(
  set: SelectionSetNode,
  document: DocumentNode,
  variables: Record<string, unknown>,
  seen = new Set<string>(),
): boolean {
  for (const selection of set.selections) {
    if (!included(selection, variables)) continue;
    if (selection.kind === Kind.FIELD) {
      if (!selection.name.value.startsWith('__')) return true;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (runsSchemaField(selection.selectionSet, document, variables, seen)) return true;
    } else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = document.definitions.find(
        (d): d is FragmentDefinitionNode =>
          d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === selection.name.value,
      );
      if (fragment && runsSchemaField(fragment.selectionSet, document, variables, seen)) return true;
    }
  }
  return false;
}

/** @skip / @include of a selection, with literal or variable conditions. */
function included(selection: SelectionNode, variables: Record<string, unknown>): boolean {
  for (const directive of selection.directives ?? []) {
    const name = directive.name.value;
    if (name !== 'skip' && name !== 'include') continue;
    const arg = directive.arguments?.find((a) => a.name.value === 'if')?.value;
    const value =
      arg?.kind === Kind.BOOLEAN ? arg.value : arg?.kind === Kind.VARIABLE ? variables[arg.name.value] === true : false;
    if (name === 'skip' ? value : !value) return false;
  }
  return true;
}

/** A response whose errors come from the database being unreachable is a 503 with Retry-After. */
export function unavailableStatusPlugin(): ApolloServerPlugin<HttpContext> {
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

/** A subscription over plain HTTP is refused as a bad request: subscriptions are served over WebSocket (graphql-ws). */
export function noSubscriptionsPlugin(): ApolloServerPlugin<HttpContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation === 'subscription') {
            throw new GraphQLError(
              'Subscriptions are not served over HTTP: open a WebSocket to this URL (graphql-ws, subprotocol graphql-transport-ws).',
              {
                extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
              },
            );
          }
        },
      };
    },
  };
}
