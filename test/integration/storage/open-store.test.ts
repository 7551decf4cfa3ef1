import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
});
