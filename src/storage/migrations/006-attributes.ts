/**
 * Source-specific attributes of a comment (Care Opinion tags and criticality, FFT answer and service)
 * as one nullable JSON text column: the set differs by source and is read whole, never filtered on.
 */
import type { Kysely, Migration } from 'kysely';

async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('comments').addColumn('attributes', 'text').execute();
}

async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('comments').dropColumn('attributes').execute();
}

export const attributesMigration: Migration = { up, down };
