/** API key records (migration 005): created, listed, looked up by hash, revoked. */
import type { Kysely } from 'kysely';
import type { ApiKeyRecord } from './api-key-types.js';
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
 * Every write to api_keys replaces the api_keys data version in its transaction, by trigger
 * (migration 015): API processes keep what they read of the keys until it changes.
 */
export async function createApiKey(db: Kysely<Database>, hooks: DialectHooks, key: ApiKeyRecord): Promise<void> {
  await hooks.writeTransaction(db, (trx) =>
    trx
      .insertInto('api_keys')
      .values({
        id: key.id,
        name: key.name,
        key_hash: key.keyHash,
        created_at: key.createdAt,
        revoked_at: key.revokedAt,
      })
      .execute(),
  );
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
  const result = await hooks.writeTransaction(db, (trx) =>
    trx
      .updateTable('api_keys')
      .set({ revoked_at: revokedAt })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst(),
  );
  return Number(result.numUpdatedRows) > 0;
}

/** Every key ever created, revoked ones included. */
export async function countApiKeys(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('api_keys')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
