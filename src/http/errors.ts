import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { HeaderMap } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { AppError } from '../domain/errors';

/** A refusal at the HTTP level (413, 429, 400 …): sent as a GraphQL-shaped error body with that status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string = 'BAD_REQUEST',
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/**
 * Codes whose message is meant for the client and passes through unchanged: the errors the API raises on
 * purpose (src/graphql/errors.ts), Apollo's request errors (syntax, validation, persisted queries, bad
 * requests) and the limits of src/http/limits.ts. Anything else is a fault and is masked.
 */
export const CLIENT_ERROR_CODES = new Set([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
  'SERVICE_UNAVAILABLE',
  'RATE_LIMITED',
]);

export const INTERNAL_MESSAGE = 'Internal server error. Quote the request id when reporting it.';
export const UNAVAILABLE_MESSAGE = 'The database is unavailable; try again in a few seconds.';
export const TIMEOUT_MESSAGE = 'The operation took too long and was cancelled; ask for less data.';
export const UNSTORABLE_TEXT_MESSAGE =
  'A text argument contains a character that cannot be stored or searched (U+0000).';
/** Seconds a client is asked to wait (Retry-After) when the database is unavailable. */
export const UNAVAILABLE_RETRY_AFTER = 5;

/** pg and Node codes and messages that mean the database cannot be reached or dropped the connection. */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);
const UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|not queryable|Query read timeout|Connection ended|connection is closed|Driver not Connected|DataSource is not initialized/i;

/**
 * What kind of fault an unexpected error is: the database unreachable (a connection refused, dropped or
 * shut down, SQLSTATE class 08 or 57P), a statement cancelled by statement_timeout (57014), or anything
 * else (a bug).
 */
export function classifyFault(error: unknown): 'unavailable' | 'timeout' | 'input' | 'internal' {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && typeof current === 'object' && current !== null; depth += 1) {
    const e = current as {
      code?: unknown;
      message?: unknown;
      driverError?: unknown;
      originalError?: unknown;
      cause?: unknown;
      thrownValue?: unknown;
    };
    const code = typeof e.code === 'string' ? e.code : '';
    if (code === '57014') return 'timeout';
    // A text argument PostgreSQL cannot store (a NUL byte): the caller's input, not a fault of ours.
    if (code === '22021' || code === '22P05') return 'input';
    if (UNAVAILABLE_CODES.has(code) || code.startsWith('08') || code.startsWith('57P') || code === '53300') {
      return 'unavailable';
    }
    if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return 'unavailable';
    // graphql-js wraps a thrown non-Error (pg-pool rejects with plain objects) as NonErrorThrown.
    current = e.thrownValue ?? e.driverError ?? e.originalError ?? e.cause;
  }
  return 'internal';
}

/** The error thrown when the request cannot even be authenticated because the database is down. */
export function unavailableError(requestId: string): GraphQLError {
  return new GraphQLError(UNAVAILABLE_MESSAGE, {
    extensions: {
      code: 'SERVICE_UNAVAILABLE',
      requestId,
      http: { status: 503, headers: new HeaderMap([['retry-after', String(UNAVAILABLE_RETRY_AFTER)]]) },
    },
  });
}

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

/** What a log line may say about an error: no bound parameters (they may hold user data). */
export function describeError(error: unknown): Record<string, unknown> {
  const thrown = (error as { thrownValue?: unknown } | null)?.thrownValue;
  if (thrown !== undefined) return describeError(thrown);
  if (!(error instanceof Error)) {
    if (typeof error !== 'object' || error === null) return { message: String(error) };
    const { code, errno, syscall, message } = error as Record<string, unknown>;
    return { type: 'NonError', message, code, errno, syscall };
  }
  const e = error as Error & Record<string, unknown>;
  const driver = (e.driverError ?? {}) as Record<string, unknown>;
  return {
    type: e.constructor.name,
    message: e.message,
    code: e.code ?? driver.code,
    constraint: e.constraint ?? driver.constraint,
    table: e.table ?? driver.table,
    query: typeof e.query === 'string' ? e.query : undefined,
    stack: e.stack,
  };
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
