import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../../src/storage/errors/store-unavailable-error.js';
import { openStore } from '../../../src/storage/open-store.js';
import { openPostgres } from '../../../src/storage/postgres/open-postgres.js';

describe('opening a store', () => {
  it('falls back to a migrated SQLite file, creating its folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'carevoice-open-'));
    try {
      const store = await openStore({ databaseUrl: 'file:ignored', sqlitePath: join(dir, 'a', 'b', 'store.db') });
      expect(store.dialect).toBe('sqlite');
      expect(await store.countComments()).toBe(0);
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the server, without its password, when PostgreSQL cannot be reached', async () => {
    // Port 1 on loopback refuses at once: no server listens there.
    const attempt = openPostgres({ connectionString: 'postgres://app:s3cret@127.0.0.1:1/x', connectTimeoutMs: 2000 });
    await expect(attempt).rejects.toThrow(StoreUnavailableError);
    await expect(attempt).rejects.toThrow(/cannot reach PostgreSQL at postgres:\/\/app:\*\*\*@127\.0\.0\.1:1\/x/);
  });

  it('migrates the schema a URL search_path names, though another schema on the server is migrated', async () => {
    const databaseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    const suffix = randomBytes(6).toString('hex');
    const [other, target] = [`carevoice_other_${suffix}`, `carevoice_url_${suffix}`];
    const admin = await openPostgres({ connectionString: databaseUrl, poolSize: 1 });
    try {
      const migrated = await openStore({ databaseUrl, sqlitePath: 'unused', postgresSchema: other, poolSize: 1 });
      await migrated.close();
      await sql`create schema ${sql.id(target)}`.execute(admin.db);
      const url = new URL(databaseUrl);
      url.searchParams.set('options', `-c search_path=${target}`);
      const store = await openStore({ databaseUrl: url.toString(), sqlitePath: 'unused', poolSize: 1 });
      expect(await store.countComments()).toBe(0);
      await store.close();
      const tables = await sql<{ table_name: string }>`
        select table_name from information_schema.tables where table_schema = ${target} and table_name = 'comments'`.execute(
        admin.db,
      );
      expect(tables.rows).toHaveLength(1);
    } finally {
      for (const schema of [other, target])
        await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(admin.db);
      await admin.db.destroy();
    }
  });
});
