import { GraphQLError } from 'graphql';

/** The error codes clients can rely on (in `extensions.code`). */
export type ErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'UNAUTHENTICATED' | 'FORBIDDEN';

export function userError(code: ErrorCode, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extra } });
}

export function badInput(message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return userError('BAD_USER_INPUT', message, extra);
}
