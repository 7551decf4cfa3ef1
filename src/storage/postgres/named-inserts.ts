/**
 * Kysely's PostgreSQL pool, with the bulk inserts a store sends batch after batch prepared once per
 * connection. Kysely sends every query as an unnamed statement, so the server parses, analyses and
 * plans a 200-row, 31-column upsert (6,200 parameters) afresh for every batch. Sent under a name,
 * it is parsed once per connection and then only bound and run (docs/BENCHMARKS.md, "Named bulk
 * inserts on PostgreSQL").
 *
 * Only inserts, only long ones, and only once the same text has come back: inserts have no plan to
 * choose by their values (a select prepared under a name may be given a generic plan, worse than one
 * made for its values); short statements cost little to parse; a text seen once (an import's last
 * partial slice) would only hold server memory. The number of names is capped per pool, since each
 * holds a parsed statement in every connection that ran it until the connection closes.
 */
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';

export interface NamedInsertOptions {
  /** Shortest SQL text to name, in characters. @defaultValue 4096 */
  readonly minLength?: number;
  /** How many times a text is sent unnamed before it is named. @defaultValue 2 */
  readonly sentBeforeNaming?: number;
  /** Most texts named per pool; later ones are sent unnamed. @defaultValue 32 */
  readonly maxNames?: number;
  /** Texts whose sends are counted, least recently sent dropped first. @defaultValue 256 */
  readonly maxCounted?: number;
}

const INSERT = /^\s*insert\s/i;

/** Which SQL texts go under a name, and which name: one per text, the same on every connection. */
export class InsertNames {
  readonly #minLength: number;
  readonly #sentBeforeNaming: number;
  readonly #maxNames: number;
  readonly #maxCounted: number;
  readonly #names = new Map<string, string>();
  /** Sends so far of texts not yet named; a Map iterates oldest first, and a send re-inserts. */
  readonly #sends = new Map<string, number>();

  constructor(options: NamedInsertOptions = {}) {
    this.#minLength = options.minLength ?? 4096;
    this.#sentBeforeNaming = options.sentBeforeNaming ?? 2;
    this.#maxNames = options.maxNames ?? 32;
    this.#maxCounted = options.maxCounted ?? 256;
  }

  /** Texts named so far. */
  get size(): number {
    return this.#names.size;
  }

  /** The name to send `sql` under, or undefined to send it unnamed; counts this send. */
  nameFor(sql: string): string | undefined {
    const named = this.#names.get(sql);
    if (named !== undefined) return named;
    if (sql.length < this.#minLength || this.#names.size >= this.#maxNames || !INSERT.test(sql)) return undefined;
    const sends = (this.#sends.get(sql) ?? 0) + 1;
    this.#sends.delete(sql);
    if (sends <= this.#sentBeforeNaming) {
      this.#sends.set(sql, sends);
      if (this.#sends.size > this.#maxCounted) this.#sends.delete(this.#sends.keys().next().value as string);
      return undefined;
    }
    const name = `carevoice_insert_${this.#names.size + 1}`;
    this.#names.set(sql, name);
    return name;
  }
}

/** A pooled connection as Kysely sees it, sending what `names` names as named statements. */
class NamingClient implements PostgresPoolClient {
  readonly #client: pg.PoolClient;
  readonly #names: InsertNames;

  constructor(client: pg.PoolClient, names: InsertNames) {
    this.#client = client;
    this.#names = names;
  }

  query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
  query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  // biome-ignore lint/suspicious/noExplicitAny: pg's overloads, passed through as they are
  query(sqlOrCursor: string | PostgresCursor<unknown>, parameters?: ReadonlyArray<unknown>): any {
    if (typeof sqlOrCursor !== 'string') return this.#client.query(sqlOrCursor as unknown as pg.Submittable);
    // pg reads the values without changing them (Kysely has already copied them for it).
    const values = parameters as unknown[] | undefined;
    const name = this.#names.nameFor(sqlOrCursor);
    return name === undefined
      ? this.#client.query(sqlOrCursor, values)
      : this.#client.query({ name, text: sqlOrCursor, values });
  }

  release(destroy?: boolean): void {
    this.#client.release(destroy);
  }
}

/** `pool` for Kysely's PostgresDialect, sending what `names` names as named statements. */
export function namingInserts(pool: pg.Pool, names = new InsertNames()): PostgresPool {
  return {
    connect: async () => new NamingClient(await pool.connect(), names),
    end: () => pool.end(),
  };
}
