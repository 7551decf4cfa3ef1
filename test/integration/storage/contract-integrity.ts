/**
 * Contract: nothing lost, nothing doubled. A forgotten key never comes back, concurrent writers
 * never both store one of a duplicate pair as an original, and deleting an original promotes a
 * duplicate in its place.
 */
import { describe, expect, it } from 'vitest';
import { safetyAlertsFor } from '../../../src/alerts/safety-alerts.js';
import type { ProcessedComment } from '../../../src/domain/model.js';
import type { DuplicateLookup, Store } from '../../../src/storage/store.js';
import { divergence } from './contract-alerts.js';
import type { ContractContext } from './store-contract.js';
import { syntheticComment } from './synthetic-comment.js';

const NOW = '2025-06-01T02:00:00.000Z';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const keyOf = (c: { source: string; externalId: string }) => `${c.source}:${c.externalId}`;

/**
 * The simplest duplicate rule (same content hash as a stored comment: a duplicate of it), with a
 * pause between reading and deciding so that two unserialised writers would both read nothing.
 */
function sameHashDedupe(pauseMs: number) {
  return async (lookup: DuplicateLookup, comments: readonly ProcessedComment[]) => {
    const candidates = await lookup.findDuplicateCandidates(comments.map((c) => c.simhash));
    await sleep(pauseMs);
    const decided = new Map<string, string | null>();
    for (const c of comments) {
      const match = candidates.find((k) => k.contentHash === c.contentHash && k.key !== keyOf(c));
      decided.set(keyOf(c), match ? (match.duplicateOf ?? match.key) : null);
    }
    return decided;
  };
}

async function duplicateOf(store: Store, externalId: string): Promise<string | null | undefined> {
  return (await store.getComment('sample', externalId))?.duplicateOf;
}

