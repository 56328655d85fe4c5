import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { QueryStats } from '../db/query-counter';
import type { Logger } from '../logger';

/** What the server knows about the HTTP request being served, wherever in its async call tree it is. */
export interface RequestScope {
  requestId: string;
  log: Logger;
  /** Names of the operations run (one, or one per member of a batch); null for anonymous ones. */
  operations: (string | null)[];
  /** SQL statements of the request (GraphQL requests only). */
  stats?: QueryStats;
  /** The unexpected (masked) errors met so far, by kind (see classifyFault). */
  faults: ('unavailable' | 'timeout' | 'input' | 'internal')[];
}

const scope = new AsyncLocalStorage<RequestScope>();

export function runInRequestScope<T>(request: RequestScope, fn: () => T): T {
  return scope.run(request, fn);
}

export function currentRequest(): RequestScope | undefined {
  return scope.getStore();
}

const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{8,64}$/;

/** The caller's X-Request-Id when it looks like an id (so a proxy's id can be followed), else a new one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && CLIENT_REQUEST_ID.test(value) ? value : randomUUID();
}
