import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import {
  getVariableValues,
  GraphQLError,
  isAbstractType,
  printSchema,
  type ExecutionResult,
  type GraphQLSchema,
  type GraphQLTypeResolver,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

/** How many compiled operations are kept (least recently used first out). */
export const COMPILED_CACHE_SIZE = 500;

/**
 * type-graphql wraps every `resolveType` in an async function, which graphql-jit does not accept.
 * Our only abstract type is `Node`, whose values name their type (`nodeType`, src/entities/node.ts);
 * replace the wrapper by that synchronous lookup on every abstract type of the built schema.
 */
export function synchronousResolveType(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isAbstractType(type)) continue;
    const sync: GraphQLTypeResolver<unknown, unknown> = (value) => {
      const v = value as { nodeType?: unknown; __typename?: unknown } | null;
      const name = v?.nodeType ?? v?.__typename;
      return typeof name === 'string' ? name : undefined;
    };
    type.resolveType = sync;
  }
  return schema;
}

/**
 * graphql-jit reports errors with its own GraphQLError class; masking (and Apollo's
 * unwrapResolverError) recognise graphql-js' class, so rebuild each one with the same fields.
 */
function asGraphqlJsError(error: GraphQLError): GraphQLError {
  if (Object.getPrototypeOf(error) === GraphQLError.prototype) return error;
  const copy = new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError ?? undefined,
    extensions: error.extensions,
  });
  (copy as { locations?: GraphQLError['locations'] }).locations = error.locations;
  return copy;
}

/** A bounded map that forgets the least recently used entry. */
class Lru<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(key: string): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }
  set(key: string, value: V): void {
    this.map.set(key, value);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
  }
}

/**
 * Apollo Server's gateway interface used for one thing: execute each operation with graphql-jit,
 * compiled once per document + operation name. Parsing, validation, limits, plugins and error
 * formatting stay Apollo's; only `execute` changes.
 */
export function compiledGateway(schema: GraphQLSchema, cacheSize = COMPILED_CACHE_SIZE): GatewayInterface {
  synchronousResolveType(schema);
  const cache = new Lru<CompiledQuery | ExecutionResult>(cacheSize);
  const executor: GatewayExecutor = async (requestContext) => {
    const { document, operation, operationName, queryHash, request, context } = requestContext;
    if (!operation) {
      // No operation of that name (or several and no name): graphql-js' request error, which Apollo answers as
      // OPERATION_RESOLUTION_FAILURE (400). graphql-jit would compile some operation and answer without errors.
      const asked = request.operationName;
      const message = asked
        ? `Unknown operation named "${asked}".`
        : 'Must provide operation name if query contains multiple operations.';
      return { errors: [new GraphQLError(message)] };
    }
    const key = `${queryHash}\u0000${operationName ?? ''}`;
    let compiled = cache.get(key);
    if (!compiled) {
      compiled = compileQuery(schema, document, operationName ?? undefined);
      cache.set(key, compiled);
    }
    if (!isCompiledQuery(compiled)) return compiled;
    const variables = request.variables ?? {};
    const result = await compiled.query(undefined, context, variables);
    if (result.errors && !('data' in result) && operation.variableDefinitions?.length) {
      // Variables that do not coerce: graphql-js' errors name the variable's node (Apollo then answers
      // BAD_USER_INPUT with status 400) and carry its "Did you mean" hints; graphql-jit's carry neither.
      const coerced = getVariableValues(schema, operation.variableDefinitions, variables);
      if (coerced.errors) return { errors: coerced.errors };
    }
    if (result.errors) return { ...result, errors: result.errors.map(asGraphqlJsError) };
    return result;
  };
  let sdl: string | undefined;
  return {
    onSchemaLoadOrUpdate(callback) {
      sdl ??= printSchema(schema);
      callback({ apiSchema: schema, coreSupergraphSdl: sdl });
      return () => {};
    },
    load: async () => ({ schema, executor }),
    stop: async () => {},
  };
}
