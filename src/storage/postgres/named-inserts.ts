/**
 * Kysely's PostgreSQL pool, with the bulk inserts a store sends batch after batch prepared once per
 * connection. Kysely sends every query as an unnamed statement, so the server parses and analyses a
 * 200-row, 31-column upsert (6,200 parameters) afresh for every batch. Sent under a name, it is
 * parsed once per connection and then bound and run (docs/BENCHMARKS.md, "Named bulk inserts on
 * PostgreSQL").
 *
 * Only inserts, only long ones, and only once the same text has come back: inserts have no plan to
 * choose by their values (a select prepared under a name may be given a generic plan, worse than one
 * made for its values); short statements cost little to parse; a text seen once (an import's last
 * partial slice) would only hold server memory. What is named is capped per pool by its length in
 * all: a named statement keeps its plan in every connection that ran it until that connection
 * closes, about 40 bytes of server memory per character of SQL (1.7 MB for a 200-row upsert), so
 * each connection holds at most about 20 MB of them (a worker's usual few, about 100 KB of SQL, 4 MB).
 * A name is made from a hash of its text, so a name found on a server connection holds that very
 * text whichever process prepared it (behind a pooler, connections are shared).
 *
 * node-postgres parses a name once per connection and never again, so a named statement that goes
 * bad stays bad on its connection: a column in its RETURNING list changed type by another process
 * ("cached plan must not change result type"), or values it could not bind (it then closes the
 * statement but still counts it as parsed). So a connection on which a named send failed sends
 * everything unnamed until it is released, and is then closed, not pooled again. A pooler that does
 * not keep prepared statements (PgBouncer in transaction mode without prepared statement support)
 * shows up as a name missing or already taken on the server: naming then stops for the pool, and
 * the store goes on with unnamed statements.
 */
import { createHash } from 'node:crypto';
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';
import { setMostRecent } from '../recently-used.js';

export interface NamedInsertOptions {
  /** Shortest SQL text to name, in characters. @defaultValue 4096 */
  readonly minLength?: number;
  /** How many times a text is sent unnamed before it is named. @defaultValue 2 */
  readonly sentBeforeNaming?: number;
  /** Most characters of SQL named per pool; longer texts are then sent unnamed. @defaultValue 524,288 */
  readonly maxNamedLength?: number;
  /** Texts whose sends are counted, least recently sent dropped first. @defaultValue 16 */
  readonly maxCounted?: number;
}

const INSERT = /^\s*insert\s/i;

/** The name `sql` goes under: the same text has the same name in every process, another text another. */
export const insertNameOf = (sql: string): string =>
  `carevoice_insert_${createHash('sha256').update(sql).digest('hex').slice(0, 32)}`;

/** SQLSTATEs of a name the server does not hold as node-postgres believes: invalid_sql_statement_name, duplicate_prepared_statement. */
const NAME_NOT_KEPT = new Set(['26000', '42P05']);

/** Which SQL texts go under a name, and which name: one per text, the same on every connection. */
export class InsertNames {
  readonly #minLength: number;
  readonly #sentBeforeNaming: number;
  readonly #maxNamedLength: number;
  readonly #maxCounted: number;
  readonly #names = new Map<string, string>();
  #namedLength = 0;
  #stopped = false;
  /** Sends so far of texts not yet named, least recently sent first. */
  readonly #sends = new Map<string, number>();

  constructor(options: NamedInsertOptions = {}) {
    this.#minLength = options.minLength ?? 4096;
    this.#sentBeforeNaming = options.sentBeforeNaming ?? 2;
    this.#maxNamedLength = options.maxNamedLength ?? 512 * 1024;
    this.#maxCounted = options.maxCounted ?? 16;
  }

  /** Texts named so far. */
  get size(): number {
    return this.#names.size;
  }

  /** Whether naming has stopped (see stop). */
  get stopped(): boolean {
    return this.#stopped;
  }

  /** The name to send `sql` under, or undefined to send it unnamed; counts this send. */
  nameFor(sql: string): string | undefined {
    // Every query of the pool comes through here: the cheap checks first, so a select, begin or
    // commit is never hashed into the maps.
    if (this.#stopped || sql.length < this.#minLength || !INSERT.test(sql)) return undefined;
    const named = this.#names.get(sql);
    if (named !== undefined) return named;
    if (this.#namedLength + sql.length > this.#maxNamedLength) return undefined;
    const sends = (this.#sends.get(sql) ?? 0) + 1;
    if (sends <= this.#sentBeforeNaming) {
      setMostRecent(this.#sends, sql, sends, this.#maxCounted);
      return undefined;
    }
    this.#sends.delete(sql);
    const name = insertNameOf(sql);
    this.#names.set(sql, name);
    this.#namedLength += sql.length;
    return name;
  }

  /** Sends everything unnamed from now on: the server does not keep what is prepared on it. */
  stop(): void {
    this.#stopped = true;
    this.#names.clear();
    this.#sends.clear();
  }
}

/** What a pool that names inserts reports. */
export interface NamingEvents {
  /** Naming stopped for the pool: a named statement was missing, or its name taken, on the server. */
  onStopped?: (error: Error) => void;
}

/** A pooled connection as Kysely sees it, sending what `names` names as named statements. */
class NamingClient implements PostgresPoolClient {
  readonly #client: pg.PoolClient;
  readonly #names: InsertNames;
  readonly #events: NamingEvents;
  /** A named send failed: the connection may hold a statement that no longer works, so it sends unnamed and is closed on release. */
  #closeOnRelease = false;

  constructor(client: pg.PoolClient, names: InsertNames, events: NamingEvents) {
    this.#client = client;
    this.#names = names;
    this.#events = events;
  }

  query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
  query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  // biome-ignore lint/suspicious/noExplicitAny: pg's overloads, passed through as they are
  query(sqlOrCursor: string | PostgresCursor<unknown>, parameters?: ReadonlyArray<unknown>): any {
    if (typeof sqlOrCursor !== 'string') return this.#client.query(sqlOrCursor as unknown as pg.Submittable);
    // pg reads the values without changing them (Kysely has already copied them for it).
    const values = parameters as unknown[] | undefined;
    const name = this.#closeOnRelease ? undefined : this.#names.nameFor(sqlOrCursor);
    if (name === undefined) return this.#client.query(sqlOrCursor, values);
    return this.#client.query({ name, text: sqlOrCursor, values }).catch((error: unknown) => {
      this.#closeOnRelease = true;
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'string' && NAME_NOT_KEPT.has(code) && !this.#names.stopped) {
        this.#names.stop();
        this.#events.onStopped?.(error as Error);
      }
      throw error;
    });
  }

  release(destroy?: boolean): void {
    const close = destroy === true || this.#closeOnRelease;
    this.#closeOnRelease = false;
    this.#client.release(close);
  }
}

/** `pool` for Kysely's PostgresDialect, sending what `names` names as named statements. */
export function namingInserts(pool: pg.Pool, names = new InsertNames(), events: NamingEvents = {}): PostgresPool {
  // One wrapper per connection, so Kysely, which keeps its own per-client state, sees the same object each checkout.
  const wrappers = new WeakMap<pg.PoolClient, NamingClient>();
  return {
    async connect() {
      const client = await pool.connect();
      let wrapper = wrappers.get(client);
      if (wrapper === undefined) {
        wrapper = new NamingClient(client, names, events);
        wrappers.set(client, wrapper);
      }
      return wrapper;
    },
    end: () => pool.end(),
  };
}
