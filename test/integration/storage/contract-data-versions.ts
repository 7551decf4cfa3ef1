/** Contract: the per-dataset data version changes with every write of its dataset, atomically, for every handle. */
import { describe, expect, it } from 'vitest';
import { aggregateRow } from '../../support/aggregate-row.js';
import { apiKeyRecord } from '../../support/api-key-record.js';
import type { ContractContext } from './store-contract.js';

export function describeDataVersionContract(ctx: ContractContext): void {
  describe('data versions', () => {
    it('changes the aggregates version with each aggregate write, seen by another handle', async () => {
      const other = await ctx.openHandle();
      const before = await other.dataVersions();
      expect(before).toEqual({ aggregates: 'none', triangulation: 'none', api_keys: 'none' });
      await ctx.store().replaceAggregates([aggregateRow()], ['2024-03']);
      const first = await other.dataVersions();
      expect(first.aggregates).not.toBe('none');
      expect(first.triangulation).toBe('none');
      // The same rows again still count as a write: the version changes, the reader recomputes once.
      await ctx.store().replaceAggregates([aggregateRow()], ['2024-03']);
      const second = await other.dataVersions();
      expect(second.aggregates).not.toBe(first.aggregates);
      expect(second.triangulation).toBe('none');
    });

    it('changes the triangulation version with each triangulation write and leaves the aggregates one', async () => {
      await ctx.store().replaceAggregates([aggregateRow()], ['2024-03']);
      const before = await ctx.store().dataVersions();
      await ctx.store().replaceTriangulation([], [], '2025-06-01T02:00:00.000Z');
      const after = await ctx.store().dataVersions();
      expect(after.triangulation).not.toBe('none');
      expect(after.aggregates).toBe(before.aggregates);
    });

    it('changes the API keys version when a key is created or revoked, and only then', async () => {
      const other = await ctx.openHandle();
      await ctx.store().createApiKey(apiKeyRecord());
      const created = await other.dataVersions();
      expect(created.api_keys).not.toBe('none');
      expect(created.aggregates).toBe('none');
      await ctx.store().replaceAggregates([aggregateRow()], ['2024-03']);
      expect((await other.dataVersions()).api_keys).toBe(created.api_keys);
      expect(await ctx.store().revokeApiKey('k1', '2026-11-28T01:00:00.000Z')).toBe(true);
      const revoked = await other.dataVersions();
      expect(revoked.api_keys).not.toBe(created.api_keys);
      // Revoking again changes nothing, so the version stays.
      expect(await ctx.store().revokeApiKey('k1', '2026-11-28T02:00:00.000Z')).toBe(false);
      expect((await other.dataVersions()).api_keys).toBe(revoked.api_keys);
    });

    it('keeps the version when the aggregate write fails and is rolled back', async () => {
      await ctx.store().replaceAggregates([aggregateRow()], ['2024-03']);
      const before = await ctx.store().dataVersions();
      // A NOT NULL column left empty fails inside the transaction, after the version was replaced.
      const broken = aggregateRow({ period: '2024-04', n: null as unknown as number });
      await expect(ctx.store().replaceAggregates([broken], [])).rejects.toThrow();
      expect(await ctx.store().dataVersions()).toEqual(before);
      expect(await ctx.store().listAggregates({})).toEqual([aggregateRow()]);
    });
  });
}
