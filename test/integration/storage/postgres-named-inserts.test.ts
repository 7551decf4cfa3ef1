/**
 * Bulk inserts sent as named statements (src/storage/postgres/named-inserts.ts) on a real server:
 * parsed once per connection, the same rows written as unnamed, and a failure leaving nothing behind
 * that breaks the next send. Each case has a fresh schema and a one-connection pool, so every
 * statement runs in the session whose prepared statements are read.
 */
import { randomBytes } from 'node:crypto';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InsertNames, namingInserts } from '../../../src/storage/postgres/named-inserts.js';
import { openPostgres } from '../../../src/storage/postgres/open-postgres.js';

const databaseUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

interface Tables {
  items: { id: number; label: string };
}

let schema: string;
let db: Kysely<Tables>;

beforeEach(async () => {
  schema = `named_inserts_${randomBytes(4).toString('hex')}`;
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1, options: `-c search_path=${schema}` });
  const names = new InsertNames({ minLength: 30, sentBeforeNaming: 1 });
  db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool: namingInserts(pool, names) }) });
  await sql`create schema ${sql.id(schema)}`.execute(db);
  await sql`create table items (id integer primary key, label text not null)`.execute(db);
});

afterEach(async () => {
  await sql`drop schema ${sql.id(schema)} cascade`.execute(db);
  await db.destroy();
});

const insertItems = (ids: readonly number[]) =>
  db
    .insertInto('items')
    .values(ids.map((id) => ({ id, label: `item ${id}` })))
    .execute();

const prepared = async (): Promise<string[]> =>
  (
    await sql<{ name: string }>`select name from pg_prepared_statements where not from_sql order by name`.execute(db)
  ).rows.map((r) => r.name);

describe('named bulk inserts on PostgreSQL', () => {
  it('prepares a repeated insert once in the session and writes the same rows as unnamed sends', async () => {
    await insertItems([1, 2]);
    expect(await prepared()).toEqual([]);
    await insertItems([3, 4]);
    await insertItems([5, 6]);
    expect(await prepared()).toEqual(['carevoice_insert_1']);
    const { rows } = await sql<{ id: number; label: string }>`select id, label from items order by id`.execute(db);
    expect(rows).toEqual([1, 2, 3, 4, 5, 6].map((id) => ({ id, label: `item ${id}` })));
  });

  it('goes on working after a named insert fails, in a transaction or not', async () => {
    await insertItems([1, 2]);
    await insertItems([3, 4]);
    await expect(insertItems([3, 5])).rejects.toThrow(/duplicate key value violates unique constraint/);
    await expect(
      db.transaction().execute(async (trx) => {
        await trx
          .insertInto('items')
          .values([7, 8].map((id) => ({ id, label: `item ${id}` })))
          .execute();
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await insertItems([5, 6]);
    const { rows } = await sql<{ id: number }>`select id from items order by id`.execute(db);
    expect(rows.map((r) => r.id)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("reports the server's own error each time a named insert cannot be parsed", async () => {
    const intoMissing = () => sql`insert into missing_table (id, label) values (${1}, ${'a'})`.execute(db);
    for (let i = 0; i < 3; i++) await expect(intoMissing()).rejects.toThrow(/relation "missing_table" does not exist/);
    await sql`create table missing_table (id integer, label text)`.execute(db);
    await intoMissing();
    const { rows } = await sql<{ n: string }>`select count(*) as n from missing_table`.execute(db);
    expect(Number(rows[0]!.n)).toBe(1);
  });

  it.each([
    [true, ['carevoice_insert_1']],
    [false, []],
  ])(
    "names the store handle's repeated bulk inserts only when asked to (namedStatements: %s)",
    async (namedStatements, expected) => {
      const opened = await openPostgres({ connectionString: databaseUrl, schema, poolSize: 1, namedStatements });
      try {
        const store = opened.db as unknown as Kysely<Tables>;
        // Long enough for the default threshold, sent more often than the default count before naming.
        for (let batch = 0; batch < 4; batch++) {
          const ids = Array.from({ length: 500 }, (_, i) => 10_000 + batch * 500 + i);
          await store
            .insertInto('items')
            .values(ids.map((id) => ({ id, label: `item ${id}` })))
            .execute();
        }
        const { rows } = await sql<{
          name: string;
        }>`select name from pg_prepared_statements where not from_sql`.execute(store);
        expect(rows.map((r) => r.name)).toEqual(expected);
      } finally {
        await opened.db.destroy();
      }
    },
  );
});
