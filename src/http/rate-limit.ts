import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { HttpError } from './errors';

/**
 * Rate limits are budgets of cost units per window. One unit is one object an operation may return, as
 * estimated before it runs by src/http/limits.ts (the same estimate the cost limit uses; at least 1 per
 * operation); `importActuals` adds IMPORT_ROW_UNITS per CSV row. A request refused before an operation
 * is resolved (a syntax or validation error) costs 1 unit.
 */
export interface RateLimitOptions {
  /** Units per window for an anonymous caller, by client address; 0 = unlimited. */
  perAddress: number;
  /** Units per window for a token holder, by token; 0 = unlimited. */
  perToken: number;
  /** Window length in seconds (default 60). */
  windowSeconds?: number;
  /** Proxies in front of the server that append to X-Forwarded-For (0: trust only the socket). */
  trustProxyHops?: number;
}

/** Defaults: 100 000 units a minute per address (one operation at the cost limit), 300 000 per token (see README, "Limits and operations"). */
export const DEFAULT_RATE_LIMITS: RateLimitOptions = { perAddress: 100_000, perToken: 300_000 };

/** Units charged to the client address for a request refused with 401 (an unknown or revoked token). */
export const INVALID_TOKEN_UNITS = 10;

/** Units charged per CSV row of importActuals (a row is validated, looked up and written). */
export const IMPORT_ROW_UNITS = 20;

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

/** The caller of a request (the token only as a hash: the token itself is never kept). */
export interface Caller {
  address: string;
  tokenKey?: string;
}

/** Whose budget a request spends: a valid token's, else the client address's. */
export interface Bucket {
  limiter?: RateLimiterMemory;
  key: string;
  what: 'client address' | 'token';
}

/** A spent budget: the message and the seconds to wait. */
export class RateLimited extends Error {
  constructor(
    message: string,
    readonly retryAfter: number,
  ) {
    super(message);
  }

  toHttpError(): HttpError {
    return new HttpError(429, this.message, 'RATE_LIMITED', { 'retry-after': String(this.retryAfter) });
  }

  toGraphQLError(): GraphQLError {
    return new GraphQLError(this.message, {
      extensions: {
        code: 'RATE_LIMITED',
        http: { status: 429, headers: new HeaderMap([['retry-after', String(this.retryAfter)]]) },
      },
    });
  }
}

/** In-memory budgets (rate-limiter-flexible) per client address and per token (keyed by its hash). */
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

  /** Who is calling, as far as budgets go: the client address and the hash of the bearer token, if any. */
  caller(req: IncomingMessage): Caller {
    const auth = req.headers.authorization;
    return {
      address: clientAddress(req, this.options.trustProxyHops ?? 0),
      tokenKey: auth ? createHash('sha256').update(auth).digest('base64url') : undefined,
    };
  }

  /** The bucket of a caller: its token's when the token is valid (`authenticated`), else its address's. */
  bucket(caller: Caller, authenticated: boolean): Bucket {
    if (authenticated && caller.tokenKey) return { limiter: this.byToken, key: caller.tokenKey, what: 'token' };
    return { limiter: this.byAddress, key: caller.address, what: 'client address' };
  }

  /**
   * At the door, before the body is read: refuses a caller whose bucket is already spent. A request with
   * a token is checked against that token's bucket (whether the token is valid is known only later).
   */
  async refuseSpent(caller: Caller): Promise<void> {
    const bucket = this.bucket(caller, true);
    if (!bucket.limiter) return;
    const state = await bucket.limiter.get(bucket.key);
    if (state && state.remainingPoints <= 0) throw this.refusal(bucket, state);
  }

  /**
   * Charges `units` to the bucket; throws RateLimited when that is over its budget. An operation dearer
   * than the whole budget spends all of it (so it runs once per window on a fresh budget).
   */
  async charge(bucket: Bucket, units: number): Promise<void> {
    if (!bucket.limiter) return;
    const points = Math.min(Math.max(1, Math.ceil(units)), bucket.limiter.points);
    try {
      await bucket.limiter.consume(bucket.key, points);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      // A refused operation does not run: give its units back, so what is left still serves cheaper ones.
      await bucket.limiter.reward(bucket.key, points);
      throw this.refusal(bucket, rejection);
    }
  }

  /** Charges without refusing (a request refused before it ran still costs its unit). */
  async penalize(bucket: Bucket, units: number): Promise<void> {
    await bucket.limiter?.penalty(bucket.key, units);
  }

  private refusal(bucket: Bucket, state: RateLimiterRes): RateLimited {
    const retryAfter = Math.max(1, Math.ceil(state.msBeforeNext / 1000));
    const limiter = bucket.limiter!;
    return new RateLimited(
      `Too many requests for this ${bucket.what}: at most ${limiter.points} cost units per ${limiter.duration} s ` +
        `(an operation costs about one unit per object it may return). Retry after ${retryAfter} s.`,
      retryAfter,
    );
  }
}
