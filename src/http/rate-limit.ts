import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { HttpError } from './errors';

export interface RateLimitOptions {
  /** Operations per window from one client address; 0 = unlimited. */
  perAddress: number;
  /** Operations per window with one bearer token; 0 = unlimited. */
  perToken: number;
  /** Window length in seconds (default 60). */
  windowSeconds?: number;
  /** Proxies in front of the server that append to X-Forwarded-For (0: trust only the socket). */
  trustProxyHops?: number;
}

/**
 * The client's address: the socket's peer, or — behind `hops` trusted proxies — the address the first
 * trusted proxy saw, counted from the right of X-Forwarded-For (left entries are the client's to forge).
 */
export function clientAddress(req: IncomingMessage, hops: number): string {
  const peer = req.socket.remoteAddress ?? 'unknown';
  if (hops <= 0) return peer;
  const header = req.headers['x-forwarded-for'];
  const chain = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return chain[chain.length - hops] ?? chain[0] ?? peer;
}

/** In-memory rate limits (rate-limiter-flexible) per client address and per bearer token. */
export class RateLimits {
  private readonly byAddress?: RateLimiterMemory;
  private readonly byToken?: RateLimiterMemory;

  constructor(private readonly options: RateLimitOptions) {
    const duration = options.windowSeconds ?? 60;
    if (options.perAddress > 0)
      this.byAddress = new RateLimiterMemory({ points: options.perAddress, duration, keyPrefix: 'a' });
    if (options.perToken > 0)
      this.byToken = new RateLimiterMemory({ points: options.perToken, duration, keyPrefix: 't' });
  }

  /**
   * Charges `points` operations to the request's address and, when it carries a bearer token, to the
   * token (keyed by its hash: the token itself is never kept). Throws a 429 HttpError with Retry-After.
   */
  async charge(req: IncomingMessage, points: number): Promise<void> {
    await this.consume(this.byAddress, clientAddress(req, this.options.trustProxyHops ?? 0), points, 'client address');
    const auth = req.headers.authorization;
    if (auth && this.byToken) {
      const key = createHash('sha256').update(auth).digest('base64url');
      await this.consume(this.byToken, key, points, 'token');
    }
  }

  private async consume(limiter: RateLimiterMemory | undefined, key: string, points: number, what: string) {
    if (!limiter) return;
    try {
      await limiter.consume(key, points);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw new HttpError(
        429,
        `Too many requests for this ${what}: at most ${limiter.points} operations per ${limiter.duration} s. ` +
          `Retry after ${retryAfter} s.`,
        'RATE_LIMITED',
        { 'retry-after': String(retryAfter) },
      );
    }
  }
}
