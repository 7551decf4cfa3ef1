/**
 * Deleting an original looks up its duplicates (src/storage/promote-duplicates.ts). Partial, so it
 * holds only the few duplicate rows and costs originals nothing on write.
 */
import { type Kysely, type Migration, sql } from 'kysely';

async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('comments_duplicate_of_idx')
    .on('comments')
    .column('duplicate_of')
    .where(sql.ref('duplicate_of'), 'is not', null)
    .execute();
}

async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('comments_duplicate_of_idx').execute();
}

export const duplicateOfIndexMigration: Migration = { up, down };
