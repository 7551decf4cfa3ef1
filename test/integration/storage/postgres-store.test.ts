/**
 * Runs the store contract against PostgreSQL in a fresh schema owned by this test file (dropped
 * after). An unreachable server fails the suite: a skipped backend would hide a broken contract.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { openStore } from '../../../src/storage/open-store.js';
import { openPostgres } from '../../../src/storage/postgres/open-postgres.js';
import { clearStoreTables } from './clear-store-tables.js';
import { describeStoreContract } from './store-contract.js';

const databaseUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

describeStoreContract('PostgreSQL', async () => {
  const schema = `carevoice_test_${randomBytes(6).toString('hex')}`;
  let admin: Awaited<ReturnType<typeof openPostgres>>;
  try {
    admin = await openPostgres({ connectionString: databaseUrl, schema, poolSize: 2 });
  } catch (error) {
    throw new Error(
      `PostgreSQL store tests need a server at ${databaseUrl} (set DATABASE_URL to point elsewhere): ${(error as Error).message}`,
    );
  }
  const open = () => openStore({ databaseUrl, sqlitePath: 'unused', postgresSchema: schema, poolSize: 4 });
  await (await open()).close();
  return {
    dialect: 'postgres',
    open,
    clear: () => clearStoreTables(admin.db),
    destroy: async () => {
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(admin.db);
      await admin.db.destroy();
    },
  };
});
