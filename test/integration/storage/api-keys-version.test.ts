/**
 * The API keys data version changes with any write to `api_keys`, not only the store's own
 * (migration 015): a key revoked by hand must reach API processes too.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/storage/open-store.js';
import { openSqlite } from '../../../src/storage/sqlite/open-sqlite.js';
import type { Store } from '../../../src/storage/store.js';
import { apiKeyRecord } from '../../support/api-key-record.js';

const databaseUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const dir = mkdtempSync(join(tmpdir(), 'carevoice-api-keys-version-'));
const schema = `api_keys_version_${randomBytes(4).toString('hex')}`;
const cleanups: (() => Promise<void>)[] = [];

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  rmSync(dir, { recursive: true, force: true });
});

interface Backend {
  store: Store;
  /** Runs SQL on the store's database without going through the store. */
  byHand(statement: string): Promise<void>;
}

async function sqliteBackend(): Promise<Backend> {
  const path = join(dir, 'store.db');
  const store = await openStore({ sqlitePath: path });
  cleanups.push(() => store.close());
  return {
    store,
    async byHand(statement) {
      const { db } = openSqlite({ path });
      try {
        await sql.raw(statement).execute(db);
      } finally {
        await db.destroy();
      }
    },
  };
}

async function postgresBackend(): Promise<Backend> {
  const store = await openStore({ databaseUrl, sqlitePath: '', postgresSchema: schema });
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  cleanups.push(async () => {
    await store.close();
    await client.query(`drop schema if exists ${schema} cascade`);
    await client.end();
  });
  return {
    store,
    async byHand(statement) {
      await client.query(`set search_path = ${schema}`);
      await client.query(statement);
    },
  };
}

describe.each([
  ['SQLite', sqliteBackend],
  ['PostgreSQL', postgresBackend],
])('the API keys version on %s', (name, open) => {
  it('changes with every write to api_keys, by the store or by hand, and not with a write that changes no key', async () => {
    const { store, byHand } = await open();
    expect((await store.dataVersions()).api_keys).toBe('none');
    await store.createApiKey(apiKeyRecord());
    const created = (await store.dataVersions()).api_keys;
    expect(created).not.toBe('none');

    await byHand(`update api_keys set revoked_at = '2026-11-28T01:00:00.000Z' where id = 'k1'`);
    const revokedByHand = (await store.dataVersions()).api_keys;
    expect(revokedByHand).not.toBe(created);
    // Already revoked: nothing changes, and neither does the version.
    expect(await store.revokeApiKey('k1', '2026-11-28T02:00:00.000Z')).toBe(false);
    expect((await store.dataVersions()).api_keys).toBe(revokedByHand);

    // A statement with a conflict clause of its own (SQLite's would override one in the trigger).
    await byHand(
      `insert ${name === 'SQLite' ? 'or ignore ' : ''}into api_keys (id, name, key_hash, created_at) values ('k2', 'by hand', '${'i'.repeat(64)}', '2026-11-28T03:00:00.000Z')`,
    );
    const insertedByHand = (await store.dataVersions()).api_keys;
    expect(insertedByHand).not.toBe(revokedByHand);

    await byHand('delete from api_keys');
    const deletedByHand = (await store.dataVersions()).api_keys;
    expect(deletedByHand).not.toBe(insertedByHand);
    if (name === 'PostgreSQL') {
      // Truncation fires no row trigger: a statement trigger of its own.
      await byHand('truncate api_keys');
      expect((await store.dataVersions()).api_keys).not.toBe(deletedByHand);
    }
  });
});
