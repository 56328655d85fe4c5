import pino from 'pino';

export type Logger = pino.Logger;

export type LogFormat = 'json' | 'pretty';

/**
 * JSON for machines, readable lines for a person at a terminal: LOG_FORMAT (json|pretty) decides when set;
 * otherwise production is always JSON, and development is pretty only when stdout is a terminal (piped
 * into a file or a log shipper it stays JSON).
 */
export function chooseLogFormat(options: { isTTY: boolean; production: boolean; logFormat?: string }): LogFormat {
  if (options.logFormat === 'json' || options.logFormat === 'pretty') return options.logFormat;
  if (options.production) return 'json';
  return options.isTTY ? 'pretty' : 'json';
}

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const SKIP = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'service']);

/** One pino JSON line as `12:00:01.234 INFO  message key=value …` (one line, like the JSON). */
export function prettyLine(json: string): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json.replace(/\n$/, '');
  }
  const time = typeof record.time === 'number' ? new Date(record.time).toISOString().slice(11, 23) : '';
  const level = (LEVELS[record.level as number] ?? String(record.level)).padEnd(5);
  const fields = Object.entries(record)
    .filter(([key]) => !SKIP.has(key))
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  // A request line has no message: its method, path and status say it.
  const msg =
    record.msg ??
    (record.method && record.path ? `${String(record.method)} ${String(record.path)} ${String(record.status)}` : '');
  return [time, level, String(msg), ...fields].filter((p) => p !== '').join(' ');
}

function prettyStream(out: { write(chunk: string): unknown }): pino.DestinationStream {
  return { write: (line: string) => void out.write(`${prettyLine(line)}\n`) };
}

/**
 * Structured JSON logs on stdout (pino): one line per event, readable by people and log shippers alike.
 * Nothing logs headers or variables; the redaction below is a second line of defence should a field
 * named like a credential ever reach a log call. `format: 'pretty'` prints the same events as plain lines.
 */
export function createLogger(level: string, destination?: pino.DestinationStream, format: LogFormat = 'json'): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'plangraph' },
    redact: {
      paths: ['authorization', 'token', 'password', '*.authorization', '*.token', '*.password', 'headers', '*.headers'],
      censor: '[redacted]',
    },
  };
  if (format === 'pretty') return pino(options, prettyStream(destination ?? process.stdout));
  return destination ? pino(options, destination) : pino(options);
}
