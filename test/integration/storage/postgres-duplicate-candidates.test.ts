/**
 * What only PostgreSQL's in-memory band neighbours (migration 014) can get wrong: journal rows
 * numbered out of commit order, two processes' handles deciding duplicates at once, journal rows
 * read inside a transaction that rolled back, the newest rows compacted away, a store migrated
 * with comments in it, and an upgrade over several migrations while a writer holds the write lock.
 * Each case has a fresh schema.
 */
import { randomBytes } from 'node:crypto';
import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildCommentUpsert } from '../../../src/storage/comment-writes.js';
import type { OpenedDatabase } from '../../../src/storage/dialect-hooks.js';
import { migrationProvider } from '../../../src/storage/migrations/index.js';
import { openStore } from '../../../src/storage/open-store.js';
import { commentWriteLockKey } from '../../../src/storage/postgres/advisory-lock-keys.js';
import { openPostgres } from '../../../src/storage/postgres/open-postgres.js';
import { commentToRow } from '../../../src/storage/row-mapping.js';
import type { Database } from '../../../src/storage/schema.js';
import type { Store } from '../../../src/storage/store.js';
import { expectOneOriginal, keepFirstOriginal } from './first-original.js';
import { syntheticComment } from './synthetic-comment.js';

const databaseUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

let schema: string;
const opened: OpenedDatabase[] = [];
const stores: Store[] = [];
const clients: pg.Client[] = [];

const open = async (): Promise<OpenedDatabase> => {
  const handle = await openPostgres({ connectionString: databaseUrl, schema, poolSize: 4 });
  opened.push(handle);
  return handle;
};

const store = async (): Promise<Store> => {
  const s = await openStore({ databaseUrl, sqlitePath: 'unused', postgresSchema: schema, poolSize: 4 });
  stores.push(s);
  return s;
};

const journal = async ({ db }: OpenedDatabase) =>
  (
    await sql<{ external_id: string; simhash: string }>`
      select external_id, simhash from simhash_journal order by seq`.execute(db)
  ).rows;

const bandIndexes = async ({ db }: OpenedDatabase): Promise<string[]> =>
  (
    await sql<{ name: string }>`select indexname as name from pg_indexes
      where schemaname = ${schema} and indexname like 'comments_sim_band%' order by indexname`.execute(db)
  ).rows.map((r) => r.name);

/** The statements `lookup` sends through a Kysely of its own on the schema, which logs them. */
async function statementsOf(lookup: (db: Kysely<Database>) => Promise<unknown>): Promise<string[]> {
  const statements: string[] = [];
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1, options: `-c search_path=${schema}` });
  const logged = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => {
      if (event.level === 'query') statements.push(event.query.sql);
    },
  });
  try {
    await lookup(logged);
  } finally {
    await logged.destroy();
  }
  return statements;
}

/** A client of its own on the schema, ended after the test. */
async function client(): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: databaseUrl, options: `-c search_path=${schema}` });
  await c.connect();
  clients.push(c);
  return c;
}

