import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

// A graphql-ws client of the real server, as a frontend uses it: subscribe, collect what arrives.

export interface Collected<T> {
  /** Results (data or errors) in arrival order. */
  results: { data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] }[];
  /** Resolves once `n` results have arrived (rejects after `timeoutMs`). */
  waitFor(n: number, timeoutMs?: number): Promise<Collected<T>['results']>;
  /** Whether the server completed the subscription. */
  completed(): boolean;
  stop(): void;
}

export interface LiveClient {
  client: Client;
  /** The close code once the socket closed (4403: Forbidden). */
  closeCode(): number | undefined;
  waitForClose(timeoutMs?: number): Promise<number>;
  subscribe<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Collected<T>;
  close(): Promise<void>;
}

export function wsUrl(httpUrl: string): string {
  return httpUrl.replace(/^http/, 'ws');
}

export function connect(httpUrl: string, token?: string): LiveClient {
  let code: number | undefined;
  const closers: ((code: number) => void)[] = [];
  const client = createClient({
    url: wsUrl(httpUrl),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: false,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    on: {
      closed: (event) => {
        code = (event as { code?: number }).code;
        for (const c of closers.splice(0)) c(code ?? 0);
      },
    },
    onNonLazyError: () => undefined,
  });
  return {
    client,
    closeCode: () => code,
    waitForClose(timeoutMs = 5_000) {
      if (code !== undefined) return Promise.resolve(code);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the connection stayed open')), timeoutMs);
        closers.push((c) => {
          clearTimeout(timer);
          resolve(c);
        });
      });
    },
    subscribe<T>(query: string, variables?: Record<string, unknown>): Collected<T> {
      const results: Collected<T>['results'] = [];
      const waiters: (() => void)[] = [];
      let done = false;
      const notify = () => {
        for (const w of waiters.splice(0)) w();
      };
      const stop = client.subscribe<T>(
        { query, variables },
        {
          next: (value) => {
            results.push(value as Collected<T>['results'][number]);
            notify();
          },
          error: (error) => {
            // A closed socket also ends each subscription with an error: that is closeCode's, not a result.
            if (Array.isArray(error)) results.push({ errors: error });
            else if (error instanceof Error) results.push({ errors: [{ message: error.message }] });
            done = true;
            notify();
          },
          complete: () => {
            done = true;
            notify();
          },
        },
      );
      return {
        results,
        completed: () => done,
        stop,
        waitFor(n, timeoutMs = 10_000) {
          return new Promise((resolve, reject) => {
            const timer = setTimeout(
              () => reject(new Error(`expected ${n} results, got ${JSON.stringify(results)}`)),
              timeoutMs,
            );
            const check = () => {
              if (results.length >= n) {
                clearTimeout(timer);
                resolve(results);
              } else waiters.push(check);
            };
            check();
          });
        },
      };
    },
    async close() {
      await client.dispose();
    },
  };
}

/** Time for the server to start a subscription (the protocol has no acknowledgement of a subscribe). */
export const SUBSCRIBED_MS = 500;
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
