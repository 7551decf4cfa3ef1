/**
 * Imported survey and complaints figures (CPES, FFT, KO41a) and the files they came from. Each row
 * table has a text primary key built from its natural key (national CPES rows have no ODS code, and
 * PostgreSQL does not allow a null in a primary key column) and the SHA-256 of its file.
 */
import type { Kysely, Migration } from 'kysely';

async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('import_files')
    .addColumn('sha256', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('layout', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addColumn('rows_read', 'integer', (c) => c.notNull())
    .addColumn('rows_stored', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('imported_cpes_scores')
    .addColumn('row_key', 'text', (c) => c.primaryKey())
    .addColumn('survey', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('ods_code', 'text')
    .addColumn('tumour_group', 'text', (c) => c.notNull())
    .addColumn('question', 'integer', (c) => c.notNull())
    .addColumn('respondents', 'integer', (c) => c.notNull())
    .addColumn('score', 'double precision', (c) => c.notNull())
    .addColumn('ci_lower', 'double precision')
    .addColumn('ci_upper', 'double precision')
    .addColumn('themes', 'text', (c) => c.notNull())
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('imported_cpes_scores_ods_idx')
    .on('imported_cpes_scores')
    .columns(['ods_code', 'year', 'tumour_group'])
    .execute();
  await db.schema
    .createIndex('imported_cpes_scores_file_idx')
    .on('imported_cpes_scores')
    .column('file_sha256')
    .execute();

  await db.schema
    .createTable('imported_fft_responses')
    .addColumn('row_key', 'text', (c) => c.primaryKey())
    .addColumn('setting', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('ods_code', 'text', (c) => c.notNull())
    .addColumn('site_code', 'text')
    .addColumn('total_responses', 'integer')
    .addColumn('total_eligible', 'integer')
    .addColumn('percentage_positive', 'double precision')
    .addColumn('percentage_negative', 'double precision')
    .addColumn('very_good', 'integer')
    .addColumn('good', 'integer')
    .addColumn('neither', 'integer')
    .addColumn('poor', 'integer')
    .addColumn('very_poor', 'integer')
    .addColumn('dont_know', 'integer')
    .addColumn('suppressed', 'text', (c) => c.notNull())
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('imported_fft_responses_ods_idx')
    .on('imported_fft_responses')
    .columns(['ods_code', 'period'])
    .execute();
  await db.schema
    .createIndex('imported_fft_responses_file_idx')
    .on('imported_fft_responses')
    .column('file_sha256')
    .execute();

  await db.schema
    .createTable('imported_complaints')
    .addColumn('row_key', 'text', (c) => c.primaryKey())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('financial_year', 'text', (c) => c.notNull())
    .addColumn('quarter', 'integer')
    .addColumn('ods_code', 'text', (c) => c.notNull())
    .addColumn('site_code', 'text')
    .addColumn('subject_area', 'text', (c) => c.notNull())
    .addColumn('complaints', 'integer')
    .addColumn('themes', 'text', (c) => c.notNull())
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('imported_complaints_ods_idx')
    .on('imported_complaints')
    .columns(['ods_code', 'financial_year'])
    .execute();
  await db.schema.createIndex('imported_complaints_file_idx').on('imported_complaints').column('file_sha256').execute();
}

async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['imported_complaints', 'imported_fft_responses', 'imported_cpes_scores', 'import_files']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}

export const importsMigration: Migration = { up, down };
