/** Contract: forgetting comments for good and purging comment text past its retention. */
import { describe, expect, it } from 'vitest';
import { safetyAlertsFor } from '../../../src/alerts/safety-alerts.js';
import type { ContractContext } from './store-contract.js';
import { syntheticComment } from './synthetic-comment.js';

const NOW = '2025-06-01T02:00:00.000Z';

export function describeMinimisationContract(ctx: ContractContext): void {
  describe('forgetting comments', () => {
    it('deletes the comment, remembers its key, and is idempotent', async () => {
      await ctx.store().upsertComments([syntheticComment('f1'), syntheticComment('f2')]);
      expect(await ctx.store().forgetComment('sample', 'f1', NOW)).toBe(true);
      expect(await ctx.store().getComment('sample', 'f1')).toBeNull();
      expect(await ctx.store().getComment('sample', 'f2')).not.toBeNull();
      expect(await ctx.store().forgetComment('sample', 'f1', '2025-07-01T00:00:00.000Z')).toBe(false);
      expect(await ctx.store().forgottenIds('sample', ['f1', 'f2', 'f1'])).toEqual(new Set(['f1']));
    });

    it('records a key that was never stored, per source', async () => {
      expect(await ctx.store().forgetComment('reddit', 't3_abc', NOW)).toBe(false);
      expect(await ctx.store().forgottenIds('reddit', ['t3_abc', 't3_def'])).toEqual(new Set(['t3_abc']));
      expect(await ctx.store().forgottenIds('sample', ['t3_abc'])).toEqual(new Set());
      expect(await ctx.store().forgottenIds('reddit', [])).toEqual(new Set());
    });

    it('clears the copy of its text that a safety alert kept as evidence', async () => {
      const flagged = { ...syntheticComment('s1'), safety: [{ kind: 'fall' as const }] };
      await ctx.store().upsertComments([flagged]);
      const [alert] = safetyAlertsFor([flagged], NOW);
      await ctx.store().recordAlerts([alert!]);
      expect((await ctx.store().getAlert(alert!.id))?.evidenceText).toBe(flagged.text);
      await ctx.store().forgetComment('sample', 's1', NOW);
      expect((await ctx.store().getAlert(alert!.id))?.evidenceText).toBe('');
    });

    it('keeps aggregates blind to the forgotten comment', async () => {
      await ctx.store().upsertComments([syntheticComment('g1'), syntheticComment('g2')]);
      const before = await ctx.store().countAggregates();
      await ctx.store().forgetComment('sample', 'g1', NOW);
      const after = await ctx.store().countAggregates();
      const total = (rows: typeof before) => rows.find((r) => r.theme === 'all' && r.tumourGroup === 'all')?.n;
      expect(total(before)).toBe(2);
      expect(total(after)).toBe(1);
    });
  });

  describe('retention purge of comment text', () => {
    const old = syntheticComment('old', { postedAt: '2024-01-10T09:00:00.000Z', period: '2024-01' });
    const recent = syntheticComment('recent', { postedAt: '2025-05-20T09:00:00.000Z', period: '2025-05' });
    const { postedAt: _p, ...undatedBase } = syntheticComment('undated', { fetchedAt: '2024-02-01T00:00:00.000Z' });
    const undated = { ...undatedBase, period: '2024-02' };

    it('empties old text only, keeping analysis, hashes and aggregates', async () => {
      await ctx.store().upsertComments([old, recent, undated]);
      const aggregatesBefore = await ctx.store().countAggregates();
      expect(await ctx.store().purgeCommentText('2024-06-01T00:00:00.000Z', NOW)).toBe(2);
      expect(await ctx.store().getComment('sample', 'old')).toEqual({ ...old, text: '' });
      expect(await ctx.store().getComment('sample', 'undated')).toEqual({ ...undated, text: '' });
      expect(await ctx.store().getComment('sample', 'recent')).toEqual(recent);
      expect(await ctx.store().countPurgedComments()).toBe(2);
      expect(await ctx.store().countAggregates()).toEqual(aggregatesBefore);
      expect(await ctx.store().countComments()).toBe(3);
      const candidates = await ctx.store().findDuplicateCandidates([old.simhash]);
      expect(candidates.map((c) => c.key)).toContain('sample:old');
      expect(await ctx.store().purgeCommentText('2024-06-01T00:00:00.000Z', NOW)).toBe(0);
    });

    it('purges the alert copy of a purged comment text, and only that', async () => {
      const oldFlagged = { ...old, safety: [{ kind: 'fall' as const }] };
      const recentFlagged = { ...recent, safety: [{ kind: 'fall' as const }] };
      await ctx.store().upsertComments([oldFlagged, recentFlagged]);
      const alerts = safetyAlertsFor([oldFlagged, recentFlagged], NOW);
      await ctx.store().recordAlerts(alerts);
      await ctx.store().purgeCommentText('2024-06-01T00:00:00.000Z', NOW);
      expect((await ctx.store().getAlert(alerts[0]!.id))?.evidenceText).toBe('');
      expect((await ctx.store().getAlert(alerts[1]!.id))?.evidenceText).toBe(recent.text);
    });

    it('keeps a purged comment purged when the same item is fetched again', async () => {
      await ctx.store().upsertComments([old]);
      await ctx.store().purgeCommentText('2024-06-01T00:00:00.000Z', NOW);
      const refetched = { ...old, fetchedAt: '2025-06-02T00:00:00.000Z', processedAt: '2025-06-02T00:00:01.000Z' };
      expect(await ctx.store().upsertComments([refetched])).toEqual({
        inserted: 0,
        updated: 0,
        unchanged: 1,
        forgotten: 0,
      });
      expect((await ctx.store().getComment('sample', 'old'))?.text).toBe('');
    });

    it('purges again an edit that brought the text back', async () => {
      await ctx.store().upsertComments([old]);
      await ctx.store().purgeCommentText('2024-06-01T00:00:00.000Z', NOW);
      await ctx.store().upsertComments([{ ...old, text: 'An edited synthetic comment.', contentHash: 'edited' }]);
      expect((await ctx.store().getComment('sample', 'old'))?.text).toBe('An edited synthetic comment.');
      expect(await ctx.store().purgeCommentText('2024-06-01T00:00:00.000Z', '2025-06-02T02:00:00.000Z')).toBe(1);
      expect((await ctx.store().getComment('sample', 'old'))?.text).toBe('');
      expect(await ctx.store().countPurgedComments()).toBe(1);
    });
  });
}
