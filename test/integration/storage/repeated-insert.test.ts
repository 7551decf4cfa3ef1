/**
 * RepeatedInsert reuses Kysely's compiled SQL only where the rows fit it: same row count and
 * columns, values in column order, each a plain value; it keeps as many row counts as it is given.
 * And the comments upsert and the child-row inserts, on both dialects, compile to exactly their
 * rows' values, so they are ones whose SQL can be reused.
 */
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildCommentUpsert, buildThemeInsert, buildTumourGroupInsert } from '../../../src/storage/comment-writes.js';
import { RepeatedInsert, type RepeatedInsertOptions } from '../../../src/storage/repeated-insert.js';
import { commentToRow } from '../../../src/storage/row-mapping.js';
import type { Database as Schema } from '../../../src/storage/schema.js';
import { syntheticComment } from './synthetic-comment.js';

interface Pair {
  a: string;
  b: number | null;
}

let db: Kysely<{ pairs: Pair }>;

beforeEach(async () => {
  db = new Kysely<{ pairs: Pair }>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });
  await db.schema
    .createTable('pairs')
    .addColumn('a', 'text', (c) => c.primaryKey())
    .addColumn('b', 'integer', (c) => c.defaultTo(7))
    .execute();
});
afterEach(async () => {
  await db.destroy();
});

/** The insert under test, and how often Kysely was asked to build it. */
function pairsInsert(options?: RepeatedInsertOptions) {
  const build = vi.fn((k: Kysely<Schema>, rows: readonly Pair[]) =>
    (k as unknown as Kysely<{ pairs: Pair }>).insertInto('pairs').values(rows).returning(['a', 'b']),
  );
  return { build, insert: new RepeatedInsert<Pair>(build as never, options) };
}

/** Up to 1,000 rows a statement: each of these batches goes whole. */
const run = (insert: RepeatedInsert<Pair>, rows: Pair[]) =>
  insert.execute<Pair>(db as unknown as Kysely<Schema>, rows, 1000);

/** `n` rows, their keys starting with `prefix`. */
const pairs = (prefix: string, n: number): Pair[] =>
  Array.from({ length: n }, (_, i) => ({ a: `${prefix}${i}`, b: i }));

const stored = () => db.selectFrom('pairs').selectAll().orderBy('a').execute();

