/**
 * Bulk inserts sent as named statements (src/storage/postgres/named-inserts.ts) on a real server:
 * prepared once per connection and run under the name, the same rows and results as unnamed sends,
 * and nothing left behind by a failure that breaks the next send. Each case has a fresh schema and a
 * one-connection pool, so every statement runs in the session whose prepared statements are read.
 */
import { randomBytes } from 'node:crypto';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InsertNames, insertNameOf, namingInserts } from '../../../src/storage/postgres/named-inserts.js';
import { openPostgres } from '../../../src/storage/postgres/open-postgres.js';

const databaseUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

interface Tables {
  items: { id: number; label: string };
}

let schema: string;
let db: Kysely<Tables>;
let stopped: Error[];

beforeEach(async () => {
  schema = `named_inserts_${randomBytes(4).toString('hex')}`;
  stopped = [];
  // No idle timeout: a slow test must not lose its session, and with it the prepared statements.
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: 1,
    idleTimeoutMillis: 0,
    options: `-c search_path=${schema}`,
  });
  const names = new InsertNames({ minLength: 30, sentBeforeNaming: 1 });
  db = new Kysely<Tables>({
    dialect: new PostgresDialect({ pool: namingInserts(pool, names, { onStopped: (error) => stopped.push(error) }) }),
  });
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
    .returning(['id', 'label'])
    .execute();

/** A value node-postgres cannot turn into a parameter (JSON.stringify throws on it). */
const circular: Record<string, unknown> = {};
circular['self'] = circular;

/** The name insertItems' statement for `rows` rows goes under. */
const itemsInsertName = (rows: number): string =>
  insertNameOf(
    db
      .insertInto('items')
      .values(Array.from({ length: rows }, (_, i) => ({ id: i, label: '' })))
      .returning(['id', 'label'])
      .compile().sql,
  );

/** The server process behind the pool's one connection: another one means the connection was replaced. */
const backendPid = async (): Promise<number> =>
  (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)).rows[0]!.pid;

/** The session's statements prepared through the protocol, and how often each ran. */
const prepared = async (): Promise<{ name: string; runs: number }[]> =>
  (
    await sql<{ name: string; runs: string }>`select name, generic_plans + custom_plans as runs
      from pg_prepared_statements where not from_sql order by name`.execute(db)
  ).rows.map((r) => ({ name: r.name, runs: Number(r.runs) }));

const storedIds = async (): Promise<number[]> =>
  (await sql<{ id: number }>`select id from items order by id`.execute(db)).rows.map((r) => r.id);

