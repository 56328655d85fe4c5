import { fromGlobalId } from 'graphql-relay';
import { AppError } from '../domain/errors';
import { nodeTypes, type NodeType } from '../entities/node';

export interface ParsedGlobalId {
  type: NodeType;
  id: number;
}

function isNodeType(type: string): type is NodeType {
  return (nodeTypes as readonly string[]).includes(type);
}

/** Decodes a global ID; a malformed one (or one of another type than `expected`) is a BAD_USER_INPUT. */
export function parseGlobalId(globalId: string, expected?: NodeType): ParsedGlobalId {
  let decoded: { type: string; id: string } | undefined;
  try {
    decoded = fromGlobalId(globalId);
  } catch {
    decoded = undefined;
  }
  const id = decoded ? Number(decoded.id) : NaN;
  // Ids are PostgreSQL integers: a larger one names nothing (and would be an out-of-range error in SQL).
  if (
    !decoded ||
    !isNodeType(decoded.type) ||
    !/^[0-9]+$/.test(decoded.id) ||
    !Number.isSafeInteger(id) ||
    id > 2_147_483_647
  ) {
    throw new AppError('BAD_USER_INPUT', `"${globalId}" is not a valid ID: use an \`id\` returned by this API.`, {
      argument: 'id',
    });
  }
  if (expected && decoded.type !== expected) {
    throw new AppError('BAD_USER_INPUT', `"${globalId}" is the ID of a ${decoded.type}, not of a ${expected}.`, {
      argument: 'id',
    });
  }
  return { type: decoded.type, id };
}
