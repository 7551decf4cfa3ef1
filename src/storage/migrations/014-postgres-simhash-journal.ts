/**
 * PostgreSQL only: near-duplicate search moves from the four SimHash band indexes to memory, as
 * migration 013 did for SQLite. Each comment added an entry at a random place in each band index;
 * once the indexes outgrew shared_buffers every comment dirtied, and often first read, four index
 * pages of its own, and the band lookup was the largest statement of a batch (docs/BENCHMARKS.md).
 * Instead, statement triggers on `comments` append each new or changed SimHash to `simhash_journal`
 * with its comment's key, and each store handle keeps its band neighbours in memory by journal
 * sequence number (src/storage/journal-duplicate-candidates.ts).
 *
 * A handle reads the journal up to its highest committed sequence number, so no lower number may
 * commit later. Every transaction that writes comments already holds the comment write lock (an
 * advisory lock) to commit; the triggers take it too, before they number anything, so a writer that
 * skips it (a hand-written statement, an older release) still cannot number rows out of commit
 * order. They name the journal and compute the lock's key (as src/storage/postgres/advisory-lock-keys.ts
 * does) from the schema of the table that fired them, so a renamed or copied schema keeps its own.
 * Rows written straight into the journal, or with triggers disabled (`session_replication_role =
 * replica`, `pg_restore --disable-triggers`), bypass all this.
 *
 * Kysely runs a PostgreSQL migration in a transaction; it holds the write lock from the start, so
 * no comment committed by another process meanwhile can miss the journal. (A store upgraded from
 * before migration 011 runs 011 to 014 in one transaction; the store takes the write lock before
 * the first of them, so their index builds cannot deadlock with a running writer:
 * comment-writes-locked-first.ts.)
 */
import { type Kysely, type Migration, PostgresAdapter, sql } from 'kysely';
import { commentWriteLockKey } from '../postgres/advisory-lock-keys.js';

const BANDS = [0, 1, 2, 3] as const;

const isPostgres = (db: Kysely<unknown>): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

/** commentWriteLockKey in SQL: the first 8 bytes of the SHA-256 of its text, as a signed bigint. */
const LOCK_KEY_OF_TABLE_SCHEMA = sql.raw(
  `('x' || encode(substr(sha256(convert_to('carevoice:comment-writes:' || tg_table_schema, 'UTF8')), 1, 8), 'hex'))::bit(64)::bigint`,
);

/** An update trigger's new rows whose key did not have the same SimHash before (no quotes: it goes inside format's). */
const CHANGED_ROWS = sql.raw(`from new_rows n where not exists (
  select 1 from old_rows o where o.source = n.source and o.external_id = n.external_id and o.simhash = n.simhash
)`);

async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  await sql`select pg_advisory_xact_lock(${commentWriteLockKey(rows[0]!.schema)}::bigint)`.execute(db);
  await sql`create table simhash_journal (
    seq bigint generated always as identity primary key,
    source text not null,
    external_id text not null,
    simhash text not null
  )`.execute(db);
  // Statement triggers read the rows a statement changed from its transition tables: one insert
  // per statement, not one per row. An upsert fires both, each with its own rows.
  await sql`create function simhash_journal_add_inserted() returns trigger language plpgsql as $$
    begin
      perform pg_advisory_xact_lock(${LOCK_KEY_OF_TABLE_SCHEMA});
      execute format('insert into %I.simhash_journal (source, external_id, simhash)
        select source, external_id, simhash from inserted_rows', tg_table_schema);
      return null;
    end $$`.execute(db);
  // Most updates leave SimHashes alone (a purge, a promotion to original): they journal nothing and
  // take no lock. A row is new to the journal unless its key had the same SimHash before.
  await sql`create function simhash_journal_add_changed() returns trigger language plpgsql as $$
    begin
      if exists (select 1 ${CHANGED_ROWS}) then
        perform pg_advisory_xact_lock(${LOCK_KEY_OF_TABLE_SCHEMA});
        execute format('insert into %I.simhash_journal (source, external_id, simhash)
          select n.source, n.external_id, n.simhash ${CHANGED_ROWS}', tg_table_schema);
      end if;
      return null;
    end $$`.execute(db);
  await sql`create trigger comments_simhash_journal_insert after insert on comments
    referencing new table as inserted_rows
    for each statement execute function simhash_journal_add_inserted()`.execute(db);
  // A trigger with transition tables cannot name columns (UPDATE OF simhash): the function filters.
  await sql`create trigger comments_simhash_journal_update after update on comments
    referencing old table as old_rows new table as new_rows
    for each statement execute function simhash_journal_add_changed()`.execute(db);
  await sql`insert into simhash_journal (source, external_id, simhash)
    select source, external_id, simhash from comments`.execute(db);
  for (const band of BANDS) await db.schema.dropIndex(`comments_sim_band${band}_simhash_idx`).ifExists().execute();
}

async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  for (const band of BANDS) {
    await db.schema
      .createIndex(`comments_sim_band${band}_simhash_idx`)
      .ifNotExists()
      .on('comments')
      .columns([`sim_band${band}`, 'simhash'])
      .execute();
  }
  await sql`drop trigger if exists comments_simhash_journal_update on comments`.execute(db);
  await sql`drop trigger if exists comments_simhash_journal_insert on comments`.execute(db);
  await sql`drop function if exists simhash_journal_add_changed()`.execute(db);
  await sql`drop function if exists simhash_journal_add_inserted()`.execute(db);
  await sql`drop table if exists simhash_journal`.execute(db);
}

export const postgresSimhashJournalMigration: Migration = { up, down };