export function describeIntegrityContract(ctx: ContractContext): void {
  describe('integrity of comment writes', () => {
    it('never stores a forgotten key again, and says so', async () => {
      await ctx.store().forgetComment('sample', 'gone', NOW);
      const result = await ctx.store().upsertComments([syntheticComment('gone'), syntheticComment('kept')]);
      expect(result).toEqual({ inserted: 1, updated: 0, unchanged: 0, forgotten: 1 });
      expect(await ctx.store().getComment('sample', 'gone')).toBeNull();
      expect(await ctx.store().countComments()).toBe(1);
    });

    it('keeps a key forgotten while its upsert was in flight forgotten', async () => {
      const other = await ctx.openHandle();
      for (let round = 0; round < 5; round += 1) {
        const id = `race-${round}`;
        // The upsert reads, pauses, then writes; the forget lands inside that pause.
        const upsert = ctx.store().upsertComments([syntheticComment(id)], sameHashDedupe(40));
        await sleep(10);
        await Promise.all([upsert, other.forgetComment('sample', id, NOW)]);
        expect(await ctx.store().getComment('sample', id)).toBeNull();
      }
    });

    it('lets only one of two concurrent writers of a duplicate pair store an original', async () => {
      const other = await ctx.openHandle();
      const text = 'Two people posted this exact account of the clinic running very late again.';
      // Equal texts: the same content hash, and so the same SimHash.
      const first = syntheticComment('pair-a', { text, contentHash: 'same-hash', simhash: '0123456789abcdef' });
      const second = syntheticComment('pair-b', { text, contentHash: 'same-hash', simhash: '0123456789abcdef' });
      await Promise.all([
        ctx.store().upsertComments([first], sameHashDedupe(40)),
        other.upsertComments([second], sameHashDedupe(40)),
      ]);
      const answers = [await duplicateOf(ctx.store(), 'pair-a'), await duplicateOf(ctx.store(), 'pair-b')];
      expect(answers.filter((a) => a === null)).toHaveLength(1);
      expect(answers).toContain(answers[0] === null ? 'sample:pair-a' : 'sample:pair-b');
    });

    it('promotes the earliest remaining duplicate when an original is forgotten', async () => {
      const original = syntheticComment('orig', { postedAt: '2024-03-01T09:00:00.000Z' });
      const later = syntheticComment('later', { postedAt: '2024-03-20T09:00:00.000Z', duplicateOf: 'sample:orig' });
      const earlier = syntheticComment('earlier', {
        postedAt: '2024-03-05T09:00:00.000Z',
        duplicateOf: 'sample:orig',
      });
      await ctx.store().upsertComments([original, later, earlier]);
      expect(await ctx.store().countComments()).toBe(1);
      await ctx.store().forgetComment('sample', 'orig', NOW);
      expect(await duplicateOf(ctx.store(), 'earlier')).toBeNull();
      expect(await duplicateOf(ctx.store(), 'later')).toBe('sample:earlier');
      expect(await ctx.store().countComments()).toBe(1);
      // The promoted row is what processing it again would store: no spurious update.
      const again = await ctx.store().upsertComments([{ ...earlier, duplicateOf: null }]);
      expect(again).toEqual({ inserted: 0, updated: 0, unchanged: 1, forgotten: 0 });
    });

    it('promotes on a plain delete too', async () => {
      await ctx
        .store()
        .upsertComments([
          syntheticComment('o'),
          syntheticComment('d', { duplicateOf: 'sample:o', postedAt: '2024-03-15T10:00:00.000Z' }),
        ]);
      expect(await ctx.store().deleteComment('sample', 'o')).toBe(true);
      expect(await duplicateOf(ctx.store(), 'd')).toBeNull();
    });

    it('removes a forgotten comment from the evidence of divergence alerts', async () => {
      const alert = { ...divergence, evidence: { ...divergence.evidence!, commentIds: ['sample:a', 'sample:b'] } };
      await ctx.store().recordAlerts([alert]);
      await ctx.store().forgetComment('sample', 'a', NOW);
      expect((await ctx.store().getAlert(alert.id))?.evidence?.commentIds).toEqual(['sample:b']);
      // An id that merely contains the forgotten one is kept.
      await ctx.store().forgetComment('sample', 'b%', NOW);
      expect((await ctx.store().getAlert(alert.id))?.evidence?.commentIds).toEqual(['sample:b']);
    });

    it('records no alert that would bring back a comment forgotten since it was computed', async () => {
      const flagged = { ...syntheticComment('late'), safety: [{ kind: 'fall' as const }] };
      const [safety] = safetyAlertsFor([flagged], NOW);
      await ctx.store().forgetComment('sample', 'late', NOW);
      const stale = { ...divergence, evidence: { ...divergence.evidence!, commentIds: ['sample:late', 'sample:b'] } };
      expect(await ctx.store().recordAlerts([safety!, stale])).toEqual([stale.id]);
      expect((await ctx.store().getAlert(stale.id))?.evidence?.commentIds).toEqual(['sample:b']);
    });

    it('keeps a purged duplicate purged when it is promoted and then fetched again', async () => {
      const original = syntheticComment('o2', { postedAt: '2024-01-01T09:00:00.000Z', period: '2024-01' });
      const copy = syntheticComment('c2', {
        postedAt: '2024-01-02T09:00:00.000Z',
        period: '2024-01',
        duplicateOf: 'sample:o2',
      });
      await ctx.store().upsertComments([original, copy]);
      expect(await ctx.store().purgeCommentText('2024-06-01T00:00:00.000Z', NOW)).toBe(2);
      await ctx.store().forgetComment('sample', 'o2', NOW);
      expect(await duplicateOf(ctx.store(), 'c2')).toBeNull();
      // The source serves the same story again; processing it again finds no original for it.
      await ctx.store().upsertComments([{ ...copy, duplicateOf: null }]);
      expect((await ctx.store().getComment('sample', 'c2'))?.text).toBe('');
    });
  });
}
