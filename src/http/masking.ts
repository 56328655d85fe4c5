import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { AppError } from '../domain/errors';
import type { HttpContext } from './context';
import {
  CLIENT_ERROR_CODES,
  INTERNAL_MESSAGE,
  TIMEOUT_MESSAGE,
  UNAVAILABLE_MESSAGE,
  UNSTORABLE_TEXT_MESSAGE,
  classifyFault,
  describeError,
} from './errors';

// Errors at the GraphQL edge: formatError (pure) decides what the client reads; faultPlugin (with the
// request in contextValue) logs what was masked and adds the request id to quote.

interface ValidationErrorLike {
  property?: string;
  constraints?: Record<string, string>;
  children?: ValidationErrorLike[];
}

/** class-validator's messages, flattened: 「first must not be greater than 100」. */
function validationMessages(errors: ValidationErrorLike[], prefix = ''): string[] {
  return errors.flatMap((e) => {
    const path = prefix && e.property ? `${prefix}.${e.property}` : (e.property ?? prefix);
    const own = Object.values(e.constraints ?? {}).map((m) => (prefix ? `${path}: ${m}` : m));
    return [...own, ...validationMessages(e.children ?? [], path)];
  });
}

/** Marks a formatted error that replaced a fault; faultPlugin adds the request id to it (not serialized). */
export const MASKED = Symbol('masked');
export type MaskedError = GraphQLFormattedError & { [MASKED]?: true };

/** Apollo's own request errors that carry no code: client input, not faults. */
const APOLLO_REQUEST_ERRORS: Record<string, [string, string]> = {
  'provided sha does not match query': [
    'BAD_USER_INPUT',
    'The persisted query hash (extensions.persistedQuery.sha256Hash) is not the SHA-256 of the query sent with it.',
  ],
  'Unsupported persisted query version': [
    'PERSISTED_QUERY_NOT_SUPPORTED',
    'Unsupported persisted query version: only version 1 (a SHA-256 of the query) is supported.',
  ],
};

/** graphql-js' suggestions ("Did you mean …?"), which name schema members; production removes them. */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/** The error that stands in for an unexpected one, whose original is logged by faultPlugin. */
export function maskedFault(error: unknown): 'unavailable' | 'timeout' | 'input' | 'internal' | null {
  const unwrapped = unwrapResolverError(error);
  if (unwrapped instanceof AppError) return null;
  if (unwrapped instanceof GraphQLError && !unwrapped.originalError && APOLLO_REQUEST_ERRORS[unwrapped.message]) {
    return null;
  }
  const code = unwrapped instanceof GraphQLError ? unwrapped.extensions?.code : undefined;
  if (typeof code === 'string' && CLIENT_ERROR_CODES.has(code)) return null;
  return classifyFault(unwrapped instanceof GraphQLError ? (unwrapped.originalError ?? unwrapped) : unwrapped);
}

/** The original of a masked error, for the log. */
export function originalError(error: unknown): unknown {
  const unwrapped = unwrapResolverError(error);
  return unwrapped instanceof GraphQLError ? (unwrapped.originalError ?? unwrapped) : unwrapped;
}

const FAULT_RESPONSES = {
  unavailable: [UNAVAILABLE_MESSAGE, 'SERVICE_UNAVAILABLE'],
  timeout: [TIMEOUT_MESSAGE, 'TIMEOUT'],
  input: [UNSTORABLE_TEXT_MESSAGE, 'BAD_USER_INPUT'],
  internal: [INTERNAL_MESSAGE, 'INTERNAL_SERVER_ERROR'],
} as const;

/**
 * Apollo's formatError: AppErrors and client errors pass through (argument validation gets a readable
 * message; production drops "Did you mean" hints), every other error is replaced by a generic message of
 * its kind. Pure: logging the original and adding the request id are faultPlugin's (it has the context).
 */
export function createFormatError(production: boolean) {
  const clean = (message: string) => (production ? message.replace(SUGGESTION, '') : message);
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const app = unwrapResolverError(error);
    const { locations, path } = formatted;
    if (app instanceof AppError) {
      return { message: app.message, locations, path, extensions: { ...app.details, code: app.code } };
    }
    const known = app instanceof GraphQLError && !app.originalError ? APOLLO_REQUEST_ERRORS[app.message] : undefined;
    if (known) return { message: known[1], locations, path, extensions: { code: known[0] } };
    const fault = maskedFault(error);
    if (fault === null) {
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      const validationErrors = extensions.validationErrors as ValidationErrorLike[] | undefined;
      if (extensions.code === 'BAD_USER_INPUT' && Array.isArray(validationErrors) && validationErrors.length > 0) {
        const messages = validationMessages(validationErrors);
        if (messages.length > 0)
          return { ...formatted, message: `Invalid argument: ${messages.join('; ')}.`, extensions };
      }
      return { ...formatted, message: clean(formatted.message), extensions };
    }
    const [message, code] = FAULT_RESPONSES[fault];
    const masked: MaskedError = { message, locations, path, extensions: { code } };
    masked[MASKED] = true;
    return masked;
  };
}

/**
 * The other half of formatError: logs the original of every masked error (error level for a bug, warn
 * for the database unavailable or a timeout) and gives the masked errors the request id to quote.
 */
export function faultPlugin(): ApolloServerPlugin<HttpContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          const { request } = contextValue;
          for (const error of errors) {
            const fault = maskedFault(error);
            if (fault === null) continue;
            request.faults.push(fault);
            request.log[fault === 'internal' ? 'error' : 'warn'](
              { requestId: request.requestId, path: error.path, fault, error: describeError(originalError(error)) },
              'unexpected error (masked for the client)',
            );
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          for (const error of (response.body.singleResult.errors ?? []) as MaskedError[]) {
            if (error[MASKED])
              Object.assign(error, { extensions: { ...error.extensions, requestId: contextValue.request.requestId } });
          }
        },
      };
    },
  };
}
