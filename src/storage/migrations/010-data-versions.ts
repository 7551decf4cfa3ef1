/**
 * One row per derived dataset (aggregates, triangulation) holding a token that changes in the same
 * transaction as every write of that dataset, so an API process can tell that a cached answer is stale
 * by reading one small row instead of the data.
 */
import type { Kysely, Migration } from 'kysely';

async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('data_versions')
    .addColumn('dataset', 'text', (c) => c.primaryKey())
    .addColumn('version', 'text', (c) => c.notNull())
    .execute();
}

async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('data_versions').execute();
}

export const dataVersionsMigration: Migration = { up, down };
