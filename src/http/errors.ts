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
