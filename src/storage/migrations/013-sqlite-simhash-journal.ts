/**
 * SQLite only: near-duplicate search moves from the four SimHash band indexes to memory. Each
 * comment added an entry at a random place in each band index, so every comment dirtied four index
 * pages of its own, which SQLite's one writer then logged whole at commit: about three quarters of
 * the process stage's store work at 200,000 comments (docs/BENCHMARKS.md). Instead, triggers append
 * each new or changed SimHash to `simhash_journal` with its comment's key, and each store handle
 * keeps its band neighbours in memory by journal sequence number, reading the journal from where it
 * stopped before and inside every comment write (src/storage/journal-duplicate-candidates.ts).
 * Keys rather than rowids: `comments` has no INTEGER PRIMARY KEY, so its rowids may change when the
 * table is rebuilt. AUTOINCREMENT keeps sequence numbers rising even if journal rows are deleted.
 *
 * The whole change is one transaction (SQLite's migrator opens none), so no comment committed by
 * another process meanwhile can miss the journal, and a crash leaves the migration to run again.
 *
 * PostgreSQL kept its band indexes until migration 014.
 */
import { type Kysely, type Migration, SqliteAdapter, sql } from 'kysely';

const BANDS = [0, 1, 2, 3] as const;

const isSqlite = (db: Kysely<unknown>): boolean => db.getExecutor().adapter instanceof SqliteAdapter;

async function inOneTransaction(db: Kysely<unknown>, change: () => Promise<void>): Promise<void> {
  await sql`begin immediate`.execute(db);
  try {
    await change();
    await sql`commit`.execute(db);
  } catch (error) {
    await sql`rollback`.execute(db).catch(() => undefined);
    throw error;
  }
}

async function up(db: Kysely<unknown>): Promise<void> {
  if (!isSqlite(db)) return;
  await inOneTransaction(db, async () => {
    await sql`create table if not exists simhash_journal (
      seq integer primary key autoincrement,
      source text not null,
      external_id text not null,
      simhash text not null
    )`.execute(db);
    await sql`create trigger if not exists comments_simhash_journal_insert after insert on comments begin
      insert into simhash_journal (source, external_id, simhash) values (new.source, new.external_id, new.simhash);
    end`.execute(db);
    await sql`create trigger if not exists comments_simhash_journal_update after update of simhash on comments
      when new.simhash is not old.simhash begin
      insert into simhash_journal (source, external_id, simhash) values (new.source, new.external_id, new.simhash);
    end`.execute(db);
    // Another process may have run this change already, before recording it as applied.
    await sql`insert into simhash_journal (source, external_id, simhash)
      select source, external_id, simhash from comments
      where not exists (select 1 from simhash_journal) order by rowid`.execute(db);
    for (const band of BANDS) await db.schema.dropIndex(`comments_sim_band${band}_simhash_idx`).ifExists().execute();
  });
}

async function down(db: Kysely<unknown>): Promise<void> {
  if (!isSqlite(db)) return;
  await inOneTransaction(db, async () => {
    for (const band of BANDS) {
      await db.schema
        .createIndex(`comments_sim_band${band}_simhash_idx`)
        .ifNotExists()
        .on('comments')
        .columns([`sim_band${band}`, 'simhash'])
        .execute();
    }
    await sql`drop trigger if exists comments_simhash_journal_update`.execute(db);
    await sql`drop trigger if exists comments_simhash_journal_insert`.execute(db);
    await sql`drop table if exists simhash_journal`.execute(db);
  });
}

export const sqliteSimhashJournalMigration: Migration = { up, down };
