import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from './errors';

/**
 * Who may call the API from a browser page on another origin: `'*'` (anyone) or a list of origins, each
 * exact (`https://app.example.org`) or with any port (`http://localhost:*`). Credentials are bearer tokens
 * in `Authorization`, never cookies, so Access-Control-Allow-Credentials is never sent.
 */
export type CorsOrigins = '*' | readonly string[];

/** The development default: pages served from this machine, on any port. */
export const DEV_CORS_ORIGINS: CorsOrigins = ['http://localhost:*', 'http://127.0.0.1:*'];

export const CORS_ALLOW_METHODS = 'GET, POST';
export const CORS_ALLOW_HEADERS =
  'content-type, authorization, x-request-id, apollo-require-preflight, x-apollo-operation-name';
/** Response headers a page may read besides the safelisted ones. */
export const CORS_EXPOSE_HEADERS = 'x-request-id, retry-after';
/** Seconds a browser may cache a preflight (Chromium caps it at 7200). */
export const CORS_MAX_AGE = 600;

export class CorsConfigError extends Error {}

const ORIGIN = /^(https?):\/\/([a-z0-9.-]+|\[[0-9a-f:.]+\])(?::(\d{1,5}|\*))?$/;

/** CORS_ORIGINS → the origins, or undefined when unset (the default applies). Throws on a malformed entry. */
export function parseCorsOrigins(raw: string | undefined): CorsOrigins | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  if (raw.trim() === '*') return '*';
  return raw
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => {
      const origin = entry.toLowerCase().replace(/\/$/, '');
      if (!ORIGIN.test(origin)) {
        throw new CorsConfigError(
          `CORS_ORIGINS: "${entry}" is not an origin. Use scheme://host[:port] without a path ` +
            '(https://app.example.org, http://localhost:* for any port), comma-separated, or * for anyone.',
        );
      }
      return origin;
    });
}

/** The origins in force: the configured ones, else localhost in development and nobody in production. */
export function corsOrigins(configured: CorsOrigins | undefined, production: boolean): CorsOrigins {
  return configured ?? (production ? [] : DEV_CORS_ORIGINS);
}

function admits(origins: CorsOrigins, origin: string): boolean {
  if (origins === '*') return true;
  const candidate = origin.toLowerCase();
  return origins.some((rule) => {
    if (!rule.endsWith(':*')) return rule === candidate;
    const base = rule.slice(0, -2);
    return (
      candidate === base || (candidate.startsWith(`${base}:`) && /^\d{1,5}$/.test(candidate.slice(base.length + 1)))
    );
  });
}

export type CorsDecision =
  /** No Origin header: not a cross-origin browser request. */
  | { kind: 'none'; headers: Record<string, string> }
  /** An origin not admitted: no CORS headers (a preflight is refused with 403). */
  | { kind: 'refused'; origin: string; preflight: boolean; headers: Record<string, string> }
  /** An admitted preflight (answer 204 with these headers) or an admitted request (add these headers). */
  | { kind: 'preflight' | 'allowed'; headers: Record<string, string> };

/** The CORS answer to one request, from its method and headers alone. */
export function decideCors(
  origins: CorsOrigins,
  method: string | undefined,
  headers: { origin?: string; 'access-control-request-method'?: string },
): CorsDecision {
  const vary = { vary: 'Origin' };
  const origin = headers.origin;
  if (origin === undefined || origin === '') return { kind: 'none', headers: vary };
  const preflight = method === 'OPTIONS' && headers['access-control-request-method'] !== undefined;
  if (!admits(origins, origin)) return { kind: 'refused', origin, preflight, headers: vary };
  const allowOrigin = { ...vary, 'access-control-allow-origin': origins === '*' ? '*' : origin };
  if (!preflight) {
    return { kind: 'allowed', headers: { ...allowOrigin, 'access-control-expose-headers': CORS_EXPOSE_HEADERS } };
  }
  return {
    kind: 'preflight',
    headers: {
      ...allowOrigin,
      'access-control-allow-methods': CORS_ALLOW_METHODS,
      'access-control-allow-headers': CORS_ALLOW_HEADERS,
      'access-control-max-age': String(CORS_MAX_AGE),
    },
  };
}

/**
 * Sets the CORS headers of `req` on `res`. Returns true when the request was a preflight and has been
 * answered (204); a refused preflight throws a 403 HttpError. Anything else goes on to the routes.
 */
export function applyCors(origins: CorsOrigins, req: IncomingMessage, res: ServerResponse): boolean {
  const decision = decideCors(origins, req.method, {
    origin: req.headers.origin,
    'access-control-request-method': req.headers['access-control-request-method'] as string | undefined,
  });
  for (const [name, value] of Object.entries(decision.headers)) res.setHeader(name, value);
  if (decision.kind === 'refused' && decision.preflight) {
    throw new HttpError(
      403,
      `Origin ${decision.origin.slice(0, 200)} may not call this API from a browser; the server's CORS_ORIGINS lists who may.`,
      'FORBIDDEN',
    );
  }
  if (decision.kind !== 'preflight') return false;
  res.writeHead(204, { 'content-length': '0' });
  res.end();
  return true;
}
