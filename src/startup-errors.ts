/**
 * Start-up failures said as what to change: one line for stderr, no stack trace (set DEBUG for one).
 * Shared by the server (src/main.ts) and the command-line tools.
 */

/** Where DATABASE_URL points, without user name or password. */
export function databaseAddress(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    return `${url.hostname || 'localhost'}:${url.port || '5432'}${url.pathname.length > 1 ? url.pathname : ''}`;
  } catch {
    return '(unreadable DATABASE_URL)';
  }
}

interface SystemError {
  code?: unknown;
  errno?: unknown;
  syscall?: unknown;
  path?: unknown;
  message?: unknown;
}

/** The sentence for an error met while opening the database or the port; undefined when it has none. */
export function startupMessage(
  error: unknown,
  context: { databaseUrl?: string; port?: number; host?: string },
): string | undefined {
  const e = (error ?? {}) as SystemError;
  const code = typeof e.code === 'string' ? e.code : undefined;
  const message = typeof e.message === 'string' ? e.message : String(error);
  if (code === 'EADDRINUSE' || code === 'EACCES') {
    const why = code === 'EADDRINUSE' ? 'is already in use' : 'may not be opened by this user';
    return `Port ${context.port} on ${context.host} ${why}: set PORT to a free port (e.g. PORT=4001), or stop the other server.`;
  }
  if (context.databaseUrl) {
    const at = databaseAddress(context.databaseUrl);
    if (code === 'ECONNREFUSED') {
      return `Cannot connect to PostgreSQL at ${at} (connection refused): start PostgreSQL there, or set DATABASE_URL to a running server (unset it to use the embedded database).`;
    }
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
      return `Cannot connect to PostgreSQL at ${at}: the host name is unknown; check DATABASE_URL.`;
    }
    if (code === 'ETIMEDOUT' || /timeout/i.test(message)) {
      return `Cannot connect to PostgreSQL at ${at}: no answer in time; check DATABASE_URL and the network (DB_CONNECT_TIMEOUT_MS sets the wait).`;
    }
    if (code === '28P01' || code === '28000') {
      return `PostgreSQL at ${at} refused the login: check the user and password in DATABASE_URL.`;
    }
    if (code === '3D000') {
      return `PostgreSQL at ${at} has no such database: create it (createdb) or fix the database name in DATABASE_URL.`;
    }
  }
  return undefined;
}

/** Prints one line (plus the stack when DEBUG is set) and returns the exit code. */
export function reportFatal(line: string, error: unknown): number {
  console.error(line);
  if (process.env.DEBUG && error instanceof Error && error.stack) console.error(error.stack);
  return 1;
}
