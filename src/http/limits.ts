import type { ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  GraphQLError,
  Lexer,
  Source,
  TokenKind,
  parse,
  validate,
  visit,
  getNamedType,
  getNullableType,
  isLeafType,
  isListType,
  type ASTNode,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE } from '../graphql/connection';

/**
 * What one operation may ask for. Calibrated against schema/operations/ (test/integration/limits.test.ts
 * runs every file there through them) and documented in README.md, "Limits and operations".
 */
export interface OperationLimits {
  /** Nesting of selections, fragments included (the whole-plan example is 9 deep). */
  depth: number;
  /** Aliased fields in one operation. */
  aliases: number;
  /** Directives (@include, @skip …) in one operation. */
  directives: number;
  /** Lexical tokens in one document (Apollo's parseOptions.maxTokens). */
  tokens: number;
  /** Selections after expanding fragments (Apollo's maxRecursiveSelections). */
  recursiveSelections: number;
  /** Estimated cost: see estimateCost. */
  cost: number;
  /** Operations in one batched HTTP request (a JSON array). */
  batch: number;
  /** Request body, in bytes. */
  bodyBytes: number;
}

export const DEFAULT_LIMITS: OperationLimits = {
  depth: 12,
  aliases: 30,
  directives: 20,
  tokens: 3_000,
  recursiveSelections: 2_000,
  cost: 100_000,
  batch: 20,
  bodyBytes: 100_000,
};

/** How many items an unpaged list field (Plan.policies, Indicator.targets …) is assumed to hold. */
export const ASSUMED_LIST_SIZE = 5;

/**
 * The cost model: every object a query may return costs 1, scalars are free. A paged field multiplies
 * the cost of what is selected under it by its page size (`first` or `last`; when omitted, the default
 * page size for a connection and ASSUMED_LIST_SIZE for a nested list); an unpaged list by
 * ASSUMED_LIST_SIZE (a connection's edges/nodes are the page itself). Aliases and fragments count every
 * time they are used.
 */
export const costEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  const own = isLeafType(getNamedType(field.type)) ? 0 : 1;
  const paged = field.args.some((a) => a.name === 'first' || a.name === 'last');
  if (paged) {
    // A nested list with `first` returns everything when `first` is omitted: assume its usual size then.
    const unpaged = isListType(getNullableType(field.type)) ? ASSUMED_LIST_SIZE : DEFAULT_PAGE_SIZE;
    const size = typeof args.first === 'number' ? args.first : typeof args.last === 'number' ? args.last : unpaged;
    return own + Math.max(0, size) * childComplexity;
  }
  // A connection's edges and nodes are the page its paged field already counted.
  const pageOfConnection = type.name.endsWith('Connection');
  if (isListType(getNullableType(field.type)) && !pageOfConnection) return ASSUMED_LIST_SIZE * (own + childComplexity);
  return own + childComplexity;
};

const NODE_LIMIT_MESSAGE = 'Query exceeds the maximum allowed number of nodes.';

/**
 * The estimated cost of an operation with its variables; null when the variables do not fit the
 * operation (execution then reports that precisely) .
 */
export function estimateCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined,
): number | null {
  try {
    return getComplexity({
      schema,
      query: document,
      variables: variables ?? {},
      operationName,
      estimators: [costEstimator],
      maxQueryNodes: 10_000,
    });
  } catch (error) {
    if (error instanceof GraphQLError && error.message === NODE_LIMIT_MESSAGE) return Number.POSITIVE_INFINITY;
    return null;
  }
}

function refused(message: string, limit: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit, http: { status: 400 } },
  });
}

/** Reports an armor rule's rejection as a validation error instead of throwing it (a throw would be a 500). */
function reported(limit: string) {
  return (context: ValidationContext | null, error: GraphQLError) => {
    context?.reportError(refused(error.message.replace(/^Syntax Error: /, ''), limit));
  };
}

/** Validation rules for depth, aliases and directives (run by Apollo with the specified rules). */
export function limitRules(limits: OperationLimits): ValidationRule[] {
  return [
    maxDepthRule({ n: limits.depth, propagateOnRejection: false, onReject: [reported('depth')] }),
    maxAliasesRule({ n: limits.aliases, propagateOnRejection: false, onReject: [reported('aliases')] }),
    maxDirectivesRule({ n: limits.directives, propagateOnRejection: false, onReject: [reported('directives')] }),
  ];
}

