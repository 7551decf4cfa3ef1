/**
 * A trust's comments in listing order: (ods_code, period, source, external_id) replaces
 * (ods_code, period), a prefix of it, so what used that index still can. Listing one trust's
 * comments newest first (`/v1/comments?odsCode=…`, keyset-paged on period, source, external_id)
 * otherwise walked every trust's comments in period order and filtered: about a third of a second
 * per page on a million comments in PostgreSQL (docs/BENCHMARKS.md).
 */
import type { Kysely, Migration } from 'kysely';

async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('comments_ods_period_key_idx')
    .on('comments')
    .columns(['ods_code', 'period', 'source', 'external_id'])
    .execute();
  await db.schema.dropIndex('comments_ods_period_idx').ifExists().execute();
}

async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('comments_ods_period_idx').on('comments').columns(['ods_code', 'period']).execute();
  await db.schema.dropIndex('comments_ods_period_key_idx').execute();
}

export const trustListingIndexMigration: Migration = { up, down };
