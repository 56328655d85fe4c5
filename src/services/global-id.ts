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
  if (!decoded || !isNodeType(decoded.type) || !/^[0-9]+$/.test(decoded.id) || !Number.isSafeInteger(id)) {
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
