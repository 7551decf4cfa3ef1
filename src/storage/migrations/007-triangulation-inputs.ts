/**
 * The fingerprint of the inputs the stored triangulation was computed from (one row), written in the same
 * transaction as the scores, so a run can tell that nothing changed since and skip the recomputation.
 */
import type { Kysely, Migration } from 'kysely';

async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('triangulation_inputs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .execute();
}

async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('triangulation_inputs').execute();
}

export const triangulationInputsMigration: Migration = { up, down };
