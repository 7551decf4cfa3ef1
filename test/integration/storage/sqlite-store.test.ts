/** Runs the store contract against SQLite in a temporary file owned by this test file. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../../src/storage/open-store.js';
import { openSqlite } from '../../../src/storage/sqlite/open-sqlite.js';
import { clearStoreTables } from './clear-store-tables.js';
import { describeStoreContract } from './store-contract.js';

describeStoreContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'carevoice-store-'));
  // A nested path also checks that the store creates its folder.
  const sqlitePath = join(dir, 'nested', 'carevoice.db');
  const first = await openStore({ sqlitePath });
  await first.close();
  const admin = openSqlite({ path: sqlitePath });
  return {
    dialect: 'sqlite',
    open: () => openStore({ sqlitePath, databaseUrl: undefined }),
    clear: () => clearStoreTables(admin.db),
    destroy: async () => {
      await admin.db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
