/**
 * SQLite only: near-duplicate search moves from the four SimHash band indexes to memory. Each
 * comment added an entry at a random place in each band index, so every comment dirtied four index
 * pages of its own, which SQLite's one writer then logged whole at commit: about three quarters of
 * the process stage's store work at 200,000 comments (docs/BENCHMARKS.md). Instead, triggers append
 * each new or changed SimHash to `simhash_journal`, and each store handle keeps its band neighbours
 * in memory, reading the journal from where it stopped inside every write transaction
 * (src/storage/sqlite/journal-duplicate-candidates.ts). AUTOINCREMENT keeps sequence numbers rising
 * even if journal rows are deleted, so a reader's position stays meaningful.
 *
 * PostgreSQL keeps its band indexes: its writers are many processes that share no memory.
 */
import { type Kysely, type Migration, SqliteAdapter, sql } from 'kysely';

const BANDS = [0, 1, 2, 3] as const;

const isSqlite = (db: Kysely<unknown>): boolean => db.getExecutor().adapter instanceof SqliteAdapter;

async function up(db: Kysely<unknown>): Promise<void> {
  if (!isSqlite(db)) return;
  await sql`create table simhash_journal (
    seq integer primary key autoincrement,
    comment_rowid integer not null,
    simhash text not null
  )`.execute(db);
  await sql`insert into simhash_journal (comment_rowid, simhash) select rowid, simhash from comments order by rowid`.execute(
    db,
  );
  await sql`create trigger comments_simhash_journal_insert after insert on comments begin
    insert into simhash_journal (comment_rowid, simhash) values (new.rowid, new.simhash);
  end`.execute(db);
  await sql`create trigger comments_simhash_journal_update after update of simhash on comments
    when new.simhash is not old.simhash begin
    insert into simhash_journal (comment_rowid, simhash) values (new.rowid, new.simhash);
  end`.execute(db);
  for (const band of BANDS) await db.schema.dropIndex(`comments_sim_band${band}_simhash_idx`).ifExists().execute();
}

async function down(db: Kysely<unknown>): Promise<void> {
  if (!isSqlite(db)) return;
  for (const band of BANDS) {
    await db.schema
      .createIndex(`comments_sim_band${band}_simhash_idx`)
      .on('comments')
      .columns([`sim_band${band}`, 'simhash'])
      .execute();
  }
  await sql`drop trigger comments_simhash_journal_update`.execute(db);
  await sql`drop trigger comments_simhash_journal_insert`.execute(db);
  await sql`drop table simhash_journal`.execute(db);
}

export const sqliteSimhashJournalMigration: Migration = { up, down };
