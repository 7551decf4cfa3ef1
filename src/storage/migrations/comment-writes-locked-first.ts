/**
 * Migrations that take the comment write lock before anything else. On PostgreSQL, Kysely runs every
 * pending migration in one transaction, and a writer takes the comment write lock (an advisory lock)
 * before it touches `comments`. A migration that locked `comments` first (an index build, a dropped
 * index) and then waited for the write lock, as migration 014 does to journal the store's comments,
 * could meet a writer holding the write lock and waiting for `comments`: a deadlock, which fails
 * the migration until the next start. Taken first, the write lock orders the two as every writer
 * orders itself, so an upgrade over several migrations can run while workers ingest: they wait for it.
 *
 * The lock is held to the end of the transaction, and taking it again is free, so each migration
 * takes it (only the first pending one waits). On SQLite it is a no-op: BEGIN IMMEDIATE serialises
 * writers there.
 */
import type { Kysely, Migration, MigrationProvider } from 'kysely';
import type { DialectHooks } from '../dialect-hooks.js';
import type { Database } from '../schema.js';

function lockedFirst(migration: Migration, hooks: DialectHooks): Migration {
  const { up, down } = migration;
  return {
    up: async (db) => {
      await hooks.lockCommentWrites(db as Kysely<Database>);
      await up(db);
    },
    ...(down !== undefined && {
      down: async (db: Kysely<unknown>) => {
        await hooks.lockCommentWrites(db as Kysely<Database>);
        await down(db);
      },
    }),
  };
}

export function commentWritesLockedFirst(provider: MigrationProvider, hooks: DialectHooks): MigrationProvider {
  return {
    getMigrations: async () => {
      const migrations = await provider.getMigrations();
      return Object.fromEntries(
        Object.entries(migrations).map(([name, migration]) => [name, lockedFirst(migration, hooks)]),
      );
    },
  };
}
