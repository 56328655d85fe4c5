import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';

/** One entry of a GraphQL response's `errors`; `extensions.code` is the server's typed code. */
export interface GraphQLErrorEntry {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string } & Record<string, unknown>;
}

/** A response with `errors` (or a non-JSON / non-2xx answer without data): the errors, any partial data, the status. */
export class GraphQLRequestError<TResult = unknown> extends Error {
  constructor(
    readonly status: number,
    readonly errors: GraphQLErrorEntry[],
    readonly data?: TResult | null,
  ) {
    super(errors.map((e) => (e.extensions?.code ? `${e.extensions.code}: ${e.message}` : e.message)).join('; '));
    this.name = 'GraphQLRequestError';
  }

  /** The first error's `extensions.code` (UNAUTHENTICATED, BAD_USER_INPUT, RATE_LIMITED …). */
  get code(): string | undefined {
    return this.errors[0]?.extensions?.code;
  }
}

export interface RequestOptions {
  /** Sent as `Authorization: Bearer <token>` (tokens come from `npm run token -- create …`). */
  token?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Another fetch (tests, polyfills); default: the global one. */
  fetch?: typeof fetch;
}

/** Variables are optional when an operation declares none (or only optional ones). */
type VariablesArgs<TVariables> =
  Record<string, never> extends TVariables
    ? [variables?: TVariables, options?: RequestOptions]
    : [variables: TVariables, options?: RequestOptions];

/**
 * POSTs one generated operation to a plangraph endpoint and returns its `data`, typed from the document.
 * Throws GraphQLRequestError when the response carries errors.
 *
 *   const data = await request(url, IndicatorByNameDocument, { planCode: 'arakawa', search: '経常収支比率' });
 */
export async function request<TResult, TVariables>(
  url: string | URL,
  document: DocumentTypeDecoration<TResult, TVariables> & { toString(): string },
  ...[variables, options = {}]: VariablesArgs<TVariables>
): Promise<TResult> {
  const response = await (options.fetch ?? fetch)(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query: document.toString(), variables }),
    signal: options.signal,
  });
  let body: { data?: TResult | null; errors?: GraphQLErrorEntry[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new GraphQLRequestError(response.status, [{ message: `HTTP ${response.status}: not a GraphQL response` }]);
  }
  if (body.errors?.length) throw new GraphQLRequestError(response.status, body.errors, body.data);
  if (body.data == null) {
    throw new GraphQLRequestError(response.status, [{ message: `HTTP ${response.status}: no data in the response` }]);
  }
  return body.data;
}
