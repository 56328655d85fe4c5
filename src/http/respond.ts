import type { ServerResponse } from 'node:http';
import type { Logger } from '../logger';
import { HttpError, INTERNAL_MESSAGE } from './errors';

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

/** An error that escaped a route: an HttpError as its status, anything else a logged, masked 500. */
export function sendError(res: ServerResponse, error: unknown, requestId: string, log: Logger): void {
  if (error instanceof HttpError) {
    const body = { errors: [{ message: error.message, extensions: { code: error.code, requestId } }] };
    sendJson(res, error.status, body, error.headers);
    return;
  }
  log.error({ requestId, error: error instanceof Error ? error.stack : String(error) }, 'request failed');
  sendJson(res, 500, {
    errors: [{ message: INTERNAL_MESSAGE, extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } }],
  });
}
