/**
 * A bulk insert sent batch after batch, whose SQL depends only on how many rows it carries. Kysely
 * builds and compiles it once per row count, and each later batch only lays its values out in the
 * compiled order: building a 200-row, 31-column upsert walks every value through Kysely's parser and
 * compiler, a few percent of a process worker's CPU (docs/BENCHMARKS.md). Kysely stays the author
 * of the SQL. A compiled statement is reused only when its parameters were exactly the rows' values
 * in column order, which is checked when it is compiled, and only for rows with those same columns,
 * in that order, each a plain value (not undefined, which Kysely would leave out, nor an expression
 * it would build into the SQL). Anything else goes through Kysely as before.
 *
 * A caller whose row counts vary batch by batch (a batch's theme rows) asks for slices of
 * power-of-two sizes (chunkInPowersOfTwo), so its statements still come in a few shapes, each
 * compiled once: 560 rows go as 512, 32 and 16. One whose counts hold steady (a batch of comments)
 * sends each batch whole, in one statement up to its limit.
 */
import { type Compilable, CompiledQuery, type Kysely } from 'kysely';
import { chunk, chunkInPowersOfTwo } from './chunk.js';
import { setMostRecent } from './recently-used.js';
import type { Database } from './schema.js';

export interface RepeatedInsertOptions {
  /** Slice rows in powers of two so varying counts share a few shapes. Default false. */
  readonly varyingRowCounts?: boolean;
  /**
   * Row counts whose SQL is kept, least recently used dropped first. Default: 4 for steady counts
   * (a worker's batches come in one or two sizes, and each SQL is up to ~250 KB), 16 for varying
   * ones (every power of two up to 32,768 rows, more than any bound-parameter limit allows).
   */
  readonly keptRowCounts?: number;
}

interface Compiled {
  readonly sql: string;
  readonly columns: readonly string[];
}

type Row = Readonly<Record<string, unknown>>;

/**
 * A value Kysely sends as a parameter as it is. Anything else (undefined, which Kysely leaves out;
 * an expression such as sql`…` or a function, which it builds into the SQL) needs Kysely.
 */
const isPlainValue = (value: unknown): boolean =>
  value === null ||
  typeof value === 'string' ||
  typeof value === 'number' ||
  typeof value === 'bigint' ||
  typeof value === 'boolean' ||
  value instanceof Date ||
  value instanceof Uint8Array;

/** The columns every row has, in the same order, all plain values; undefined when they differ. */
function sharedColumns(rows: readonly Row[]): string[] | undefined {
  const columns = Object.keys(rows[0] ?? {});
  for (const row of rows) {
    const keys = Object.keys(row);
    if (keys.length !== columns.length) return undefined;
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] !== columns[i] || !isPlainValue(row[keys[i]!])) return undefined;
    }
  }
  return columns;
}

function valuesOf(rows: readonly Row[], columns: readonly string[]): unknown[] {
  const values = new Array<unknown>(rows.length * columns.length);
  let at = 0;
  for (const row of rows) for (const column of columns) values[at++] = row[column];
  return values;
}

/** The same items, in the same order, each the very same value. */
const sameItems = (a: readonly unknown[], b: readonly unknown[]): boolean =>
  a.length === b.length && a.every((item, i) => item === b[i]);

/** One per statement and store handle: the compiled SQL is the handle's dialect's. */
export class RepeatedInsert<R extends object> {
  readonly #compiled = new Map<number, Compiled>();
  readonly #slice: <T>(items: readonly T[], max: number) => T[][];
  readonly #keptRowCounts: number;

  constructor(
    private readonly build: (db: Kysely<Database>, rows: readonly R[]) => Compilable<unknown>,
    { varyingRowCounts = false, keptRowCounts = varyingRowCounts ? 16 : 4 }: RepeatedInsertOptions = {},
  ) {
    this.#slice = varyingRowCounts ? chunkInPowersOfTwo : chunk;
    this.#keptRowCounts = keptRowCounts;
  }

  /**
   * Runs the insert for `rows` on `db`, at most `maxRowsPerStatement` to a statement, and returns
   * what its statements return, in order.
   */
  async execute<O>(db: Kysely<Database>, rows: readonly R[], maxRowsPerStatement: number): Promise<O[]> {
    const returned: O[] = [];
    for (const slice of this.#slice(rows, maxRowsPerStatement)) {
      for (const row of await this.#executeSlice<O>(db, slice)) returned.push(row);
    }
    return returned;
  }

  async #executeSlice<O>(db: Kysely<Database>, rows: readonly R[]): Promise<O[]> {
    const values = rows as readonly Row[];
    const columns = sharedColumns(values);
    const known = this.#compiled.get(rows.length);
    if (columns !== undefined && known !== undefined && sameItems(columns, known.columns)) {
      setMostRecent(this.#compiled, rows.length, known, this.#keptRowCounts);
      return (await db.executeQuery<O>(CompiledQuery.raw(known.sql, valuesOf(values, columns)))).rows;
    }
    const compiled = this.build(db, rows).compile();
    if (columns !== undefined && sameItems(compiled.parameters, valuesOf(values, columns))) {
      setMostRecent(this.#compiled, rows.length, { sql: compiled.sql, columns }, this.#keptRowCounts);
    }
    return (await db.executeQuery<O>(compiled)).rows;
  }
}
