import { HttpError } from './errors';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks the shape of every member of a batch before any runs (Apollo would refuse a malformed member
 * only after the others had started).
 */
export function checkBatchShape(body: unknown[]): void {
  body.forEach((member, i) => {
    const ok =
      isObject(member) &&
      (member.query === undefined || typeof member.query === 'string') &&
      (member.operationName === undefined ||
        member.operationName === null ||
        typeof member.operationName === 'string') &&
      (member.variables === undefined || member.variables === null || isObject(member.variables)) &&
      (member.extensions === undefined || member.extensions === null || isObject(member.extensions));
    if (!ok) {
      throw new HttpError(
        400,
        `Batch member ${i} is not a GraphQL request: an object with a string query and optional operationName, variables and extensions objects.`,
      );
    }
  });
}