/** Inserts a comment row by hand, with no lockCommentWrites before it. */
async function insertByHand(c: pg.Client, externalId: string, simhash: string): Promise<void> {
  const row = commentToRow(syntheticComment(externalId, { simhash }));
  const columns = Object.keys(row);
  await c.query(
    `insert into comments (${columns.join(', ')}) values (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
    Object.values(row),
  );
}

/** Resolves once some session waits for the comment write lock (the key's two halves, as pg_locks shows them). */
async function someoneWaitsForTheWriteLock(watcher: pg.Client): Promise<void> {
  for (const deadline = Date.now() + 5000; ; ) {
    if (Date.now() > deadline) throw new Error('no session waited for the comment write lock within 5 s');
    const { rows } = await watcher.query(
      `select 1 from pg_locks where locktype = 'advisory' and not granted
         and ((classid::bigint << 32) | objid::bigint) = $1::bigint`,
      [commentWriteLockKey(schema)],
    );
    if (rows.length > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Statements that read journal rows (as opposed to its high-water mark). */
const journalReads = (statements: string[]) => statements.filter((s) => s.includes('"seq" >'));

beforeEach(() => {
  schema = `carevoice_test_${randomBytes(6).toString('hex')}`;
});

afterEach(async () => {
  for (const c of clients.splice(0)) await c.end();
  for (const s of stores.splice(0)) await s.close();
  const admin = await openPostgres({ connectionString: databaseUrl, poolSize: 1 });
  await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(admin.db);
  await admin.db.destroy();
  for (const handle of opened.splice(0)) await handle.db.destroy();
});

describe('PostgreSQL duplicate candidates from the SimHash journal', () => {
  it('journals new comments and changed SimHashes, not other changes', async () => {
    const writer = await store();
    const reader = await open();
    const first = syntheticComment('a', { simhash: '1111222233334444' });
    await writer.upsertComments([first, syntheticComment('b', { simhash: '5555666677778888' })]);
    await writer.upsertComments([{ ...first, text: 'edited, same SimHash' }]);
    // One upsert statement inserting one comment, changing one's SimHash and another's text alone,
    // written directly so the case holds however the store splits its writes into statements.
    await buildCommentUpsert(
      reader.db,
      [
        { ...first, text: 'edited again', simhash: '1111222233339999' },
        syntheticComment('b', { simhash: '5555666677778888', text: 'b edited' }),
        syntheticComment('c', { simhash: '9999888877776666' }),
      ].map(commentToRow),
    ).execute();
    expect((await journal(reader)).slice(0, 2)).toEqual([
      { external_id: 'a', simhash: '1111222233334444' },
      { external_id: 'b', simhash: '5555666677778888' },
    ]);
    // The statement's rows come in no set order.
    expect((await journal(reader)).slice(2).sort((x, y) => x.external_id.localeCompare(y.external_id))).toEqual([
      { external_id: 'a', simhash: '1111222233339999' },
      { external_id: 'c', simhash: '9999888877776666' },
    ]);
    expect((await reader.hooks.findDuplicateCandidates(reader.db, ['1111222233339999'], 0)).map((c) => c.key)).toEqual([
      'sample:a',
    ]);
    // The first SimHash's entry is stale: the comment's current SimHash is checked again.
    expect(await reader.hooks.findDuplicateCandidates(reader.db, ['1111222233334444'], 0)).toEqual([]);
  });

  it("takes the comment write lock in the triggers, computed from the table's schema as the store computes it", async () => {
    await (await store()).close();
    const byHand = await client();
    const other = await client();
    const tryLock = async () =>
      (
        await other.query<{ locked: boolean }>('select pg_try_advisory_xact_lock($1::bigint) as locked', [
          commentWriteLockKey(schema),
        ])
      ).rows[0]!.locked;
    await byHand.query('begin');
    await insertByHand(byHand, 'by-hand', 'abcdabcdabcdabcd');
    expect(await tryLock()).toBe(false);
    await byHand.query('commit');
    expect(await tryLock()).toBe(true);
    const reader = await open();
    expect((await reader.hooks.findDuplicateCandidates(reader.db, ['abcdabcdabcdabcd'], 0)).map((c) => c.key)).toEqual([
      'sample:by-hand',
    ]);
  });

  it("numbers a lockless writer's journal rows only once it has the lock, after those of the writer it waited for", async () => {
    await (await store()).close();
    const holder = await client();
    const lockless = await client();
    const watcher = await client();
    await holder.query('begin');
    await holder.query('select pg_advisory_xact_lock($1::bigint)', [commentWriteLockKey(schema)]);
    await lockless.query('begin');
    const waiting = insertByHand(lockless, 'lockless', '1111111111111111');
    await someoneWaitsForTheWriteLock(watcher);
    await insertByHand(holder, 'holder', '2222222222222222');
    await holder.query('commit');
    await waiting;
    // A handle reads what is committed: the holder's row, below the lockless writer's.
    const reader = await open();
    expect((await reader.hooks.findDuplicateCandidates(reader.db, ['2222222222222222'], 0)).map((c) => c.key)).toEqual([
      'sample:holder',
    ]);
    await lockless.query('commit');
    expect((await reader.hooks.findDuplicateCandidates(reader.db, ['1111111111111111'], 0)).map((c) => c.key)).toEqual([
      'sample:lockless',
    ]);
  });

  it('purges text only once a writer holding the lock has committed, with no deadlock over the same comments', async () => {
    const writer = await store();
    await writer.upsertComments([syntheticComment('old', { postedAt: '2020-01-01T00:00:00.000Z' })]);
    const holder = await client();
    const watcher = await client();
    await holder.query('begin');
    await holder.query('select pg_advisory_xact_lock($1::bigint)', [commentWriteLockKey(schema)]);
    const purge = writer.purgeCommentText('2021-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');
    // The purge waits for the lock before it touches a row; were it to finish first, the
    // rewrite below would bring the text back after it.
    await Promise.race([purge, someoneWaitsForTheWriteLock(watcher)]);
    await holder.query(`update comments set text = 'rewritten' where external_id = 'old'`);
    await holder.query('commit');
    expect(await purge).toBe(1);
    expect((await writer.getComment('sample', 'old'))?.text).toBe('');
  });

  it('keeps one original among copies written at once through two handles, as two processes would', async () => {
    const [one, two] = [await store(), await store()];
    // Journal rows of comments long gone, enough for several pages of reading while the batches run.
    const admin = await open();
    await sql`insert into simhash_journal (source, external_id, simhash)
      select 'gone', 'g-' || i, lpad(to_hex(i), 16, '0') from generate_series(1, 50000) i`.execute(admin.db);
    const copies = Array.from({ length: 12 }, (_, i) =>
      syntheticComment(`copy-${i}`, { contentHash: 'same', simhash: 'abcdabcdabcdabcd' }),
    );
    await Promise.all(copies.map((copy, i) => (i % 2 === 0 ? one : two).upsertComments([copy], keepFirstOriginal)));
    expectOneOriginal(await Promise.all(copies.map((c) => one.getComment('sample', c.externalId))));
  });

  it('reads on past journal rows it read inside a transaction that rolled back, without reading all again', async () => {
    await (await store()).close();
    const reader = await open();
    await sql`insert into simhash_journal (source, external_id, simhash)
      select 'gone', 'g-' || i, lpad(to_hex(i), 16, '0') from generate_series(1, 1000) i`.execute(reader.db);
    await reader.hooks.findDuplicateCandidates(reader.db, ['0000000000000001']);
    await expect(
      reader.hooks.writeTransaction(reader.db, async (trx) => {
        await reader.hooks.lockCommentWrites(trx);
        await trx
          .insertInto('comments')
          .values(commentToRow(syntheticComment('rolled-back', { simhash: '1111222233334444' })))
          .execute();
        // Reads its own uncommitted journal row: the high-water mark is then above the committed one.
        expect(await reader.hooks.findDuplicateCandidates(trx, ['1111222233334444'])).toHaveLength(1);
        throw new Error('abandoned');
      }),
    ).rejects.toThrow('abandoned');
    // The reading went back to where the transaction began, not to the journal's start.
    const reads = await statementsOf((db) => reader.hooks.findDuplicateCandidates(db, ['1111222233334444']));
    expect(journalReads(reads)).toEqual([]);

    const writer = await store();
    await writer.upsertComments([syntheticComment('committed', { simhash: 'aaaabbbbccccdddd' })]);
    expect(await reader.hooks.findDuplicateCandidates(reader.db, ['1111222233334444'])).toEqual([]);
    expect((await reader.hooks.findDuplicateCandidates(reader.db, ['aaaabbbbccccdddd'])).map((c) => c.key)).toEqual([
      'sample:committed',
    ]);
  });

  it('compacts the journal but its newest row, so no handle reads it all again, and every handle finds the same', async () => {
    const writer = await store();
    const reader = await open();
    const comments = ['keep', 'rewrite', 'gone'].map((id, i) =>
      syntheticComment(id, { simhash: `${i}${i}${i}${i}000011112222` }),
    );
    await writer.upsertComments(comments);
    await writer.upsertComments([{ ...comments[1]!, text: 'edited', simhash: 'aaaa000011112222' }]);
    expect(await writer.deleteComment('sample', 'gone')).toBe(true);
    // The newest journal rows are gone comments': the highest number is one compaction would drop.
    await sql`insert into simhash_journal (source, external_id, simhash)
      select 'gone', 'g-' || i, lpad(to_hex(i), 16, '0') from generate_series(1, 1000) i`.execute(reader.db);
    const asked = ['0000000011112222', '1111000011112222', 'aaaa000011112222', '2222000011112222'];
    expect((await reader.hooks.findDuplicateCandidates(reader.db, asked, 0)).map((c) => c.key)).toEqual([
      'sample:keep',
      'sample:rewrite',
    ]);

    // Dropped: the deleted comment's row, rewrite's first SimHash, and all gone rows but the newest.
    expect(await writer.compactDuplicateLookup()).toBe(1001);
    expect((await journal(reader)).map((r) => r.external_id)).toEqual(['keep', 'rewrite', 'g-1000']);
    const reads = await statementsOf((db) => reader.hooks.findDuplicateCandidates(db, asked, 0));
    expect(journalReads(reads)).toEqual([]);
    expect((await reader.hooks.findDuplicateCandidates(reader.db, asked, 0)).map((c) => c.key)).toEqual([
      'sample:keep',
      'sample:rewrite',
    ]);
    expect(await writer.compactDuplicateLookup()).toBe(0);
    await writer.upsertComments([syntheticComment('later', { simhash: '5555000011112222' })]);
    expect((await reader.hooks.findDuplicateCandidates(reader.db, ['5555000011112222'], 0)).map((c) => c.key)).toEqual([
      'sample:later',
    ]);
    const fresh = await open();
    expect((await fresh.hooks.findDuplicateCandidates(fresh.db, asked, 0)).map((c) => c.key)).toEqual([
      'sample:keep',
      'sample:rewrite',
    ]);
  });

  it('upgrades over several migrations while a writer holds the write lock, without deadlock', async () => {
    const before = await open();
    const migrator = new Migrator({ db: before.db, provider: migrationProvider, migrationTableSchema: schema });
    expect((await migrator.migrateTo('010-data-versions')).error).toBeUndefined();
    const writer = await client();
    const writerPid = (await writer.query('select pg_backend_pid() as pid')).rows[0].pid as number;
    await writer.query('begin');
    await writer.query('select pg_advisory_xact_lock($1::bigint)', [commentWriteLockKey(schema)]);

    // Migrations 011 to 014 in one transaction; 011 and 012 build indexes on comments, 014 needs the write lock.
    const upgraded = store();
    // Settled even if a check below fails first, so its rejection is not left unhandled.
    upgraded.catch(() => undefined);
    const watcher = await client();
    await someoneWaitsForTheWriteLock(watcher);
    const { rows: commentLocks } = await watcher.query(
      `select l.mode from pg_locks l join pg_class c on c.oid = l.relation
         join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = $1 and c.relname = 'comments' and l.pid <> $2`,
      [schema, writerPid],
    );
    // The upgrade waits holding nothing on comments, so the writer goes on and commits.
    expect(commentLocks).toEqual([]);
    await insertByHand(writer, 'during-upgrade', '1111222233334444');
    await writer.query('commit');

    const migrated = await upgraded;
    expect((await migrated.findDuplicateCandidates(['1111222233334444'])).map((c) => c.key)).toEqual([
      'sample:during-upgrade',
    ]);
    expect(await bandIndexes(before)).toEqual([]);
  });

  it('journals the comments a store already held when it migrates, and drops the band indexes', async () => {
    const before = await open();
    const migrator = new Migrator({ db: before.db, provider: migrationProvider, migrationTableSchema: schema });
    expect((await migrator.migrateTo('013-sqlite-simhash-journal')).error).toBeUndefined();
    expect(await bandIndexes(before)).toHaveLength(4);
    await before.db
      .insertInto('comments')
      .values([
        commentToRow(syntheticComment('old-1', { contentHash: 'h1', simhash: '1111222233334444' })),
        commentToRow(syntheticComment('old-2', { contentHash: 'h2', simhash: '1111ffffffffffff' })),
      ])
      .execute();

    const migrated = await store();
    expect((await migrated.findDuplicateCandidates(['1111222233334444'])).map((c) => c.key)).toEqual([
      'sample:old-1',
      'sample:old-2',
    ]);
    expect(await bandIndexes(before)).toEqual([]);

    // And back: the band indexes return; the journal, its triggers and their functions go.
    expect((await migrator.migrateTo('013-sqlite-simhash-journal')).error).toBeUndefined();
    expect(await bandIndexes(before)).toEqual([
      'comments_sim_band0_simhash_idx',
      'comments_sim_band1_simhash_idx',
      'comments_sim_band2_simhash_idx',
      'comments_sim_band3_simhash_idx',
    ]);
    const left = await sql<{ name: string }>`
      select tablename as name from pg_tables where schemaname = ${schema} and tablename = 'simhash_journal'
      union all select proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = ${schema} and proname like 'simhash_journal%'
      union all select tgname from pg_trigger where tgname like 'comments_simhash_journal%'
        and tgrelid = ${sql.lit(`${schema}.comments`)}::regclass`.execute(before.db);
    expect(left.rows).toEqual([]);
  });
});
