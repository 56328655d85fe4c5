import type { PGlite } from '@electric-sql/pglite';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { EVENT_CHANNEL, loadEvents, type StoredEvent } from './events';

export type EventListener = (event: StoredEvent) => void;

/**
 * Every event committed from now on, in any process on the same database: PostgreSQL's LISTEN on
 * EVENT_CHANNEL (the outbox's insert trigger NOTIFYs the id), then the event row read back. The same path
 * on a server (a dedicated connection, not the pool) and on the embedded database (PGlite's listen).
 */
export interface EventFeed {
  /** Calls `listener` with each event; returns the unsubscribe. */
  subscribe(listener: EventListener): () => void;
  close(): Promise<void>;
}

export interface EventFeedOptions {
  db: DataSource;
  /** The embedded database; without it, the data source's URL is used for a dedicated LISTEN connection. */
  pglite?: PGlite;
  /** Problems of the LISTEN connection (it reconnects); default: ignored. */
  onError?: (message: string) => void;
  /** Wait before reconnecting a lost LISTEN connection (default 1 s). */
  reconnectMs?: number;
}

export async function openEventFeed(options: EventFeedOptions): Promise<EventFeed> {
  const listeners = new Set<EventListener>();
  const onError = options.onError ?? (() => undefined);
  // Notifications come in bursts (a CSV import writes hundreds of events in one commit): collect the ids of
  // one turn of the event loop and read them with one statement, in commit order.
  let pending: string[] = [];
  let flushing: Promise<void> = Promise.resolve();
  const flush = async () => {
    const ids = pending;
    pending = [];
    if (ids.length === 0 || listeners.size === 0 || !options.db.isInitialized) return;
    try {
      for (const event of await loadEvents(options.db, ids)) {
        for (const listener of [...listeners]) listener(event);
      }
    } catch (error) {
      onError(`reading events failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  // A notification may arrive inside the request that committed it (one PGlite session): its reads go through
  // the shared data source (options.db), never counted into that request's statements (src/db/query-counter).
  const notified = (payload: string | undefined) => {
    if (!payload || !/^[0-9]+$/.test(payload)) return;
    if (pending.push(payload) === 1) setImmediate(() => (flushing = flushing.then(flush)));
  };

  let stop: () => Promise<void>;
  if (options.pglite) {
    const unlisten = await options.pglite.listen(EVENT_CHANNEL, notified);
    stop = async () => {
      if (!options.pglite!.closed) await unlisten();
    };
  } else {
    stop = await listenOnServer(options, notified, onError);
  }
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      // A read in flight (the database may be slow or locked) is not waited for: no listener is left.
      listeners.clear();
      await stop();
    },
  };
}

/** A dedicated client that LISTENs, and reconnects (after reconnectMs) when its connection is lost. */
async function listenOnServer(
  options: EventFeedOptions,
  notified: (payload: string | undefined) => void,
  onError: (message: string) => void,
): Promise<() => Promise<void>> {
  const url = (options.db.options as { url?: string }).url;
  if (!url) throw new Error('An event feed needs the embedded database or a data source with a URL.');
  let closed = false;
  let client: Client | undefined;
  let timer: NodeJS.Timeout | undefined;
  const connect = async (): Promise<void> => {
    const c = new Client({ connectionString: url, application_name: 'plangraph-listen', keepAlive: true });
    c.on('notification', (n) => {
      if (n.channel === EVENT_CHANNEL) notified(n.payload);
    });
    c.on('error', (error) => {
      onError(`LISTEN connection lost: ${error.message}`);
      retry(c);
    });
    c.on('end', () => retry(c));
    await c.connect();
    await c.query(`LISTEN ${EVENT_CHANNEL}`);
    client = c;
  };
  const schedule = () => {
    if (closed) return;
    timer = setTimeout(() => {
      connect().catch((error: unknown) => {
        onError(`LISTEN reconnect failed: ${error instanceof Error ? error.message : String(error)}`);
        schedule();
      });
    }, options.reconnectMs ?? 1_000);
  };
  const retry = (c: Client) => {
    if (closed || client !== c) return;
    client = undefined;
    void c.end().catch(() => undefined);
    schedule();
  };
  await connect();
  return async () => {
    closed = true;
    clearTimeout(timer);
    const c = client;
    client = undefined;
    await c?.end().catch(() => undefined);
  };
}
