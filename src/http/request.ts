import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { QueryStats } from '../db/query-counter';
import type { Logger } from '../logger';
import type { Caller } from './rate-limit';

/**
 * What the server knows about one HTTP request, for its log line: made by server.ts when the request
 * arrives and handed on explicitly (to the GraphQL context as `request`), never through an AsyncLocalStorage.
 */
export interface RequestScope {
  requestId: string;
  log: Logger;
  /** Names of the operations run (one, or one per member of a batch); null for anonymous ones. */
  operations: (string | null)[];
  /** SQL statements of the request (GraphQL requests only). */
  stats?: QueryStats;
  /** Whose rate-limit budget the request spends (see rate-limit.ts). */
  caller?: Caller;
  /** The unexpected (masked) errors met so far, by kind (see classifyFault). */
  faults: ('unavailable' | 'timeout' | 'input' | 'internal')[];
}

const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{8,64}$/;

/** The caller's X-Request-Id when it looks like an id (so a proxy's id can be followed), else a new one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && CLIENT_REQUEST_ID.test(value) ? value : randomUUID();
}

/** The request's log line, once its response is closed (probes at debug level). */
export function logRequest(scope: RequestScope, req: IncomingMessage, res: ServerResponse, started: bigint): void {
  // At warn (production) no request line is written: nothing is built for it either.
  if (!scope.log.isLevelEnabled('info') && !scope.log.isLevelEnabled('debug')) return;
  const path = (req.url ?? '/').split('?')[0];
  const probe = path === '/healthz' || path === '/readyz';
  const level = probe ? 'debug' : 'info';
  if (!scope.log.isLevelEnabled(level)) return;
  scope.log[level]({
    requestId: scope.requestId,
    method: req.method,
    path: path.slice(0, 200),
    operations: scope.operations.length > 0 ? scope.operations : undefined,
    status: res.statusCode,
    durationMs: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
    sqlStatements: scope.stats?.statements,
    faults: scope.faults.length > 0 ? scope.faults : undefined,
    aborted: res.writableFinished ? undefined : true,
  });
}
