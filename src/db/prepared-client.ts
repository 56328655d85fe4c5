import { Client } from 'pg';

/**
 * How many statements one connection keeps prepared. A read's text depends on the shape of the query (which
 * relations, which filter fields), never on a value, so a server meets a few dozen texts; the bound keeps a client
 * that invents new filter shapes from filling the database session's memory.
 */
export const PREPARED_PER_CONNECTION = 256;

/** Reads: statements that start with SELECT or WITH (a CTE of writes is prepared too, which is harmless). */
const READ = /^\s*(?:SELECT|WITH)\b/i;

interface ConnectionState {
  parsedStatements: Record<string, string | undefined>;
}

/**
 * The pg Client of the server's pool (`extra.Client`, src/db/data-source.ts): a parameterized read is sent as a
 * named prepared statement, parsed and planned by PostgreSQL once per connection instead of on every request —
 * what PostGraphile does. The loaders' and pages' statements are the same text request after request (the values
 * are parameters), so from the second use a read costs Bind + Execute only. The statements a connection knows are
 * kept in use order; past PREPARED_PER_CONNECTION the least recently used one is deallocated.
 *
 * Nothing else changes: TypeORM still sends every statement through its query runner (counted by CountingLogger),
 * the results are pg's, and an error leaves pg's own bookkeeping consistent (a statement that failed to parse is
 * parsed again next time). The embedded database (PGlite) keeps pg's plain Client: its one session is shared by
 * every Client object the pool makes, and names are per Client.
 */
/** pg's own Client.prototype.query, overloads and all (callbacks, Submittables, query configs). */
const clientQuery = Client.prototype.query as unknown as (this: Client, ...args: unknown[]) => unknown;

export class PreparingClient extends Client {
  /** Text → statement name, least recently used first. */
  private readonly prepared = new Map<string, string>();
  private counter = 0;

  /** The name of `text` on this connection, made (and the least recently used one evicted) when it is new. */
  statementName(text: string): string {
    const known = this.prepared.get(text);
    if (known !== undefined) {
      // Most recently used last.
      this.prepared.delete(text);
      this.prepared.set(text, known);
      return known;
    }
    if (this.prepared.size >= PREPARED_PER_CONNECTION) this.evictOldest();
    const name = `plangraph_${++this.counter}`;
    this.prepared.set(text, name);
    return name;
  }

  private evictOldest(): void {
    const [text, name] = this.prepared.entries().next().value as [string, string];
    this.prepared.delete(text);
    const connection = (this as unknown as { connection: ConnectionState }).connection;
    delete connection.parsedStatements[name];
    // Queued behind the statements already sent on this connection; a failure (the session ended) needs nothing.
    (clientQuery.call(this, `DEALLOCATE "${name}"`) as Promise<unknown>).catch(() => undefined);
  }
}

// pg's query() is overloaded; only (text, values) with no callback — how TypeORM's query runner calls it — becomes
// a named statement. Defined on the prototype rather than as a TypeScript override of every overload.
Object.defineProperty(PreparingClient.prototype, 'query', {
  value: function query(this: PreparingClient, ...args: unknown[]): unknown {
    const [text, values, callback] = args;
    if (
      typeof text === 'string' &&
      Array.isArray(values) &&
      values.length > 0 &&
      callback === undefined &&
      READ.test(text)
    ) {
      return clientQuery.call(this, { name: this.statementName(text), text, values });
    }
    return clientQuery.apply(this, args);
  },
  writable: true,
  configurable: true,
});
