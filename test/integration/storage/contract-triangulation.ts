/** Contract: triangulated scores (replace per run, filters, keyset pages) and API key records. */
import { describe, expect, it } from 'vitest';
import type { TumourGroupId } from '../../../src/domain/model.js';
import type { TriangulatedCell, TumourGroupSummary } from '../../../src/storage/triangulation-types.js';
import type { ContractContext } from './store-contract.js';

const AT = '2025-06-01T02:00:00.000Z';

const cell = (odsCode: string, tumourGroup: TumourGroupId, theme: TriangulatedCell['theme'], observed = true) => ({
  odsCode,
  trustName: `${odsCode} TRUST`,
  tumourGroup,
  theme,
  estimate: 80.5,
  lower: 70.25,
  upper: 88.75,
  observed,
  respondents: observed ? 42 : null,
  sources: observed ? (['cpes'] as const) : (['cpes', 'comments'] as const),
  year: 2018,
});

const summary: TumourGroupSummary = {
  tumourGroup: 'sarcoma',
  trustsPublished: 3,
  trustsSuppressed: 120,
  nationalEstimate: 84.5,
  nationalLower: 83,
  nationalUpper: 86,
  year: 2018,
};

const CELLS: TriangulatedCell[] = [
  cell('RBV', 'sarcoma', 'all', false),
  cell('RBV', 'breast', 'all'),
  cell('RBV', 'breast', 'cns_access'),
  cell('R0A', 'skin', 'all', false),
  cell('R0A', 'breast', 'all'),
].map((c) => ({ ...c, sources: [...c.sources] }));

export function describeTriangulationContract(ctx: ContractContext): void {
  describe('triangulated scores', () => {
    it('replaces the previous run as a whole and reads rows back as written', async () => {
      await ctx.store().replaceTriangulation(CELLS, [summary], AT);
      await ctx.store().replaceTriangulation(CELLS.slice(0, 2), [summary], AT);
      const page = await ctx.store().listTriangulation({}, { limit: 10 });
      expect(page.next).toBeNull();
      expect(page.items).toEqual([CELLS[1], CELLS[0]]);
      expect(await ctx.store().listTriangulationSummary()).toEqual([summary]);
    });

    it('keeps the inputs fingerprint with the scores it was written with, and only with them', async () => {
      expect(await ctx.store().triangulationInputs()).toBeUndefined();
      await ctx.store().replaceTriangulation(CELLS, [summary], AT, 'a'.repeat(64));
      expect(await ctx.store().triangulationInputs()).toBe('a'.repeat(64));
      await ctx.store().replaceTriangulation(CELLS, [summary], AT, 'b'.repeat(64));
      expect(await ctx.store().triangulationInputs()).toBe('b'.repeat(64));
      await ctx.store().replaceTriangulation(CELLS, [summary], AT);
      expect(await ctx.store().triangulationInputs()).toBeUndefined();
    });

    it('filters by trust, group, theme, observed and rare cancers', async () => {
      await ctx.store().replaceTriangulation(CELLS, [], AT);
      const list = async (filter: Parameters<ReturnType<ContractContext['store']>['listTriangulation']>[0]) =>
        (await ctx.store().listTriangulation(filter, { limit: 10 })).items.map(
          (c) => `${c.odsCode}/${c.tumourGroup}/${c.theme}`,
        );
      expect(await list({ odsCode: 'RBV', theme: 'all' })).toEqual(['RBV/breast/all', 'RBV/sarcoma/all']);
      expect(await list({ observed: false })).toEqual(['R0A/skin/all', 'RBV/sarcoma/all']);
      expect(await list({ rareOnly: true, tumourGroup: 'skin' })).toEqual(['R0A/skin/all']);
      expect(await list({ theme: 'cns_access' })).toEqual(['RBV/breast/cns_access']);
    });

    it('pages by keyset without gaps or repeats', async () => {
      await ctx.store().replaceTriangulation(CELLS, [], AT);
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const page: Awaited<ReturnType<ReturnType<ContractContext['store']>['listTriangulation']>> = await ctx
          .store()
          .listTriangulation({}, { limit: 2, after });
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map((c) => `${c.odsCode}/${c.tumourGroup}/${c.theme}`));
        after = page.next;
      } while (after !== null);
      expect(seen).toHaveLength(CELLS.length);
      expect(new Set(seen).size).toBe(CELLS.length);
      await expect(ctx.store().listTriangulation({}, { limit: 2, after: 'bm90LWpzb24' })).rejects.toThrow(
        /invalid page cursor/,
      );
    });
  });

  describe('API keys', () => {
    it('creates, finds by hash, lists and revokes once', async () => {
      const key = { id: 'a1b2c3d4e5f6', name: 'dashboard', keyHash: 'f'.repeat(64), createdAt: AT, revokedAt: null };
      expect(await ctx.store().countApiKeys()).toBe(0);
      await ctx.store().createApiKey(key);
      expect(await ctx.store().findApiKeyByHash(key.keyHash)).toEqual(key);
      expect(await ctx.store().findApiKeyByHash('0'.repeat(64))).toBeNull();
      expect(await ctx.store().countApiKeys()).toBe(1);
      expect(await ctx.store().revokeApiKey(key.id, '2025-07-01T00:00:00.000Z')).toBe(true);
      expect(await ctx.store().revokeApiKey(key.id, '2025-08-01T00:00:00.000Z')).toBe(false);
      expect(await ctx.store().listApiKeys()).toEqual([{ ...key, revokedAt: '2025-07-01T00:00:00.000Z' }]);
      // A revoked key still counts: the API keeps requiring keys once one was created.
      expect(await ctx.store().countApiKeys()).toBe(1);
      await expect(ctx.store().createApiKey({ ...key, id: 'other' })).rejects.toThrow();
    });
  });
}
