import { chooseLogFormat, createLogger, prettyLine } from '../../src/logger';

describe('log format', () => {
  it('JSON in production and when stdout is not a terminal; readable lines at a terminal; LOG_FORMAT decides when set', () => {
    expect(chooseLogFormat({ isTTY: true, production: false })).toBe('pretty');
    expect(chooseLogFormat({ isTTY: false, production: false })).toBe('json');
    expect(chooseLogFormat({ isTTY: true, production: true })).toBe('json');
    expect(chooseLogFormat({ isTTY: false, production: true, logFormat: 'pretty' })).toBe('pretty');
    expect(chooseLogFormat({ isTTY: true, production: false, logFormat: 'json' })).toBe('json');
    expect(chooseLogFormat({ isTTY: true, production: false, logFormat: 'yaml' })).toBe('pretty');
  });

  it('a pretty line is one line with the time, the level, the message and the fields; secrets stay redacted', () => {
    const lines: string[] = [];
    const log = createLogger('info', { write: (line: string) => void lines.push(line) }, 'pretty');
    log.info({ status: 200, token: 'plg_secret' }, 'hello');
    log.debug('not at info');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} INFO {2}hello status=200 token=\[redacted\]\n$/);
    expect(lines[0]).not.toContain('plg_secret');
    expect(prettyLine('not json\n')).toBe('not json');
    const request = prettyLine(JSON.stringify({ level: 30, time: 0, method: 'POST', path: '/graphql', status: 200 }));
    expect(request).toBe('00:00:00.000 INFO  POST /graphql 200 method=POST path=/graphql status=200');
  });
});
