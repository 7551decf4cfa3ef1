/**
 * Alerts: safety and divergence alerts with their webhook delivery state. The table is the outbox:
 * an alert is written before any job is enqueued for it, so a lost job never loses an alert.
 */
import type { Kysely, Migration } from 'kysely';

async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ods_code', 'text')
    .addColumn('trust_name', 'text')
    .addColumn('tumour_groups', 'text', (c) => c.notNull())
    .addColumn('theme', 'text')
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('evidence_text', 'text', (c) => c.notNull())
    .addColumn('comment_source', 'text')
    .addColumn('comment_external_id', 'text')
    .addColumn('evidence', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('delivery_state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('delivered_at', 'text')
    .addColumn('failed_at', 'text')
    .addColumn('leased_until', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // Listing newest first walks this index in keyset order.
  await db.schema.createIndex('alerts_created_idx').on('alerts').columns(['created_at', 'id']).execute();
  // The redelivery sweep looks for pending alerts untouched for a while.
  await db.schema
    .createIndex('alerts_state_updated_idx')
    .on('alerts')
    .columns(['delivery_state', 'updated_at'])
    .execute();
  await db.schema.createIndex('alerts_ods_created_idx').on('alerts').columns(['ods_code', 'created_at']).execute();
}

async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('alerts').execute();
}

export const alertsMigration: Migration = { up, down };
