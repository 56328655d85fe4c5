import { parseCorsOrigins, type CorsOrigins } from './http/cors';
import { DEFAULT_RATE_LIMITS } from './http/rate-limit';
import { DEFAULT_DISPATCHER, type DispatcherOptions } from './services/webhook-dispatcher';

/** Process configuration, read once from the environment. */
export interface Config {
  /** postgres://… of a PostgreSQL server; absent → embedded PGlite under dataDir. */
  databaseUrl?: string;
  dataDir: string;
  port: number;
  host: string;
  logLevel: string;
  /** NODE_ENV=production: no introspection, no field suggestions, no explorer. */
  production: boolean;
  /** Cost units per minute for anonymous callers, per client address (0 = no limit; see src/http/rate-limit.ts). */
  rateLimitPerAddress: number;
  /** Cost units per minute for token holders, per token (0 = no limit). */
  rateLimitPerToken: number;
  /** How many proxies in front of the server append to X-Forwarded-For (0 = use the socket address). */
  trustProxyHops: number;
  /** Server-side statement timeout (PostgreSQL statement_timeout) in milliseconds. */
  statementTimeoutMs: number;
  /** How long to wait for a database connection, in milliseconds. */
  connectTimeoutMs: number;
  /** How long SIGTERM waits for in-flight requests before closing them, in milliseconds. */
  shutdownTimeoutMs: number;
  /** CORS_ORIGINS: browser origins admitted; undefined → localhost in development, nobody in production. */
  corsOrigins?: CorsOrigins;
  /** Webhook delivery: WEBHOOK_POLL_MS, WEBHOOK_RETRY_BASE_MS, WEBHOOK_RETRY_MAX_MS, WEBHOOK_MAX_ATTEMPTS, WEBHOOK_TIMEOUT_MS. */
  webhooks: DispatcherOptions;
}

export class ConfigError extends Error {}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${raw}".`);
  }
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const port = integer(env, 'PORT', 4000, 0, 65535);
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://.');
  }
  return {
    databaseUrl,
    dataDir: env.DATA_DIR || './.data',
    port,
    host: env.HOST || '127.0.0.1',
    logLevel: env.LOG_LEVEL || 'info',
    production: env.NODE_ENV === 'production',
    rateLimitPerAddress: integer(env, 'RATE_LIMIT_PER_ADDRESS', DEFAULT_RATE_LIMITS.perAddress, 0, 100_000_000),
    rateLimitPerToken: integer(env, 'RATE_LIMIT_PER_TOKEN', DEFAULT_RATE_LIMITS.perToken, 0, 100_000_000),
    trustProxyHops: integer(env, 'TRUST_PROXY_HOPS', 0, 0, 10),
    statementTimeoutMs: integer(env, 'STATEMENT_TIMEOUT_MS', 10_000, 100, 3_600_000),
    connectTimeoutMs: integer(env, 'DB_CONNECT_TIMEOUT_MS', 5_000, 100, 600_000),
    shutdownTimeoutMs: integer(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    corsOrigins: parseCorsOrigins(env.CORS_ORIGINS),
    webhooks: {
      ...DEFAULT_DISPATCHER,
      pollMs: integer(env, 'WEBHOOK_POLL_MS', DEFAULT_DISPATCHER.pollMs, 10, 600_000),
      retryBaseMs: integer(env, 'WEBHOOK_RETRY_BASE_MS', DEFAULT_DISPATCHER.retryBaseMs, 10, 3_600_000),
      retryMaxMs: integer(env, 'WEBHOOK_RETRY_MAX_MS', DEFAULT_DISPATCHER.retryMaxMs, 10, 86_400_000),
      maxAttempts: integer(env, 'WEBHOOK_MAX_ATTEMPTS', DEFAULT_DISPATCHER.maxAttempts, 1, 100),
      timeoutMs: integer(env, 'WEBHOOK_TIMEOUT_MS', DEFAULT_DISPATCHER.timeoutMs, 100, 600_000),
    },
  };
}
