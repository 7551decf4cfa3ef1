/** API key records (migration 005): created, listed, looked up by hash, revoked. */
import type { Kysely } from 'kysely';
import type { ApiKeyRecord } from './api-key-types.js';
import { bumpDataVersion } from './data-versions.js';
import type { DialectHooks } from './dialect-hooks.js';
import type { Database } from './schema.js';

type ApiKeyRow = Database['api_keys'];

const toRecord = (r: ApiKeyRow): ApiKeyRecord => ({
  id: r.id,
  name: r.name,
  keyHash: r.key_hash,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
});

/**
 * Keys change the api_keys data version in the same transaction: API processes keep what they read
 * of the keys until it changes (src/api/auth/api-key-lookup.ts).
 */
export async function createApiKey(db: Kysely<Database>, hooks: DialectHooks, key: ApiKeyRecord): Promise<void> {
  await hooks.writeTransaction(db, async (trx) => {
    await trx
      .insertInto('api_keys')
      .values({
        id: key.id,
        name: key.name,
        key_hash: key.keyHash,
        created_at: key.createdAt,
        revoked_at: key.revokedAt,
      })
      .execute();
    await bumpDataVersion(trx, 'api_keys');
  });
}

/** Oldest first, revoked ones included. */
export async function listApiKeys(db: Kysely<Database>): Promise<ApiKeyRecord[]> {
  const rows = await db.selectFrom('api_keys').selectAll().orderBy('created_at').orderBy('id').execute();
  return rows.map(toRecord);
}

export async function findApiKeyByHash(db: Kysely<Database>, keyHash: string): Promise<ApiKeyRecord | null> {
  const row = await db.selectFrom('api_keys').selectAll().where('key_hash', '=', keyHash).executeTakeFirst();
  return row ? toRecord(row) : null;
}

/** Returns whether an active key with that id existed; revoking twice keeps the first time. */
export async function revokeApiKey(
  db: Kysely<Database>,
  hooks: DialectHooks,
  id: string,
  revokedAt: string,
): Promise<boolean> {
  return hooks.writeTransaction(db, async (trx) => {
    const result = await trx
      .updateTable('api_keys')
      .set({ revoked_at: revokedAt })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    const revoked = Number(result.numUpdatedRows) > 0;
    if (revoked) await bumpDataVersion(trx, 'api_keys');
    return revoked;
  });
}

/** Every key ever created, revoked ones included. */
export async function countApiKeys(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('api_keys')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