describe('named bulk inserts on PostgreSQL', () => {
  it('prepares a repeated insert once in the session, runs it under its name, and answers as unnamed sends do', async () => {
    const first = await insertItems([1, 2]);
    expect(await prepared()).toEqual([]);
    const second = await insertItems([3, 4]);
    const third = await insertItems([5, 6]);
    expect(await prepared()).toEqual([{ name: itemsInsertName(2), runs: 2 }]);
    expect([first, second, third]).toEqual([
      [
        { id: 1, label: 'item 1' },
        { id: 2, label: 'item 2' },
      ],
      [
        { id: 3, label: 'item 3' },
        { id: 4, label: 'item 4' },
      ],
      [
        { id: 5, label: 'item 5' },
        { id: 6, label: 'item 6' },
      ],
    ]);
    const counted = await db
      .insertInto('items')
      .values([7, 8].map((id) => ({ id, label: `item ${id}` })))
      .executeTakeFirstOrThrow();
    expect(counted.numInsertedOrUpdatedRows).toBe(2n);
    expect(await storedIds()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('replaces the connection after a named insert fails, in a transaction or not, and goes on working', async () => {
    await insertItems([1, 2]);
    await insertItems([3, 4]);
    expect((await prepared()).map((p) => p.name)).toEqual([itemsInsertName(2)]);
    const firstPid = await backendPid();
    await expect(insertItems([3, 5])).rejects.toThrow(/duplicate key value violates unique constraint/);
    const secondPid = await backendPid();
    expect(secondPid).not.toBe(firstPid);
    await insertItems([7, 8]);
    await insertItems([9, 10]);
    await expect(
      db.transaction().execute(async (trx) => {
        const row = (id: number) => ({ id, label: `item ${id}` });
        await trx
          .insertInto('items')
          .values([row(11), row(12)])
          .returning(['id', 'label'])
          .execute();
        await trx
          .insertInto('items')
          .values([row(11), row(13)])
          .returning(['id', 'label'])
          .execute();
      }),
    ).rejects.toThrow(/duplicate key value violates unique constraint/);
    expect(await backendPid()).not.toBe(secondPid);
    await insertItems([5, 6]);
    expect(await storedIds()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(stopped).toEqual([]);
  });

  it("reports the server's own error each time a named insert cannot be parsed", async () => {
    const intoMissing = () => sql`insert into missing_table (id, label) values (${1}, ${'a'})`.execute(db);
    for (let i = 0; i < 3; i++) await expect(intoMissing()).rejects.toThrow(/relation "missing_table" does not exist/);
    await sql`create table missing_table (id integer, label text)`.execute(db);
    await intoMissing();
    await intoMissing();
    expect((await prepared()).map((p) => p.name)).toEqual([
      insertNameOf('insert into missing_table (id, label) values ($1, $2)'),
    ]);
    const { rows } = await sql<{ n: string }>`select count(*) as n from missing_table`.execute(db);
    expect(Number(rows[0]!.n)).toBe(2);
  });

  it('recovers when a column it returns changes type under it (cached plan must not change result type)', async () => {
    await insertItems([1, 2]);
    await insertItems([3, 4]);
    await sql`alter table items alter column label type varchar(100)`.execute(db);
    await expect(insertItems([5, 6])).rejects.toThrow(/cached plan must not change result type/);
    expect(await insertItems([7, 8])).toEqual([
      { id: 7, label: 'item 7' },
      { id: 8, label: 'item 8' },
    ]);
    expect(await storedIds()).toEqual([1, 2, 3, 4, 7, 8]);
  });

  it('recovers when node-postgres could not bind the values of a named insert', async () => {
    const insertOne = (id: number, label: unknown) =>
      sql`insert into items (id, label) values (${id}, ${label})`.execute(db);
    await insertOne(1, 'item 1');
    await insertOne(2, 'item 2');
    await expect(insertOne(3, circular)).rejects.toThrow(/circular/i);
    await insertOne(4, 'item 4');
    expect(await storedIds()).toEqual([1, 2, 4]);
    expect(stopped).toEqual([]);
  });

  it('sends the rest of a transaction unnamed after a named send in it failed to bind', async () => {
    await insertItems([1, 2]);
    await insertItems([3, 4]);
    await db.transaction().execute(async (trx) => {
      const insert = (label: unknown) =>
        trx
          .insertInto('items')
          .values([
            { id: 5, label: label as string },
            { id: 6, label: 'item 6' },
          ])
          .returning(['id', 'label'])
          .execute();
      // Caught, so the transaction goes on: the statement pg closed must not be bound again.
      await expect(insert(circular)).rejects.toThrow(/circular/i);
      await insert('item 5');
    });
    expect(await storedIds()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(stopped).toEqual([]);
  });

  it('stops naming, and goes on unnamed, where the server does not keep prepared statements', async () => {
    await insertItems([1, 2]);
    await insertItems([3, 4]);
    // What a pooler in transaction mode does to a client: the next statement runs in a session that never saw the name.
    await sql`deallocate all`.execute(db);
    await expect(insertItems([5, 6])).rejects.toThrow(`prepared statement "${itemsInsertName(2)}" does not exist`);
    expect(stopped.map((e) => (e as Error & { code?: string }).code)).toEqual(['26000']);
    await insertItems([5, 6]);
    await insertItems([7, 8]);
    expect(await prepared()).toEqual([]);
    expect(await storedIds()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it.each([
    [true, 1],
    [false, 0],
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
        expect(rows).toHaveLength(expected);
        for (const { name } of rows) expect(name).toMatch(/^carevoice_insert_[0-9a-f]{32}$/);
      } finally {
        await opened.db.destroy();
      }
    },
  );
});
