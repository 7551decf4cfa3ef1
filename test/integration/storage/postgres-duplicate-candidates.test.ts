/**
 * What only PostgreSQL's duplicate lookup split around the write lock (migration 014) can get wrong:
 * a comment written, deleted or given a new SimHash between the band lookup ahead of the lock and
 * the lookup inside it, a SimHash asked about that was not read ahead, concurrent writers of copies
 * of one comment, and a store migrated with comments in it. Each case has a fresh schema.
 */
import { randomBytes } from 'node:crypto';
import { Migrator, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OpenedDatabase, PreparedDuplicateLookup } from '../../../src/storage/dialect-hooks.js';
import { migrationProvider } from '../../../src/storage/migrations/index.js';
import { openStore } from '../../../src/storage/open-store.js';
import { openPostgres } from '../../../src/storage/postgres/open-postgres.js';
import { commentToRow } from '../../../src/storage/row-mapping.js';
import type { Store } from '../../../src/storage/store.js';
import { syntheticComment } from './synthetic-comment.js';

const databaseUrl = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

let schema: string;
let opened: OpenedDatabase;
let store: Store;

beforeEach(async () => {
  schema = `carevoice_test_${randomBytes(6).toString('hex')}`;
  opened = await openPostgres({ connectionString: databaseUrl, schema, poolSize: 4 });
  store = await openStore({ databaseUrl, sqlitePath: 'unused', postgresSchema: schema, poolSize: 4 });
});

afterEach(async () => {
  await store.close();
  await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(opened.db);
  await opened.db.destroy();
});

/** The keys `simhashes` finds inside a write transaction, through a lookup prepared beforehand. */
const keysFound = async (
  prepared: PreparedDuplicateLookup,
  simhashes: string[],
  maxHammingDistance?: number,
): Promise<string[]> =>
  opened.hooks.writeTransaction(opened.db, async (trx) => {
    await opened.hooks.lockCommentWrites(trx);
    return (await prepared.find(trx, simhashes, maxHammingDistance)).map((c) => c.key);
  });

describe('PostgreSQL duplicate candidates read ahead of the write lock', () => {
  it('finds a comment another writer committed after the band neighbours were read', async () => {
    const prepared = await opened.hooks.prepareDuplicateLookup(opened.db, ['1111222233334444']);
    await store.upsertComments([syntheticComment('meanwhile', { simhash: '1111222233334445' })]);
    expect(await keysFound(prepared, ['1111222233334444'], 3)).toEqual(['sample:meanwhile']);
  });

  it('drops a comment deleted after the band neighbours were read', async () => {
    await store.upsertComments([syntheticComment('gone', { simhash: '5555666677778888' })]);
    const prepared = await opened.hooks.prepareDuplicateLookup(opened.db, ['5555666677778888']);
    expect(await store.deleteComment('sample', 'gone')).toBe(true);
    expect(await keysFound(prepared, ['5555666677778888'])).toEqual([]);
  });

  it('finds a comment rewritten meanwhile by its new SimHash only', async () => {
    const before = syntheticComment('moved', { simhash: 'aaaa000000000000' });
    await store.upsertComments([before]);
    const prepared = await opened.hooks.prepareDuplicateLookup(opened.db, ['aaaa000000000000', '0000bbbbccccdddd']);
    await store.upsertComments([{ ...before, text: `${before.text} Edited.`, simhash: '0000bbbbccccdddd' }]);
    expect(await keysFound(prepared, ['aaaa000000000000'])).toEqual([]);
    expect(await keysFound(prepared, ['0000bbbbccccdddd'], 0)).toEqual(['sample:moved']);
  });

  it('reads the band indexes for a SimHash it was not prepared for', async () => {
    const prepared = await opened.hooks.prepareDuplicateLookup(opened.db, ['1234123412341234']);
    await store.upsertComments([syntheticComment('unprepared', { simhash: '9999888877776666' })]);
    await store.upsertComments([syntheticComment('other', { simhash: '9999000000000000' })]);
    // With their write numbers cleared, only a full band lookup can find them.
    await sql`update comments set write_seq = null`.execute(opened.db);
    expect(await keysFound(prepared, ['9999888877776666'])).toEqual(['sample:other', 'sample:unprepared']);
  });

  it('keeps one original among copies written at once by concurrent writers', async () => {
    const copies = Array.from({ length: 8 }, (_, i) =>
      syntheticComment(`copy-${i}`, { contentHash: 'same', simhash: 'abcdabcdabcdabcd' }),
    );
    await Promise.all(
      copies.map((copy) =>
        store.upsertComments([copy], async (lookup, kept) => {
          const decided = new Map<string, string | null>();
          for (const c of kept) {
            const [first] = await lookup.findDuplicateCandidates([c.simhash], 3);
            decided.set(`${c.source}:${c.externalId}`, first === undefined ? null : (first.duplicateOf ?? first.key));
          }
          return decided;
        }),
      ),
    );
    const stored = await Promise.all(copies.map((c) => store.getComment('sample', c.externalId)));
    const originals = stored.filter((c) => c?.duplicateOf === null);
    expect(originals).toHaveLength(1);
    const originalKey = `sample:${originals[0]!.externalId}`;
    for (const c of stored) if (c !== originals[0]) expect(c?.duplicateOf).toBe(originalKey);
  });

  it('numbers writes from the migration on, finds comments stored before it, and migrates back', async () => {
    const migrator = new Migrator({ db: opened.db, provider: migrationProvider });
    expect((await migrator.migrateTo('013-sqlite-simhash-journal')).error).toBeUndefined();
    await opened.db
      .insertInto('comments')
      .values(commentToRow(syntheticComment('old', { simhash: '4444333322221111' })))
      .execute();
    expect((await migrator.migrateToLatest()).error).toBeUndefined();

    const prepared = await opened.hooks.prepareDuplicateLookup(opened.db, ['4444333322221111']);
    await store.upsertComments([syntheticComment('new', { simhash: '4444333322221110' })]);
    expect(await keysFound(prepared, ['4444333322221111'], 1)).toEqual(['sample:new', 'sample:old']);
    const numbers = await sql<{
      external_id: string;
      write_seq: string | null;
    }>`select external_id, write_seq from comments order by external_id`.execute(opened.db);
    expect(numbers.rows).toEqual([
      { external_id: 'new', write_seq: '1' },
      { external_id: 'old', write_seq: null },
    ]);

    expect((await migrator.migrateTo('013-sqlite-simhash-journal')).error).toBeUndefined();
    const left = await sql<{ name: string }>`
      select column_name as name from information_schema.columns
        where table_schema = ${schema} and table_name = 'comments' and column_name = 'write_seq'
      union all select sequence_name from information_schema.sequences where sequence_schema = ${schema}
      union all select trigger_name from information_schema.triggers where trigger_schema = ${schema}`.execute(
      opened.db,
    );
    expect(left.rows).toEqual([]);
    await opened.db
      .insertInto('comments')
      .values(commentToRow(syntheticComment('after-down', { simhash: '4444333322221111' })))
      .execute();
  });
});
