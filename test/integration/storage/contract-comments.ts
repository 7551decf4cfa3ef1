/** Contract: writing, reading, deleting comments and finding duplicate candidates. */
import { describe, expect, it } from 'vitest';
import type { ContractContext } from './store-contract.js';
import { minimalComment, syntheticComment } from './synthetic-comment.js';

export function describeCommentContract(ctx: ContractContext): void {
  describe('comments', () => {
    it('answers ping and names its dialect', async () => {
      await expect(ctx.store().ping()).resolves.toBeUndefined();
      expect(ctx.store().dialect).toBe(ctx.dialect);
    });

    it('stores a comment and reads back every field', async () => {
      const full = syntheticComment('c1', { safety: [{ kind: 'fall' }], rating: 2 });
      const bare = minimalComment('c2');
      expect(await ctx.store().upsertComments([full, bare])).toEqual({
        inserted: 2,
        updated: 0,
        unchanged: 0,
        forgotten: 0,
      });
      expect(await ctx.store().getComment('sample', 'c1')).toEqual(full);
      const readBare = await ctx.store().getComment('sample', 'c2');
      expect(readBare).toEqual(bare);
      expect(readBare && 'question' in readBare).toBe(false);
      expect(await ctx.store().getComment('sample', 'missing')).toBeNull();
    });

    it('never duplicates on re-ingest and counts identical rows as unchanged', async () => {
      const batch = ['a', 'b', 'c'].map((id) => syntheticComment(id));
      await ctx.store().upsertComments(batch);
      expect(await ctx.store().upsertComments(batch)).toEqual({ inserted: 0, updated: 0, unchanged: 3, forgotten: 0 });
      // Re-fetching or re-processing identical content is not a change.
      const seenAgain = batch.map((c) => ({ ...c, fetchedAt: '2024-05-01T00:00:00.000Z', processedAt: 'later' }));
      expect(await ctx.store().upsertComments(seenAgain)).toEqual({
        inserted: 0,
        updated: 0,
        unchanged: 3,
        forgotten: 0,
      });
      expect(await ctx.store().countComments()).toBe(3);
      expect((await ctx.store().getComment('sample', 'a'))?.processedAt).toBe(batch[0]!.processedAt);
    });

    it('updates a changed comment and reports inserted, updated and unchanged together', async () => {
      await ctx.store().upsertComments([syntheticComment('a'), syntheticComment('b')]);
      const changed = syntheticComment('a', {
        text: 'Edited by its author.',
        sentiment: { label: 'negative', score: -0.4 },
      });
      const result = await ctx.store().upsertComments([changed, syntheticComment('b'), syntheticComment('n')]);
      expect(result).toEqual({ inserted: 1, updated: 1, unchanged: 1, forgotten: 0 });
      expect(await ctx.store().getComment('sample', 'a')).toEqual(changed);
    });

    it('writes a key repeated within one batch once, keeping the last occurrence', async () => {
      const first = syntheticComment('dup', { text: 'First version.' });
      const last = syntheticComment('dup', { text: 'Second version.' });
      expect(await ctx.store().upsertComments([first, last])).toEqual({
        inserted: 1,
        updated: 0,
        unchanged: 0,
        forgotten: 0,
      });
      expect((await ctx.store().getComment('sample', 'dup'))?.text).toBe('Second version.');
    });

    it('keeps theme and tumour-group child rows in step with the comment', async () => {
      await ctx.store().upsertComments([syntheticComment('a')]);
      expect(await ctx.store().countComments({ theme: 'waiting_times' })).toBe(1);
      expect(await ctx.store().countComments({ tumourGroup: 'sarcoma' })).toBe(1);
      const retagged = syntheticComment('a', {
        themes: [{ id: 'cns_access', sentiment: 'positive' }],
        tumourGroups: ['skin', 'breast'],
      });
      expect((await ctx.store().upsertComments([retagged])).updated).toBe(1);
      expect(await ctx.store().countComments({ theme: 'waiting_times' })).toBe(0);
      expect(await ctx.store().countComments({ theme: 'cns_access' })).toBe(1);
      expect(await ctx.store().countComments({ tumourGroup: 'sarcoma' })).toBe(0);
      expect(await ctx.store().countComments({ tumourGroup: 'breast' })).toBe(1);
      const cells = await ctx.store().countAggregates();
      expect(cells.filter((c) => c.theme === 'waiting_times' || c.tumourGroup === 'sarcoma')).toEqual([]);
    });

    it('writes child rows of comments whose keys hold quotes, commas, braces, backslashes and NULL', async () => {
      // PostgreSQL sends child rows as arrays: every one of these must stay one plain element.
      const ids = ['a,"b"', '{c}', 'd\\e', 'NULL', "f'g", 'ünï 😀', ''];
      await ctx.store().upsertComments(ids.map((id) => syntheticComment(id)));
      expect(await ctx.store().countComments({ theme: 'waiting_times' })).toBe(ids.length);
      expect(await ctx.store().countComments({ tumourGroup: 'sarcoma' })).toBe(ids.length);
      const listed = await ctx.store().listComments({ theme: 'waiting_times' }, { limit: 20 });
      expect(listed.items.map((c) => c.externalId).sort()).toEqual([...ids].sort());
    });

    it('writes batches larger than one statement can carry in a single call', async () => {
      const batch = Array.from({ length: 1500 }, (_, i) => syntheticComment(`bulk-${i}`));
      expect(await ctx.store().upsertComments(batch)).toEqual({
        inserted: 1500,
        updated: 0,
        unchanged: 0,
        forgotten: 0,
      });
      expect(await ctx.store().countComments({ theme: 'waiting_times' })).toBe(1500);
      expect(await ctx.store().upsertComments(batch)).toEqual({
        inserted: 0,
        updated: 0,
        unchanged: 1500,
        forgotten: 0,
      });
    });

    it('treats an empty batch as a no-op', async () => {
      expect(await ctx.store().upsertComments([])).toEqual({ inserted: 0, updated: 0, unchanged: 0, forgotten: 0 });
    });

    it('deletes a comment with its child rows and says whether it existed', async () => {
      await ctx.store().upsertComments([syntheticComment('a'), syntheticComment('b')]);
      expect(await ctx.store().deleteComment('sample', 'a')).toBe(true);
      expect(await ctx.store().deleteComment('sample', 'a')).toBe(false);
      expect(await ctx.store().getComment('sample', 'a')).toBeNull();
      expect(await ctx.store().countComments({ theme: 'waiting_times' })).toBe(1);
      const allCell = (await ctx.store().countAggregates()).find((c) => c.theme === 'all' && c.tumourGroup === 'all');
      expect(allCell?.n).toBe(1);
      expect((await ctx.store().upsertComments([syntheticComment('a')])).inserted).toBe(1);
    });

    it('rejects a malformed SimHash instead of storing a wrong band', async () => {
      await expect(ctx.store().upsertComments([syntheticComment('bad', { simhash: 'xyz' })])).rejects.toThrow(
        /simhash must be 16 hex digits/,
      );
      expect(await ctx.store().countComments()).toBe(0);
    });

    it('finds duplicate candidates, with what each duplicates, by a SimHash band in the same position', async () => {
      await ctx
        .store()
        .upsertComments([
          syntheticComment('exact', { contentHash: 'h-exact', simhash: '9999aaaaabcdbbbb' }),
          syntheticComment('band2', { contentHash: 'h2', simhash: '11112222abcd4444', duplicateOf: 'sample:far' }),
          syntheticComment('shifted', { contentHash: 'h3', simhash: 'abcd000000000001' }),
          syntheticComment('far', { contentHash: 'h4', simhash: 'ffffffffffffffff' }),
        ]);
      const found = await ctx.store().findDuplicateCandidates(['9999aaaaabcdbbbb']);
      expect(found).toEqual([
        { key: 'sample:band2', contentHash: 'h2', simhash: '11112222abcd4444', duplicateOf: 'sample:far' },
        { key: 'sample:exact', contentHash: 'h-exact', simhash: '9999aaaaabcdbbbb', duplicateOf: null },
      ]);
      expect(await ctx.store().findDuplicateCandidates([])).toEqual([]);
      // Compacting what the lookup keeps changes no answer; what it drops is covered in
      // sqlite-duplicate-candidates.test.ts and postgres-duplicate-candidates.test.ts.
      await ctx.store().compactDuplicateLookup();
      expect((await ctx.store().findDuplicateCandidates(['9999aaaaabcdbbbb'])).map((c) => c.key)).toEqual(
        found.map((c) => c.key),
      );
      // Upper-case input is accepted: SimHashes compare as hex, not as text.
      expect(await ctx.store().findDuplicateCandidates(['FFFF000000000001'])).toEqual([
        { key: 'sample:far', contentHash: 'h4', simhash: 'ffffffffffffffff', duplicateOf: null },
        { key: 'sample:shifted', contentHash: 'h3', simhash: 'abcd000000000001', duplicateOf: null },
      ]);
    });

    it('keeps only band neighbours within a Hamming distance when given one', async () => {
      await ctx.store().upsertComments([
        syntheticComment('same', { contentHash: 'h1', simhash: '9999aaaaabcdbbbb' }),
        // Three bits from the request in its last band: within 3, not within 2.
        syntheticComment('three-bits', { contentHash: 'h2', simhash: '9999aaaaabcdbbb0' }),
        // Shares the first band only, and is 48 bits away.
        syntheticComment('band-only', { contentHash: 'h3', simhash: '9999555554324444' }),
        syntheticComment('twin', { contentHash: 'h1', simhash: '9999aaaaabcdbbbb' }),
      ]);
      const keys = async (distance?: number) =>
        (await ctx.store().findDuplicateCandidates(['9999AAAAABCDBBBB'], distance)).map((c) => c.key);
      expect(await keys()).toEqual(['sample:band-only', 'sample:same', 'sample:three-bits', 'sample:twin']);
      expect(await keys(3)).toEqual(['sample:same', 'sample:three-bits', 'sample:twin']);
      expect(await keys(2)).toEqual(['sample:same', 'sample:twin']);
      expect(await keys(0)).toEqual(['sample:same', 'sample:twin']);
    });

    it('finds a candidate another handle wrote after this one last looked', async () => {
      await ctx.store().upsertComments([syntheticComment('first', { contentHash: 'h1', simhash: '1111222233334444' })]);
      expect((await ctx.store().findDuplicateCandidates(['1111222233334444'])).map((c) => c.key)).toEqual([
        'sample:first',
      ]);
      const other = await ctx.openHandle();
      await other.upsertComments([syntheticComment('second', { contentHash: 'h2', simhash: '1111ffffffffffff' })]);
      expect((await ctx.store().findDuplicateCandidates(['1111222233334444'])).map((c) => c.key)).toEqual([
        'sample:first',
        'sample:second',
      ]);
    });

    it('finds a rewritten comment by its new SimHash only, whichever handle rewrote it', async () => {
      const original = syntheticComment('edited', { contentHash: 'h1', simhash: '1111222233334444' });
      await ctx.store().upsertComments([original]);
      expect(await ctx.store().findDuplicateCandidates(['1111222233334444'], 3)).toHaveLength(1);
      const other = await ctx.openHandle();
      await other.upsertComments([
        { ...original, text: 'Rewritten by its author.', contentHash: 'h2', simhash: 'aaaabbbbccccdddd' },
      ]);
      expect(await ctx.store().findDuplicateCandidates(['1111222233334444'])).toEqual([]);
      expect(await ctx.store().findDuplicateCandidates(['aaaabbbbccccdddd'], 0)).toEqual([
        { key: 'sample:edited', contentHash: 'h2', simhash: 'aaaabbbbccccdddd', duplicateOf: null },
      ]);
    });

    it('stops finding a deleted comment, and finds the next comment written in its place', async () => {
      await ctx.store().upsertComments([syntheticComment('gone', { contentHash: 'h1', simhash: '1111222233334444' })]);
      expect(await ctx.store().findDuplicateCandidates(['1111222233334444'])).toHaveLength(1);
      await ctx.store().deleteComment('sample', 'gone');
      expect(await ctx.store().findDuplicateCandidates(['1111222233334444'])).toEqual([]);
      // On SQLite the new row may take the deleted one's rowid.
      await ctx.store().upsertComments([syntheticComment('next', { contentHash: 'h2', simhash: '9999888877776666' })]);
      expect(await ctx.store().findDuplicateCandidates(['1111222233334444'])).toEqual([]);
      expect((await ctx.store().findDuplicateCandidates(['9999888877776666'])).map((c) => c.key)).toEqual([
        'sample:next',
      ]);
    });

    it('leaves one row per comment when two handles upsert the same batch at once', async () => {
      const other = await ctx.openHandle();
      const batch = Array.from({ length: 200 }, (_, i) => syntheticComment(`race-${i}`));
      const results = await Promise.all([ctx.store().upsertComments(batch), other.upsertComments(batch)]);
      expect(results.reduce((sum, r) => sum + r.inserted, 0)).toBe(200);
      expect(results.reduce((sum, r) => sum + r.unchanged, 0)).toBe(200);
      expect(await ctx.store().countComments()).toBe(200);
      expect(await other.countComments({ theme: 'waiting_times', tumourGroup: 'sarcoma' })).toBe(200);
      const allCell = (await ctx.store().countAggregates()).find(
        (c) => c.theme === 'waiting_times' && c.tumourGroup === 'sarcoma',
      );
      expect(allCell?.n).toBe(200);
    });
  });
}
