/**
 * An API key for one bench run, as a deployment has: created in the bench store before the API
 * starts, sent on every request, and deleted once the API has stopped. A deployment never deletes a
 * key (revoked keys still make keys required); the bench does, because a kept store is reused by
 * later runs without a key, which a key left behind would refuse. A run stopped before it could
 * delete its key leaves it to the next run, which deletes every bench key first
 * (removeBenchApiKeys).
 */
import { generateApiKey } from '../../src/api/auth/api-key.js';
import { openPostgres } from '../../src/storage/postgres/open-postgres.js';
import { openSqlite } from '../../src/storage/sqlite/open-sqlite.js';
import { type BenchStoreLocation, openBenchStore } from '../support/bench-store.js';

export interface BenchApiKey {
  /** The Authorization header that carries it. */
  headers: Record<string, string>;
  remove(): Promise<void>;
}

const BENCH_KEY_NAME = 'bench-api';

export async function addBenchApiKey(location: BenchStoreLocation, postgresUrl: string): Promise<BenchApiKey> {
  const created = generateApiKey();
  const store = await openBenchStore(location, postgresUrl);
  try {
    await store.createApiKey({
      id: created.id,
      name: BENCH_KEY_NAME,
      keyHash: created.keyHash,
      createdAt: new Date().toISOString(),
      revokedAt: null,
    });
  } finally {
    await store.close();
  }
  return {
    headers: { authorization: `Bearer ${created.key}` },
    remove: () => removeBenchApiKeys(location, postgresUrl),
  };
}

/** Deletes every bench key, past runs' included; the store has no way to, so this goes around it. */
export async function removeBenchApiKeys(location: BenchStoreLocation, postgresUrl: string): Promise<void> {
  const { db } =
    location.kind === 'sqlite'
      ? openSqlite({ path: location.sqlitePath })
      : await openPostgres({ connectionString: postgresUrl, schema: location.schema!, poolSize: 1 });
  try {
    await db.deleteFrom('api_keys').where('name', '=', BENCH_KEY_NAME).execute();
  } finally {
    await db.destroy();
  }
}
