import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, valueFromASTUntyped, type OperationDefinitionNode } from 'graphql';
import type { HttpContext } from './context';
import type { CostCharge } from './limits';
import { IMPORT_ROW_UNITS, RateLimited, type RateLimits } from './rate-limit';

/** Rows of the `csv` arguments of importActuals at the root of a mutation (the header line excluded). */
export function importRows(operation: OperationDefinitionNode, variables: Record<string, unknown>): number {
  if (operation.operation !== 'mutation') return 0;
  let rows = 0;
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD || selection.name.value !== 'importActuals') continue;
    const arg = selection.arguments?.find((a) => a.name.value === 'csv');
    const csv = arg ? valueFromASTUntyped(arg.value, variables) : undefined;
    if (typeof csv === 'string') rows += Math.max(0, csv.split(/\r\n|\n|\r/).filter((l) => l.trim() !== '').length - 1);
  }
  return rows;
}

/**
 * The rate-limit charge of an operation within the cost limit: its estimated cost plus IMPORT_ROW_UNITS
 * per imported CSV row, to the token's bucket for a valid token, else to the address's.
 */
export function rateLimitCharge(rateLimits: RateLimits): CostCharge<HttpContext> {
  return async (contextValue, cost, operation, variables) => {
    const { request } = contextValue;
    if (!request.caller) return;
    const bucket = rateLimits.bucket(request.caller, contextValue.viewer.user !== null);
    try {
      await rateLimits.charge(bucket, cost + IMPORT_ROW_UNITS * importRows(operation, variables));
    } catch (error) {
      throw error instanceof RateLimited ? error.toGraphQLError() : error;
    }
  };
}

/** A GraphQL request refused before any operation was resolved (syntax, validation) still costs 1 unit. */
export function minimumChargePlugin(rateLimits: RateLimits): ApolloServerPlugin<HttpContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, operation }) {
          const { request } = contextValue;
          if (request.caller && !operation) {
            await rateLimits.penalize(rateLimits.bucket(request.caller, contextValue.viewer.user !== null), 1);
          }
        },
      };
    },
  };
}
