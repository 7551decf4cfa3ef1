/**
 * PostgreSQL only: every comment written, or whose SimHash changes, takes the next number of a
 * sequence (`comments.write_seq`, set by a trigger), so a comment write can read its band
 * neighbours before taking the write lock and, once it holds the lock, read only the comments
 * written since (src/storage/postgres/prefetched-duplicate-candidates.ts). The band lookup was
 * half of what a writer did while holding the lock, and with the lock held no other writer moves.
 *
 * Numbers follow commit order because every comment writer holds the advisory write lock from
 * before its first write to its commit (DialectHooks.lockCommentWrites), so the comments committed
 * at any moment carry every number up to the highest among them, bar those of rolled-back
 * writes. Comments written before this migration keep no number: they are older than any write.
 *
 * The function names the sequence through the trigger's own schema, so it works whatever the
 * session's search_path. Kysely runs a PostgreSQL migration in one transaction. SQLite, whose one
 * writer keeps its band neighbours in memory (migration 013), has nothing to do here.
 */
import { type Kysely, type Migration, PostgresAdapter, sql } from 'kysely';

const isPostgres = (db: Kysely<unknown>): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`create sequence comments_write_seq`.execute(db);
  await sql`alter table comments add column write_seq bigint`.execute(db);
  await sql`create function comments_take_write_seq() returns trigger language plpgsql as $$
    begin
      new.write_seq := nextval(format('%I.comments_write_seq', tg_table_schema));
      return new;
    end
  $$`.execute(db);
  await sql`create trigger comments_write_seq_insert before insert on comments
    for each row execute function comments_take_write_seq()`.execute(db);
  await sql`create trigger comments_write_seq_update before update of simhash on comments
    for each row when (new.simhash is distinct from old.simhash) execute function comments_take_write_seq()`.execute(
    db,
  );
  await db.schema.createIndex('comments_write_seq_idx').on('comments').column('write_seq').execute();
}

async function down(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`drop trigger comments_write_seq_update on comments`.execute(db);
  await sql`drop trigger comments_write_seq_insert on comments`.execute(db);
  await sql`drop function comments_take_write_seq()`.execute(db);
  await db.schema.dropIndex('comments_write_seq_idx').execute();
  await sql`alter table comments drop column write_seq`.execute(db);
  await sql`drop sequence comments_write_seq`.execute(db);
}

export const postgresWriteSequenceMigration: Migration = { up, down };