describe('RepeatedInsert', () => {
  it('builds once per row count and then lays out each batch in the compiled order', async () => {
    const { build, insert } = pairsInsert();
    expect(
      await run(insert, [
        { a: 'x1', b: 1 },
        { a: 'x2', b: null },
      ]),
    ).toEqual([
      { a: 'x1', b: 1 },
      { a: 'x2', b: null },
    ]);
    expect(
      await run(insert, [
        { a: 'y1', b: 3 },
        { a: 'y2', b: 4 },
      ]),
    ).toEqual([
      { a: 'y1', b: 3 },
      { a: 'y2', b: 4 },
    ]);
    expect(build).toHaveBeenCalledTimes(1);
    await run(insert, [{ a: 'z1', b: 5 }]);
    expect(build).toHaveBeenCalledTimes(2);
    expect(await stored()).toEqual([
      { a: 'x1', b: 1 },
      { a: 'x2', b: null },
      { a: 'y1', b: 3 },
      { a: 'y2', b: 4 },
      { a: 'z1', b: 5 },
    ]);
  });

  it('sends varying row counts in power-of-two slices within the limit, returning what they return in order', async () => {
    const { build, insert } = pairsInsert({ varyingRowCounts: true });
    const execute = (batch: Pair[]) => insert.execute<Pair>(db as unknown as Kysely<Schema>, batch, 5);
    expect(await execute(pairs('x', 7))).toEqual(pairs('x', 7));
    expect(build.mock.calls.map(([, sliced]) => sliced.length)).toEqual([4, 2, 1]);
    expect(await execute(pairs('y', 7))).toEqual(pairs('y', 7));
    expect(build).toHaveBeenCalledTimes(3);
    expect(await execute([])).toEqual([]);
    expect(await stored()).toHaveLength(14);
  });

  it('keeps the SQL of as many row counts as it is given, dropping the least recently used', async () => {
    const { build, insert } = pairsInsert({ keptRowCounts: 2 });
    await run(insert, pairs('a', 1));
    await run(insert, pairs('b', 2));
    await run(insert, pairs('c', 1)); // reused, and now the most recent
    expect(build).toHaveBeenCalledTimes(2);
    await run(insert, pairs('d', 3)); // a third count: the two-row SQL goes
    await run(insert, pairs('e', 1)); // still kept
    expect(build).toHaveBeenCalledTimes(3);
    await run(insert, pairs('f', 2)); // built again
    expect(build).toHaveBeenCalledTimes(4);
    expect(await stored()).toHaveLength(10);
  });

  it('goes through Kysely for rows whose columns differ from the compiled ones', async () => {
    const { build, insert } = pairsInsert();
    await run(insert, [{ a: 'x1', b: 1 }]);
    // The same columns in another order: Kysely orders them afresh, so the compiled SQL is not reused.
    await run(insert, [{ b: 2, a: 'x2' } as Pair]);
    expect(build).toHaveBeenCalledTimes(2);
    expect(await stored()).toEqual([
      { a: 'x1', b: 1 },
      { a: 'x2', b: 2 },
    ]);
  });

  it('goes through Kysely for a value that is not a plain one, where the compiled SQL would bind it wrongly', async () => {
    const { build, insert } = pairsInsert();
    await run(insert, [{ a: 'x1', b: 1 }]);
    // Kysely leaves an undefined value out, so the column's default applies.
    await run(insert, [{ a: 'x2', b: undefined } as unknown as Pair]);
    // An expression is built into the SQL, not bound.
    await run(insert, [{ a: 'x3', b: sql<number>`40 + 2` } as unknown as Pair]);
    expect(build).toHaveBeenCalledTimes(3);
    expect(await stored()).toEqual([
      { a: 'x1', b: 1 },
      { a: 'x2', b: 7 },
      { a: 'x3', b: 42 },
    ]);
  });

  const dialects = [
    ['SQLite', () => new SqliteDialect({ database: new Database(':memory:') })],
    // Compiled only: no connection is made.
    ['PostgreSQL', () => new PostgresDialect({ pool: new pg.Pool({ max: 1 }) })],
  ] as const;

  it.each(dialects)(
    '%s: the theme and tumour-group inserts compile to their rows values, in column order, and nothing else',
    async (_name, dialect) => {
      const compiler = new Kysely<Schema>({ dialect: dialect() });
      try {
        const themes = [
          { source: 'sample', external_id: 'one', theme: 'communication', sentiment: 'positive' },
          { source: 'sample', external_id: 'two', theme: 'waiting', sentiment: 'negative' },
        ];
        const groups = [
          { source: 'sample', external_id: 'one', tumour_group: 'breast' },
          { source: 'sample', external_id: 'two', tumour_group: 'sarcoma' },
        ];
        expect(buildThemeInsert(compiler, themes).compile().parameters).toEqual(themes.flatMap(Object.values));
        expect(buildTumourGroupInsert(compiler, groups).compile().parameters).toEqual(groups.flatMap(Object.values));
      } finally {
        await compiler.destroy();
      }
    },
  );

  it.each(dialects)(
    '%s: the comments upsert compiles to its rows values, in column order, and nothing else',
    async (_name, dialect) => {
      const compiler = new Kysely<Schema>({ dialect: dialect() });
      try {
        const rows = [commentToRow(syntheticComment('one')), commentToRow(syntheticComment('two'))];
        const columns = Object.keys(rows[0]!);
        const values = rows.flatMap((row) => columns.map((c) => row[c as keyof typeof row]));
        expect(buildCommentUpsert(compiler, rows).compile().parameters).toEqual(values);
      } finally {
        await compiler.destroy();
      }
    },
  );
});
