/** Contract: a comment's source-specific attributes round-trip and count in the unchanged/updated hash. */
import { describe, expect, it } from 'vitest';
import type { ContractContext } from './store-contract.js';
import { syntheticComment } from './synthetic-comment.js';

const CARE_OPINION = { tags: ['kind nurses', 'parking'], criticality: -2 };
const FFT = { fftRating: 5 as const, service: 'Oncology / Day unit' };

export function describeAttributesContract(ctx: ContractContext): void {
  describe('comment attributes', () => {
    it('stores attributes and reads them back from getComment and listComments', async () => {
      const story = syntheticComment('co-1', { source: 'care-opinion', attributes: CARE_OPINION });
      const answer = syntheticComment('fft-1', { source: 'fft-export', attributes: FFT });
      const none = syntheticComment('plain');
      await ctx.store().upsertComments([story, answer, none]);
      expect(await ctx.store().getComment('care-opinion', 'co-1')).toEqual(story);
      expect(await ctx.store().getComment('fft-export', 'fft-1')).toEqual(answer);
      const plain = await ctx.store().getComment('sample', 'plain');
      expect(plain && 'attributes' in plain).toBe(false);
      const listed = await ctx.store().listComments({ source: 'care-opinion' }, { limit: 10 });
      expect(listed.items.map((c) => c.attributes)).toEqual([CARE_OPINION]);
    });

    it('counts the same attributes as unchanged and changed ones as an update', async () => {
      const story = syntheticComment('co-1', { attributes: CARE_OPINION });
      await ctx.store().upsertComments([story]);
      // Key order is not content: the same attributes written differently are unchanged.
      const reordered = syntheticComment('co-1', { attributes: { criticality: -2, tags: ['kind nurses', 'parking'] } });
      expect(await ctx.store().upsertComments([reordered])).toEqual({
        inserted: 0,
        updated: 0,
        unchanged: 1,
        forgotten: 0,
      });
      const recoded = syntheticComment('co-1', { attributes: { ...CARE_OPINION, criticality: 3 } });
      expect(await ctx.store().upsertComments([recoded])).toEqual({
        inserted: 0,
        updated: 1,
        unchanged: 0,
        forgotten: 0,
      });
      expect((await ctx.store().getComment('sample', 'co-1'))?.attributes).toEqual({ ...CARE_OPINION, criticality: 3 });
      const cleared = syntheticComment('co-1');
      expect(await ctx.store().upsertComments([cleared])).toEqual({
        inserted: 0,
        updated: 1,
        unchanged: 0,
        forgotten: 0,
      });
      expect(await ctx.store().getComment('sample', 'co-1')).toEqual(cleared);
    });
  });
}
