import { AppError, type AppErrorCode } from '../domain/errors';

/** The error codes clients can rely on (in `extensions.code`). */
export type ErrorCode = AppErrorCode;

export function userError(code: ErrorCode, message: string, extra: Record<string, unknown> = {}): AppError {
  return new AppError(code, message, extra);
}

export function badInput(message: string, extra: Record<string, unknown> = {}): AppError {
  return new AppError('BAD_USER_INPUT', message, extra);
}
