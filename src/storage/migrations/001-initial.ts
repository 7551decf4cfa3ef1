/**
 * The first schema. One migration for both dialects: only portable column types (text, integer,
 * double precision) and Kysely's schema builder, so SQLite and PostgreSQL hold the same shape.
 */
import type { Kysely, Migration } from 'kysely';

async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('comments')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('question', 'text')
    .addColumn('posted_at', 'text')
    .addColumn('fetched_at', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('author_hash', 'text')
    .addColumn('stated_ods_code', 'text')
    .addColumn('page_hash', 'text', (c) => c.notNull())
    .addColumn('redactions', 'text', (c) => c.notNull())
    .addColumn('sentiment_label', 'text', (c) => c.notNull())
    .addColumn('sentiment_score', 'double precision', (c) => c.notNull())
    .addColumn('rating', 'integer', (c) => c.notNull())
    .addColumn('themes', 'text', (c) => c.notNull())
    .addColumn('tumour_groups', 'text', (c) => c.notNull())
    .addColumn('rare_cancer', 'integer', (c) => c.notNull())
    .addColumn('ods_code', 'text')
    .addColumn('provider_name', 'text')
    .addColumn('safety', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('simhash', 'text', (c) => c.notNull())
    .addColumn('sim_band0', 'integer', (c) => c.notNull())
    .addColumn('sim_band1', 'integer', (c) => c.notNull())
    .addColumn('sim_band2', 'integer', (c) => c.notNull())
    .addColumn('sim_band3', 'integer', (c) => c.notNull())
    .addColumn('duplicate_of', 'text')
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('processed_at', 'text', (c) => c.notNull())
    .addColumn('row_hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('comments_pk', ['source', 'external_id'])
    .execute();
  await db.schema.createIndex('comments_content_hash_idx').on('comments').column('content_hash').execute();
  for (const band of [0, 1, 2, 3]) {
    await db.schema.createIndex(`comments_sim_band${band}_idx`).on('comments').column(`sim_band${band}`).execute();
  }
  await db.schema.createIndex('comments_ods_period_idx').on('comments').columns(['ods_code', 'period']).execute();
  // Listing pages newest month first walks this index in keyset order.
  await db.schema
    .createIndex('comments_period_key_idx')
    .on('comments')
    .columns(['period', 'source', 'external_id'])
    .execute();

  await db.schema
    .createTable('comment_themes')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('theme', 'text', (c) => c.notNull())
    .addColumn('sentiment', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('comment_themes_pk', ['source', 'external_id', 'theme'])
    .addForeignKeyConstraint(
      'comment_themes_comment_fk',
      ['source', 'external_id'],
      'comments',
      ['source', 'external_id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema.createIndex('comment_themes_theme_idx').on('comment_themes').column('theme').execute();

  await db.schema
    .createTable('comment_tumour_groups')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('tumour_group', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('comment_tumour_groups_pk', ['source', 'external_id', 'tumour_group'])
    .addForeignKeyConstraint(
      'comment_tumour_groups_comment_fk',
      ['source', 'external_id'],
      'comments',
      ['source', 'external_id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('comment_tumour_groups_group_idx')
    .on('comment_tumour_groups')
    .column('tumour_group')
    .execute();

  await db.schema
    .createTable('pages')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('fetched_at', 'text', (c) => c.notNull())
    .addColumn('item_count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('pages_pk', ['source', 'url', 'content_hash'])
    .execute();

  await db.schema
    .createTable('quarantine')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text')
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('location', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('quarantine_source_received_idx')
    .on('quarantine')
    .columns(['source', 'received_at'])
    .execute();

  await db.schema
    .createTable('cursors')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('cursors_pk', ['source', 'key'])
    .execute();

  await db.schema
    .createTable('aggregates')
    .addColumn('ods_code', 'text', (c) => c.notNull())
    .addColumn('theme', 'text', (c) => c.notNull())
    .addColumn('tumour_group', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addColumn('positive', 'integer', (c) => c.notNull())
    .addColumn('neutral', 'integer', (c) => c.notNull())
    .addColumn('negative', 'integer', (c) => c.notNull())
    .addColumn('mean_score', 'double precision', (c) => c.notNull())
    .addColumn('positive_share', 'double precision', (c) => c.notNull())
    .addColumn('positive_share_lower', 'double precision', (c) => c.notNull())
    .addColumn('positive_share_upper', 'double precision', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('aggregates_pk', ['ods_code', 'theme', 'tumour_group', 'period'])
    .execute();
  await db.schema.createIndex('aggregates_period_idx').on('aggregates').column('period').execute();

  await db.schema
    .createTable('runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source', 'text')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('counts', 'text', (c) => c.notNull())
    .addColumn('message', 'text')
    .execute();
  await db.schema.createIndex('runs_kind_source_idx').on('runs').columns(['kind', 'source', 'started_at']).execute();
}

async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'runs',
    'aggregates',
    'cursors',
    'quarantine',
    'pages',
    'comment_tumour_groups',
    'comment_themes',
    'comments',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}

export const initialMigration: Migration = { up, down };
