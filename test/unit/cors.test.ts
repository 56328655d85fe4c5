import { loadConfig } from '../../src/config';
import {
  CorsConfigError,
  corsOrigins,
  decideCors,
  DEV_CORS_ORIGINS,
  parseCorsOrigins,
  type CorsOrigins,
} from '../../src/http/cors';

const preflight = (origins: CorsOrigins, origin: string) =>
  decideCors(origins, 'OPTIONS', { origin, 'access-control-request-method': 'POST' });

describe('CORS_ORIGINS', () => {
  it('is a comma-separated list of origins, or *', () => {
    expect(parseCorsOrigins(undefined)).toBeUndefined();
    expect(parseCorsOrigins('  ')).toBeUndefined();
    expect(parseCorsOrigins('*')).toBe('*');
    expect(parseCorsOrigins('https://App.example.org/, http://localhost:*,,http://[::1]:5173')).toEqual([
      'https://app.example.org',
      'http://localhost:*',
      'http://[::1]:5173',
    ]);
  });

  it.each(['app.example.org', 'https://app.example.org/path', 'ftp://x.org', 'https://*.example.org', 'null'])(
    'refuses %s with a sentence naming the variable',
    (entry) => {
      expect(() => parseCorsOrigins(entry)).toThrow(CorsConfigError);
      expect(() => parseCorsOrigins(entry)).toThrow(/^CORS_ORIGINS: ".*" is not an origin/);
    },
  );

  it('is read by loadConfig (a malformed value stops the start)', () => {
    expect(loadConfig({ CORS_ORIGINS: 'https://a.example' }).corsOrigins).toEqual(['https://a.example']);
    expect(loadConfig({}).corsOrigins).toBeUndefined();
    expect(() => loadConfig({ CORS_ORIGINS: 'a.example' })).toThrow(/CORS_ORIGINS/);
  });

  it('defaults to localhost on any port in development and to nobody in production', () => {
    expect(corsOrigins(undefined, false)).toEqual(DEV_CORS_ORIGINS);
    expect(corsOrigins(undefined, true)).toEqual([]);
    expect(corsOrigins(['https://a.example'], true)).toEqual(['https://a.example']);
    expect(corsOrigins('*', true)).toBe('*');
  });
});

describe('decideCors', () => {
  it('answers an admitted preflight with methods, headers, max-age and the origin itself', () => {
    const decision = preflight(DEV_CORS_ORIGINS, 'http://localhost:5173');
    expect(decision.kind).toBe('preflight');
    expect(decision.headers).toMatchObject({
      vary: 'Origin',
      'access-control-allow-origin': 'http://localhost:5173',
      'access-control-allow-methods': 'GET, POST',
      'access-control-max-age': '600',
    });
    expect(decision.headers['access-control-allow-headers']).toMatch(
      /content-type.*authorization.*x-request-id.*apollo-require-preflight/,
    );
    expect(decision.headers).not.toHaveProperty('access-control-allow-credentials');
  });

  it.each([
    ['http://localhost', true],
    ['http://localhost:3000', true],
    ['http://127.0.0.1:8080', true],
    ['HTTP://LOCALHOST:3000', true],
    ['https://localhost:3000', false],
    ['http://localhost.evil.example', false],
    ['http://localhost:3000.evil.example', false],
    ['http://127.0.0.1.evil.example:80', false],
    ['https://evil.example', false],
    ['null', false],
  ])('development default: %s admitted: %s', (origin, admitted) => {
    expect(preflight(DEV_CORS_ORIGINS, origin).kind).toBe(admitted ? 'preflight' : 'refused');
  });

  it('matches configured origins exactly (scheme, host and port)', () => {
    const origins = parseCorsOrigins('https://app.example.org') ?? [];
    expect(preflight(origins, 'https://app.example.org').kind).toBe('preflight');
    expect(preflight(origins, 'https://app.example.org:8443').kind).toBe('refused');
    expect(preflight(origins, 'http://app.example.org').kind).toBe('refused');
    expect(preflight([], 'http://localhost:5173').kind).toBe('refused');
  });

  it('gives a refused origin no Access-Control header, only Vary', () => {
    const decision = decideCors([], 'POST', { origin: 'https://evil.example' });
    expect(decision).toEqual({
      kind: 'refused',
      origin: 'https://evil.example',
      preflight: false,
      headers: { vary: 'Origin' },
    });
  });

  it('adds the origin to an admitted request; * answers *', () => {
    expect(decideCors(DEV_CORS_ORIGINS, 'POST', { origin: 'http://127.0.0.1:9000' })).toEqual({
      kind: 'allowed',
      headers: {
        vary: 'Origin',
        'access-control-allow-origin': 'http://127.0.0.1:9000',
        'access-control-expose-headers': 'x-request-id, retry-after',
      },
    });
    expect(decideCors('*', 'GET', { origin: 'https://any.example' }).headers['access-control-allow-origin']).toBe('*');
  });

  it('leaves requests without Origin alone (but varies on it), and an OPTIONS without a requested method is no preflight', () => {
    expect(decideCors(DEV_CORS_ORIGINS, 'POST', {})).toEqual({ kind: 'none', headers: { vary: 'Origin' } });
    expect(decideCors(DEV_CORS_ORIGINS, 'OPTIONS', { origin: 'http://localhost:1' }).kind).toBe('allowed');
  });
});
