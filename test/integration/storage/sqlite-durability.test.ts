import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import { openSqlite } from '../../../src/storage/sqlite/open-sqlite.js';

const dir = mkdtempSync(join(tmpdir(), 'carevoice-durability-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('opens the SQLite store in WAL mode with every commit synced (synchronous=FULL)', async () => {
  const { db } = openSqlite({ path: join(dir, 'carevoice.db') });
  try {
    const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db);
    expect(mode.rows[0]?.journal_mode).toBe('wal');
    // 2 is FULL: NORMAL (1) would let a host crash take back a batch Redis already counts as done.
    const synchronous = await sql<{ synchronous: number }>`pragma synchronous`.execute(db);
    expect(synchronous.rows[0]?.synchronous).toBe(2);
  } finally {
    await db.destroy();
  }
});
