/**
 * Duplicate candidates are found by SimHash band alone (src/storage/comment-queries.ts): a comment
 * with the same content hash always has the same SimHash, so the content-hash index answered nothing
 * the band indexes did not, while every insert paid for a 64-character key written at a random place
 * in it (docs/BENCHMARKS.md has the process stage's store work before and after).
 */
import type { Kysely, Migration } from 'kysely';

async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('comments_content_hash_idx').ifExists().execute();
}

async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('comments_content_hash_idx').on('comments').column('content_hash').execute();
}

export const dropContentHashIndexMigration: Migration = { up, down };