/** Estimates kept per document (the parsed document Apollo's document store hands back for the same text). */
const COSTS_PER_DOCUMENT = 64;

/**
 * estimateCost, remembered per document: the estimate depends on the variables only through `first`/`last`
 * arguments and directives (@skip/@include), so it is kept per operation name and the values of those
 * variables. An estimate that failed (variables that do not fit: null) is not kept, so such a request is
 * answered by execution as before.
 */
export function cachedCostEstimator(schema: GraphQLSchema) {
  const byDocument = new WeakMap<DocumentNode, { names: string[]; costs: Map<string, number> }>();
  return (
    document: DocumentNode,
    variables: Record<string, unknown> | undefined,
    operationName: string | undefined,
  ): number | null => {
    let entry = byDocument.get(document);
    if (!entry) byDocument.set(document, (entry = { names: costVariables(document), costs: new Map() }));
    let key = operationName ?? '';
    for (const name of entry.names) {
      const value = variables?.[name];
      key += `\u0000${value === undefined ? '' : JSON.stringify(value)}`;
    }
    const known = entry.costs.get(key);
    if (known !== undefined) return known;
    const cost = estimateCost(schema, document, variables, operationName);
    if (cost !== null) {
      if (entry.costs.size >= COSTS_PER_DOCUMENT) entry.costs.clear();
      entry.costs.set(key, cost);
    }
    return cost;
  };
}

/** The variables a cost estimate reads: those used in `first`/`last` arguments or in directive arguments. */
function costVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  const collect = (node: ASTNode): void => {
    visit(node, { Variable: (v) => void names.add(v.name.value) });
  };
  visit(document, {
    Argument(node) {
      if (node.name.value === 'first' || node.name.value === 'last') collect(node.value);
    },
    Directive(node) {
      collect(node);
    },
  });
  return [...names].sort();
}

/** What the cost plugin hands on once an operation is within the cost limit. */
export type CostCharge<C> = (
  contextValue: C,
  cost: number,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
) => Promise<void>;

/**
 * Refuses an operation whose estimated cost is over the limit, before it runs, and hands the cost on to
 * `charge` (the rate limits). A plugin rather than a validation rule because the page sizes may come from
 * variables, which validation does not see.
 */
export function costLimitPlugin<C extends object>(
  schema: GraphQLSchema,
  limit: number,
  charge?: CostCharge<C>,
): ApolloServerPlugin<C> {
  const estimate = cachedCostEstimator(schema);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, operationName, operation, contextValue }) {
          const cost = estimate(document, request.variables, operationName ?? undefined);
          if (cost !== null && cost > limit) {
            throw refused(
              Number.isFinite(cost)
                ? `Query cost ${cost} is over the limit of ${limit}: ask for smaller pages (first) or fewer nested lists.`
                : `Query is too large to estimate (over 10000 selections after fragments); the cost limit is ${limit}.`,
              'cost',
            );
          }
          if (operation) await charge?.(contextValue, cost ?? 1, operation, request.variables ?? {});
        },
      };
    },
  };
}

export interface OperationMeasure {
  depth: number;
  aliases: number;
  directives: number;
  tokens: number;
  /** null when the variables do not fit the operation. */
  cost: number | null;
}

function countTokens(source: string): number {
  const lexer = new Lexer(new Source(source));
  let count = 0;
  while (lexer.advance().kind !== TokenKind.EOF) count += 1;
  return count;
}

/** Measures an operation against each limit (calibration, README and the test over schema/operations/). */
export function measureOperation(
  schema: GraphQLSchema,
  source: string,
  variables: Record<string, unknown> = {},
): OperationMeasure {
  const document = parse(source);
  const found = { depth: 0, aliases: 0, directives: 0 };
  const accept = (key: keyof typeof found) => (_: ValidationContext | null, details: { n: number }) => {
    found[key] = Math.max(found[key], details.n);
  };
  validate(schema, document, [
    maxDepthRule({ n: Number.MAX_SAFE_INTEGER, onAccept: [accept('depth')] }),
    maxAliasesRule({ n: Number.MAX_SAFE_INTEGER, onAccept: [accept('aliases')] }),
    maxDirectivesRule({ n: Number.MAX_SAFE_INTEGER, onAccept: [accept('directives')] }),
  ]);
  return { ...found, tokens: countTokens(source), cost: estimateCost(schema, document, variables, undefined) };
}
