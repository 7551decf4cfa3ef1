/** Empties every store table so each contract test starts from nothing on a shared database. */
import type { Kysely } from 'kysely';
import type { Database } from '../../../src/storage/schema.js';

const TABLES_CHILDREN_FIRST = [
  'comment_themes',
  'comment_tumour_groups',
  'comments',
  'pages',
  'quarantine',
  'cursors',
  'aggregates',
  'runs',
  'forgotten_comments',
  'alerts',
  'import_files',
  'imported_cpes_scores',
  'imported_fft_responses',
  'imported_complaints',
  'triangulated_scores',
  'triangulation_summary',
  'triangulation_inputs',
  'api_keys',
  'data_versions',
] as const satisfies readonly (keyof Database)[];

export async function clearStoreTables(db: Kysely<Database>): Promise<void> {
  for (const table of TABLES_CHILDREN_FIRST) await db.deleteFrom(table).execute();
}
