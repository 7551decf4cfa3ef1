/**
 * Triangulated scores (replaced per run), the per-tumour-group summary beside them, and API keys
 * (SHA-256 of the key only). Booleans are integers 0/1 so SQLite and PostgreSQL hold the same shape.
 */
import type { Kysely, Migration } from 'kysely';

async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('triangulated_scores')
    .addColumn('ods_code', 'text', (c) => c.notNull())
    .addColumn('trust_name', 'text', (c) => c.notNull())
    .addColumn('tumour_group', 'text', (c) => c.notNull())
    .addColumn('theme', 'text', (c) => c.notNull())
    .addColumn('estimate', 'double precision', (c) => c.notNull())
    .addColumn('lower', 'double precision', (c) => c.notNull())
    .addColumn('upper', 'double precision', (c) => c.notNull())
    .addColumn('observed', 'integer', (c) => c.notNull())
    .addColumn('respondents', 'integer')
    .addColumn('rare_cancer', 'integer', (c) => c.notNull())
    .addColumn('sources', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('triangulated_scores_pk', ['ods_code', 'tumour_group', 'theme'])
    .execute();
  await db.schema
    .createTable('triangulation_summary')
    .addColumn('tumour_group', 'text', (c) => c.primaryKey())
    .addColumn('trusts_published', 'integer', (c) => c.notNull())
    .addColumn('trusts_suppressed', 'integer', (c) => c.notNull())
    .addColumn('national_estimate', 'double precision', (c) => c.notNull())
    .addColumn('national_lower', 'double precision', (c) => c.notNull())
    .addColumn('national_upper', 'double precision', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
}

async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('api_keys').execute();
  await db.schema.dropTable('triangulation_summary').execute();
  await db.schema.dropTable('triangulated_scores').execute();
}

export const triangulationMigration: Migration = { up, down };
