/**
 * What only SQLite's in-memory band neighbours (migration 013) can get wrong: a handle that read
 * journal rows of a transaction that then rolled back, a journal started afresh, a comments table
 * rebuilt under new rowids, overlapping writes of one handle, and a store migrated with comments in it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../../../src/storage/dialect-hooks.js';
import { migrationProvider } from '../../../src/storage/migrations/index.js';
import { openStore } from '../../../src/storage/open-store.js';
import { commentToRow } from '../../../src/storage/row-mapping.js';
import { openSqlite } from '../../../src/storage/sqlite/open-sqlite.js';
import { expectOneOriginal, keepFirstOriginal } from './first-original.js';
import { syntheticComment } from './synthetic-comment.js';

let dir: string;
let path: string;
const opened: OpenedDatabase[] = [];

const open = (): OpenedDatabase => {
  const handle = openSqlite({ path });
  opened.push(handle);
  return handle;
};

const bandIndexes = async ({ db }: OpenedDatabase): Promise<string[]> =>
  (
    await sql<{
      name: string;
    }>`select name from sqlite_master where type = 'index' and name like 'comments_sim_band%' order by name`.execute(db)
  ).rows.map((r) => r.name);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'carevoice-candidates-'));
  path = join(dir, 'store.db');
});

afterEach(async () => {
  for (const handle of opened.splice(0)) await handle.db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe('SQLite duplicate candidates from the SimHash journal', () => {
  it('reads again past journal rows it read inside a transaction that rolled back', async () => {
    await (await openStore({ sqlitePath: path })).close();
    const reader = open();
    await expect(
      reader.hooks.writeTransaction(reader.db, async (trx) => {
        await trx
          .insertInto('comments')
          .values(commentToRow(syntheticComment('rolled-back', { simhash: '1111222233334444' })))
          .execute();
        // Reads its own uncommitted journal row, under a sequence number the rollback gives back.
        expect(await reader.hooks.findDuplicateCandidates(trx, ['1111222233334444'])).toHaveLength(1);
        throw new Error('abandoned');
      }),
    ).rejects.toThrow('abandoned');

    const writer = await openStore({ sqlitePath: path });
    await writer.upsertComments([syntheticComment('committed', { simhash: 'aaaabbbbccccdddd' })]);
    await writer.close();
    expect(await reader.hooks.findDuplicateCandidates(reader.db, ['1111222233334444'])).toEqual([]);
    expect((await reader.hooks.findDuplicateCandidates(reader.db, ['aaaabbbbccccdddd'])).map((c) => c.key)).toEqual([
      'sample:committed',
    ]);
  });

  it('reads a journal started afresh (a store file restored under a running handle) from its start', async () => {
    const store = await openStore({ sqlitePath: path });
    const reader = open();
    try {
      await store.upsertComments(
        ['a', 'b', 'c'].map((id, i) => syntheticComment(id, { simhash: `000${i}aaaabbbbcccc` })),
      );
      expect(await reader.hooks.findDuplicateCandidates(reader.db, ['0000aaaabbbbcccc'], 0)).toHaveLength(1);
      await sql`delete from comments`.execute(reader.db);
      await sql`delete from simhash_journal`.execute(reader.db);
      await sql`delete from sqlite_sequence where name = 'simhash_journal'`.execute(reader.db);
      await store.upsertComments([syntheticComment('after', { simhash: '7777666655554444' })]);
      expect((await reader.hooks.findDuplicateCandidates(reader.db, ['7777666655554444'])).map((c) => c.key)).toEqual([
        'sample:after',
      ]);
    } finally {
      await store.close();
    }
  });

  it('finds comments by key after the comments table is rebuilt under new rowids', async () => {
    const store = await openStore({ sqlitePath: path });
    try {
      const comments = Array.from({ length: 300 }, (_, i) =>
        syntheticComment(`r-${i}`, { simhash: `${i.toString(16).padStart(4, '0')}000011112222` }),
      );
      await store.upsertComments(comments);
      // Rebuild the table in reverse key order with the triggers off, as a dump and restore without
      // preserved rowids would: every comment keeps its key and SimHash under another rowid.
      const admin = open();
      const renumber = async (): Promise<void> => {
        await sql`create temp table saved as select * from comments`.execute(admin.db);
        await sql`drop trigger comments_simhash_journal_insert`.execute(admin.db);
        await sql`pragma foreign_keys = off`.execute(admin.db);
        await sql`delete from comments`.execute(admin.db);
        await sql`insert into comments select * from saved order by external_id desc`.execute(admin.db);
        await sql`pragma foreign_keys = on`.execute(admin.db);
      };
      await renumber();
      const moved = await sql<{ rowid: number }>`select rowid from comments where external_id = 'r-0'`.execute(
        admin.db,
      );
      expect(moved.rows[0]?.rowid).not.toBe(1);
      const fresh = open();
      expect((await fresh.hooks.findDuplicateCandidates(fresh.db, ['0123000011112222'], 0)).map((c) => c.key)).toEqual([
        'sample:r-291',
      ]);
    } finally {
      await store.close();
    }
  });

  it('keeps one original among copies written by concurrent batches of one handle', async () => {
    const setup = await openStore({ sqlitePath: path });
    await setup.close();
    const admin = open();
    // Journal rows of rows long gone, enough for several pages: the first lookups' reading of the
    // journal then overlaps the other batches' transactions.
    await sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < 50000)
      insert into simhash_journal (source, external_id, simhash) select 'gone', 'g-' || i, printf('%016x', i) from n`.execute(
      admin.db,
    );
    const store = await openStore({ sqlitePath: path });
    try {
      const copies = Array.from({ length: 8 }, (_, i) =>
        syntheticComment(`copy-${i}`, { contentHash: 'same', simhash: 'abcdabcdabcdabcd' }),
      );
      await Promise.all(copies.map((copy) => store.upsertComments([copy], keepFirstOriginal)));
      expectOneOriginal(await Promise.all(copies.map((c) => store.getComment('sample', c.externalId))));
    } finally {
      await store.close();
    }
  });

  it('compacts the journal to the comments as they are now, and every handle still finds the same', async () => {
    const store = await openStore({ sqlitePath: path });
    const reader = open();
    try {
      const comments = ['keep', 'rewrite', 'back', 'gone'].map((id, i) =>
        syntheticComment(id, { simhash: `${i}${i}${i}${i}000011112222` }),
      );
      await store.upsertComments(comments);
      const edited = (id: string, simhash: string, n: number) => ({
        ...comments.find((c) => c.externalId === id)!,
        text: `edited ${n}`,
        simhash,
      });
      await store.upsertComments([edited('rewrite', 'aaaa000011112222', 1)]);
      // Rewritten, then back to its first SimHash: two journal rows name that key and SimHash.
      await store.upsertComments([edited('back', 'bbbb000011112222', 1)]);
      await store.upsertComments([edited('back', '2222000011112222', 2)]);
      expect(await store.deleteComment('sample', 'gone')).toBe(true);
      // The reader has read every journal row, the stale ones included.
      const asked = [
        '0000000011112222',
        '1111000011112222',
        'aaaa000011112222',
        '2222000011112222',
        '3333000011112222',
      ];
      const before = (await reader.hooks.findDuplicateCandidates(reader.db, asked, 0)).map((c) => c.key);

      // Rows of comments long gone, enough that compaction takes several transactions.
      await sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < 150000)
        insert into simhash_journal (source, external_id, simhash) select 'gone', 'g-' || i, printf('%016x', i) from n`.execute(
        reader.db,
      );
      // Dropped: those but the newest (the newest row always stays), rewrite's and back's earlier
      // SimHashes, and the deleted comment's row.
      expect(await store.compactDuplicateLookup()).toBe(150_002);
      const journal = await sql<{ external_id: string; simhash: string }>`
        select external_id, simhash from simhash_journal order by external_id, seq`.execute(reader.db);
      expect(journal.rows).toEqual([
        { external_id: 'back', simhash: '2222000011112222' },
        { external_id: 'back', simhash: '2222000011112222' },
        { external_id: 'g-150000', simhash: '00000000000249f0' },
        { external_id: 'keep', simhash: '0000000011112222' },
        { external_id: 'rewrite', simhash: 'aaaa000011112222' },
      ]);
      expect(before).toEqual(['sample:back', 'sample:keep', 'sample:rewrite']);
      expect((await reader.hooks.findDuplicateCandidates(reader.db, asked, 0)).map((c) => c.key)).toEqual(before);
      const fresh = open();
      expect((await fresh.hooks.findDuplicateCandidates(fresh.db, asked, 0)).map((c) => c.key)).toEqual(before);
      expect(await store.compactDuplicateLookup()).toBe(0);
      // New writes after a compaction are journalled and found as before.
      await store.upsertComments([syntheticComment('later', { simhash: '5555000011112222' })]);
      expect(
        (await reader.hooks.findDuplicateCandidates(reader.db, ['5555000011112222'], 0)).map((c) => c.key),
      ).toEqual(['sample:later']);
    } finally {
      await store.close();
    }
  });

  it('journals the comments a store already held when it migrates, and drops the band indexes', async () => {
    const before = open();
    const migrator = new Migrator({ db: before.db, provider: migrationProvider });
    expect((await migrator.migrateTo('012-trust-listing-index')).error).toBeUndefined();
    expect(await bandIndexes(before)).toHaveLength(4);
    await before.db
      .insertInto('comments')
      .values([
        commentToRow(syntheticComment('old-1', { contentHash: 'h1', simhash: '1111222233334444' })),
        commentToRow(syntheticComment('old-2', { contentHash: 'h2', simhash: '1111ffffffffffff' })),
      ])
      .execute();

    const store = await openStore({ sqlitePath: path });
    try {
      expect((await store.findDuplicateCandidates(['1111222233334444'])).map((c) => c.key)).toEqual([
        'sample:old-1',
        'sample:old-2',
      ]);
    } finally {
      await store.close();
    }
    expect(await bandIndexes(before)).toEqual([]);

    // And back: the band indexes return, the journal and its triggers go.
    expect((await migrator.migrateTo('012-trust-listing-index')).error).toBeUndefined();
    expect(await bandIndexes(before)).toEqual([
      'comments_sim_band0_simhash_idx',
      'comments_sim_band1_simhash_idx',
      'comments_sim_band2_simhash_idx',
      'comments_sim_band3_simhash_idx',
    ]);
    const left = await sql<{
      name: string;
    }>`select name from sqlite_master where name like '%simhash_journal%'`.execute(before.db);
    expect(left.rows).toEqual([]);
  });
});
