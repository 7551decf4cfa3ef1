/**
 * Data minimisation: comments whose text the retention purge has emptied carry `purged_at`, and
 * requests to forget a comment are kept by natural key so a re-fetch of the item never stores it again.
 */
import type { Kysely, Migration } from 'kysely';

async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('comments').addColumn('purged_at', 'text').execute();
  await db.schema
    .createTable('forgotten_comments')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('forgotten_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('forgotten_comments_pk', ['source', 'external_id'])
    .execute();
}

async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('forgotten_comments').execute();
  await db.schema.alterTable('comments').dropColumn('purged_at').execute();
}

export const minimisationMigration: Migration = { up, down };
