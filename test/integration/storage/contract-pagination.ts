/** Contract: listComments filters and keyset pagination. */
import { describe, expect, it } from 'vitest';
import type { ProcessedComment } from '../../../src/domain/model.js';
import type { CommentFilter, Store } from '../../../src/storage/store.js';
import type { ContractContext } from './store-contract.js';
import { syntheticComment } from './synthetic-comment.js';

async function listAll(store: Store, filter: CommentFilter, limit: number): Promise<ProcessedComment[][]> {
  const pages: ProcessedComment[][] = [];
  let after: string | null = null;
  do {
    const page = await store.listComments(filter, { limit, after });
    pages.push(page.items);
    after = page.next;
  } while (after !== null && pages.length < 100);
  return pages;
}

const keys = (items: readonly ProcessedComment[]): string[] => items.map((c) => `${c.source}:${c.externalId}`);

/** Seven comments that differ in exactly one filterable field each from the base one. */
function filterFixture(): ProcessedComment[] {
  return [
    syntheticComment('base'),
    syntheticComment('other-source', { source: 'reddit' }),
    syntheticComment('other-trust', { provider: { odsCode: 'RXX', name: 'Another Trust' } }),
    syntheticComment('other-theme', { themes: [{ id: 'cns_access', sentiment: 'positive' }] }),
    syntheticComment('other-group', { tumourGroups: ['breast'] }),
    syntheticComment('later', { period: '2024-05' }),
    syntheticComment('negative', { sentiment: { label: 'negative', score: -0.7 } }),
    syntheticComment('duplicate', { duplicateOf: 'sample:base' }),
  ];
}

export function describePaginationContract(ctx: ContractContext): void {
  describe('listing comments', () => {
    it('applies every filter field', async () => {
      await ctx.store().upsertComments(filterFixture());
      const ids = async (filter: CommentFilter) =>
        (await ctx.store().listComments(filter, { limit: 50 })).items.map((c) => c.externalId).sort();
      expect(await ids({})).toHaveLength(7);
      expect(await ids({ includeDuplicates: true })).toHaveLength(8);
      expect(await ids({ source: 'reddit' })).toEqual(['other-source']);
      expect(await ids({ odsCode: 'RXX' })).toEqual(['other-trust']);
      expect(await ids({ theme: 'cns_access' })).toEqual(['other-theme']);
      expect(await ids({ tumourGroup: 'breast' })).toEqual(['other-group']);
      expect(await ids({ periodFrom: '2024-04' })).toEqual(['later']);
      expect(await ids({ periodTo: '2024-04' })).toHaveLength(6);
      expect(await ids({ periodFrom: '2024-03', periodTo: '2024-03', sentiment: 'negative' })).toEqual(['negative']);
      expect(await ids({ theme: 'waiting_times', tumourGroup: 'sarcoma', source: 'sample', odsCode: 'RBV' })).toEqual([
        'base',
        'later',
        'negative',
      ]);
      expect(await ctx.store().countComments({ theme: 'waiting_times', includeDuplicates: true })).toBe(7);
    });

    it('pages through every comment once, newest period first, with no gaps or repeats', async () => {
      const periods = ['2024-01', '2024-02', '2024-03'];
      const all = Array.from({ length: 23 }, (_, i) =>
        syntheticComment(`p${String(i).padStart(2, '0')}`, { period: periods[i % 3]!, source: i % 2 ? 'a' : 'b' }),
      );
      await ctx.store().upsertComments(all);
      const pages = await listAll(ctx.store(), {}, 5);
      expect(pages.map((p) => p.length)).toEqual([5, 5, 5, 5, 3]);
      const seen = pages.flat();
      expect(new Set(keys(seen)).size).toBe(23);
      expect(keys(seen).sort()).toEqual(keys(all).sort());
      const order = seen.map((c) => c.period);
      expect(order).toEqual([...order].sort().reverse());
      // The same walk twice gives the same order: the cursor is a stable keyset, not an offset.
      expect(keys((await listAll(ctx.store(), {}, 7)).flat())).toEqual(keys(seen));
    });

    it('keeps its place when a newer row arrives between pages', async () => {
      const original = Array.from({ length: 6 }, (_, i) => syntheticComment(`k${i}`));
      await ctx.store().upsertComments(original);
      const first = await ctx.store().listComments({}, { limit: 3 });
      await ctx.store().upsertComments([syntheticComment('k9', { period: '2025-01' })]);
      const second = await ctx.store().listComments({}, { limit: 10, after: first.next });
      expect(keys([...first.items, ...second.items]).sort()).toEqual(keys(original).sort());
      expect(second.next).toBeNull();
    });

    it('pages a filtered listing and ends with a null cursor', async () => {
      await ctx
        .store()
        .upsertComments(
          Array.from({ length: 9 }, (_, i) =>
            syntheticComment(`f${i}`, { themes: i < 4 ? [{ id: 'cns_access', sentiment: 'neutral' }] : [] }),
          ),
        );
      const pages = await listAll(ctx.store(), { theme: 'cns_access' }, 3);
      expect(pages.map((p) => p.length)).toEqual([3, 1]);
      const exact = await ctx.store().listComments({ theme: 'cns_access' }, { limit: 4 });
      expect(exact.next).toBeNull();
    });

    it('rejects a cursor it did not issue and a page size out of range', async () => {
      await expect(ctx.store().listComments({}, { limit: 5, after: 'not-a-cursor' })).rejects.toThrow(
        /invalid page cursor/,
      );
      await expect(ctx.store().listComments({}, { limit: 0 })).rejects.toThrow(/page limit/);
    });
  });
}
