import pino from 'pino';

export type Logger = pino.Logger;

/**
 * Structured JSON logs on stdout (pino): one line per event, readable by people and log shippers alike.
 * Nothing logs headers or variables; the redaction below is a second line of defence should a field
 * named like a credential ever reach a log call.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'plangraph' },
    redact: {
      paths: ['authorization', 'token', 'password', '*.authorization', '*.token', '*.password', 'headers', '*.headers'],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
