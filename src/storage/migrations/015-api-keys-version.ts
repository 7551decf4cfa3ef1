/**
 * Triggers replace the `api_keys` data version whenever a key row is inserted, changed or removed,
 * in the same transaction. API processes keep what they read of the keys until that version changes
 * (src/api/auth/api-key-lookup.ts), so the version must change with every write, including those
 * that do not go through the store: an `UPDATE api_keys SET revoked_at = …` by hand, or a table
 * restored. A revoked key then stops working on every API process within `api.dataVersionCheckMs`,
 * whoever revoked it. Writes with triggers disabled (`session_replication_role = replica`,
 * `pg_restore --disable-triggers`) bypass this: restart the API processes after one.
 *
 * The token is random, as bumpDataVersion's is (src/storage/data-versions.ts).
 */
import { type Kysely, type Migration, PostgresAdapter, sql } from 'kysely';

const isPostgres = (db: Kysely<unknown>): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

const SQLITE_EVENTS = ['insert', 'update', 'delete'] as const;

async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    // Per row, as on SQLite, so a statement that changes no key (revoking a revoked one) leaves the
    // version alone; truncation has only a statement trigger. The function names the table of the
    // schema that fired it, so a renamed or copied schema keeps its own.
    await sql`create function api_keys_replace_version() returns trigger language plpgsql as $$
      begin
        execute format('insert into %I.data_versions (dataset, version) values (''api_keys'', $1)
          on conflict (dataset) do update set version = excluded.version', tg_table_schema)
          using md5(random()::text || clock_timestamp()::text);
        return null;
      end $$`.execute(db);
    await sql`create trigger api_keys_version after insert or update or delete on api_keys
      for each row execute function api_keys_replace_version()`.execute(db);
    await sql`create trigger api_keys_version_truncate after truncate on api_keys
      for each statement execute function api_keys_replace_version()`.execute(db);
    return;
  }
  // No conflict clause: a trigger's gives way to the firing statement's, so an `INSERT OR IGNORE`
  // into api_keys would make an upsert here ignore the row it should replace.
  for (const event of SQLITE_EVENTS) {
    await sql`${sql.raw(`create trigger if not exists api_keys_version_${event} after ${event} on api_keys`)} begin
      insert into data_versions (dataset, version) select 'api_keys', ''
        where not exists (select 1 from data_versions where dataset = 'api_keys');
      update data_versions set version = lower(hex(randomblob(16))) where dataset = 'api_keys';
    end`.execute(db);
  }
}

async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`drop trigger if exists api_keys_version_truncate on api_keys`.execute(db);
    await sql`drop trigger if exists api_keys_version on api_keys`.execute(db);
    await sql`drop function if exists api_keys_replace_version()`.execute(db);
    return;
  }
  for (const event of SQLITE_EVENTS) await sql.raw(`drop trigger if exists api_keys_version_${event}`).execute(db);
}

export const apiKeysVersionMigration: Migration = { up, down };
