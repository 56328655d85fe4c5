import pino from 'pino';

export type Logger = pino.Logger;

/** Structured JSON logs on stdout (pino): one line per event, readable by people and log shippers alike. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'plangraph' } });
}
