import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type OpenStoreOptions, openStore } from '../../../src/storage/open-store.js';

/** A fresh schema on the shared PostgreSQL for one test file, dropped afterwards. */

/** @defaultValue the local server's `test` database (TEST_DATABASE_URL overrides) */
export const TEST_DATABASE_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface PostgresSchema {
  name: string;
  /** DATABASE_URL for a CareVoice process: the schema travels as the connection's search_path. */
  databaseUrl: string;
  /** For opening the same store from the test. */
  storeOptions: OpenStoreOptions;
  drop(): Promise<void>;
}

export async function createPostgresSchema(): Promise<PostgresSchema> {
  const name = `cvrel_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${name}`);
  const storeOptions: OpenStoreOptions = { databaseUrl: TEST_DATABASE_URL, sqlitePath: '', postgresSchema: name };
  // Migrated here, before any process starts, so the cases time their own work rather than a migration.
  await (await openStore(storeOptions)).close();
  return {
    name,
    databaseUrl: url.toString(),
    storeOptions,
    async drop() {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}
