/**
 * Every migration, in order. A static provider (not a folder scan) so the same list works from
 * src/ under tsx, from dist/ after a build, and inside a bundle. Names sort in application order:
 * add new ones as `NNN-what` and never edit one that has shipped.
 */
import type { Migration, MigrationProvider } from 'kysely';
import { initialMigration } from './001-initial.js';
import { importsMigration } from './002-imports.js';
import { alertsMigration } from './003-alerts.js';
import { minimisationMigration } from './004-minimisation.js';
import { triangulationMigration } from './005-triangulation.js';
import { attributesMigration } from './006-attributes.js';
import { triangulationInputsMigration } from './007-triangulation-inputs.js';
import { duplicateOfIndexMigration } from './008-duplicate-of-index.js';
import { dropContentHashIndexMigration } from './009-drop-content-hash-index.js';
import { dataVersionsMigration } from './010-data-versions.js';
import { coveringBandIndexesMigration } from './011-covering-band-indexes.js';
import { trustListingIndexMigration } from './012-trust-listing-index.js';
import { sqliteSimhashJournalMigration } from './013-sqlite-simhash-journal.js';
import { postgresSimhashJournalMigration } from './014-postgres-simhash-journal.js';
import { apiKeysVersionMigration } from './015-api-keys-version.js';

export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '001-initial': initialMigration,
  '002-imports': importsMigration,
  '003-alerts': alertsMigration,
  '004-minimisation': minimisationMigration,
  '005-triangulation': triangulationMigration,
  '006-attributes': attributesMigration,
  '007-triangulation-inputs': triangulationInputsMigration,
  '008-duplicate-of-index': duplicateOfIndexMigration,
  '009-drop-content-hash-index': dropContentHashIndexMigration,
  '010-data-versions': dataVersionsMigration,
  '011-covering-band-indexes': coveringBandIndexesMigration,
  '012-trust-listing-index': trustListingIndexMigration,
  '013-sqlite-simhash-journal': sqliteSimhashJournalMigration,
  '014-postgres-simhash-journal': postgresSimhashJournalMigration,
  '015-api-keys-version': apiKeysVersionMigration,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => ({ ...MIGRATIONS }),
};
