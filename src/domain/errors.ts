/**
 * The error codes a client can rely on (`extensions.code`). Services throw AppError with one of them;
 * the GraphQL edge passes AppErrors through unchanged and masks every other error.
 */
export const APP_ERROR_CODES = [
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'SERVICE_UNAVAILABLE',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'PERSISTED_QUERY_NOT_FOUND',
  'RATE_LIMITED',
  'PERIOD_CLOSED',
] as const;

export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

/** An error meant for the client: a code from APP_ERROR_CODES, a sentence, and structured details. */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** The usual refusal of a client's argument. */
export function badInput(message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError('BAD_USER_INPUT', message, details);
}
