/**
 * Migrations that take the comment write lock before anything else. On PostgreSQL, Kysely runs every
 * pending migration in one transaction, and a writer takes the comment write lock (an advisory lock)
 * before it touches `comments`. A migration that locked `comments` first (an index build, a dropped
 * index) and then waited for the write lock, as migration 014 does to journal the store's comments,
 * could meet a writer holding the write lock and waiting for `comments`: a deadlock, which fails
 * the migration until the next start. Taken first, the write lock orders the two as every writer
 * orders itself, so an upgrade over several migrations can run while workers ingest: they wait for it.
 *
 * This relies on Kysely running PostgreSQL migrations in one transaction (the store never sets
 * `disableTransactions`): the lock is then held to its end, and taking it again is free, so each
 * migration takes it and only the first pending one waits. Kysely takes its own migration lock
 * (one key for the whole server) before this, so an upgrade waiting for one schema's writer also
 * holds up migrations of other schemas on the server meanwhile.
 *
 * On SQLite it is a no-op: Kysely runs SQLite migrations without a transaction, and a writer's
 * BEGIN IMMEDIATE waits out each of their statements; SQLite has no lock cycle of this kind.
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
