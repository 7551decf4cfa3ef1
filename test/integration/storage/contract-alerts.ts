/** Contract: alerts (the delivery outbox): insert-once, listing with filters and keyset pages, the delivery state machine. */
import { describe, expect, it } from 'vitest';
import type { NewAlert } from '../../../src/alerts/alert.js';
import { divergenceAlertId, safetyAlertId } from '../../../src/alerts/alert.js';
import { InvalidPageCursorError } from '../../../src/storage/errors/invalid-page-cursor-error.js';
import type { ContractContext } from './store-contract.js';

function safetyAlert(externalId: string, overrides: Partial<NewAlert> = {}): NewAlert {
  return {
    id: safetyAlertId({ source: 'sample', externalId }, 'fall'),
    type: 'safety',
    kind: 'fall',
    odsCode: 'RBV',
    trustName: 'The Christie NHS Foundation Trust',
    tumourGroups: ['sarcoma', 'skin'],
    theme: null,
    period: '2024-03',
    evidenceText: `Synthetic ${externalId}: my father fell on the ward and nobody came for an hour.`,
    comment: { source: 'sample', externalId },
    evidence: null,
    createdAt: '2024-04-01T08:00:00.000Z',
    ...overrides,
  };
}

export const divergence: NewAlert = {
  id: divergenceAlertId('deteriorating', 'RBV', 'waiting_times', '2024-06'),
  type: 'divergence',
  kind: 'deteriorating',
  odsCode: 'RBV',
  trustName: null,
  tumourGroups: [],
  theme: 'waiting_times',
  period: '2024-06',
  evidenceText: 'Positive share of comments on waiting_times at RBV fell from 60% to 30%.',
  comment: null,
  evidence: {
    recent: {
      periodFrom: '2024-04',
      periodTo: '2024-06',
      n: 40,
      positive: 12,
      negative: 25,
      share: { mean: 0.31, lower: 0.19, upper: 0.45 },
    },
    baseline: {
      periodFrom: '2023-10',
      periodTo: '2024-03',
      n: 80,
      positive: 48,
      negative: 20,
      share: { mean: 0.6, lower: 0.49, upper: 0.7 },
    },
    probability: 0.993,
    commentIds: ['sample:a', 'sample:b'],
  },
  createdAt: '2024-07-01T09:45:00.000Z',
};

const pending = { state: 'pending', attempts: 0, lastError: null, deliveredAt: null, failedAt: null };

export function describeAlertContract(ctx: ContractContext): void {
  describe('alerts', () => {
    it('stores each alert id once, returns only new ids, and reads alerts back exactly', async () => {
      const a = safetyAlert('a');
      expect(await ctx.store().recordAlerts([a, divergence, a])).toEqual(expect.arrayContaining([a.id, divergence.id]));
      expect(
        await ctx.store().recordAlerts([{ ...a, evidenceText: 'changed', createdAt: '2025-01-01T00:00:00.000Z' }]),
      ).toEqual([]);
      expect(await ctx.store().recordAlerts([])).toEqual([]);
      expect(await ctx.store().getAlert(a.id)).toEqual({ ...a, delivery: pending });
      expect(await ctx.store().getAlert(divergence.id)).toEqual({ ...divergence, delivery: pending });
      expect(await ctx.store().getAlert('0'.repeat(32))).toBeNull();
    });

    it('lists newest first with filters, and pages by keyset through equal timestamps', async () => {
      const alerts = Array.from({ length: 7 }, (_, i) =>
        safetyAlert(`k${i}`, { createdAt: `2024-04-0${1 + Math.floor(i / 2)}T08:00:00.000Z` }),
      );
      await ctx
        .store()
        .recordAlerts([...alerts, divergence, safetyAlert('other', { odsCode: 'RAA', kind: 'self_harm' })]);
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const page: Awaited<ReturnType<ReturnType<typeof ctx.store>['listAlerts']>> = await ctx
          .store()
          .listAlerts({ type: 'safety', kind: 'fall' }, { limit: 3, after });
        expect(page.items.length).toBeLessThanOrEqual(3);
        seen.push(...page.items.map((item) => item.id));
        after = page.next;
      } while (after !== null);
      const expected = [...alerts].sort((x, y) =>
        x.createdAt === y.createdAt ? (x.id < y.id ? 1 : -1) : x.createdAt < y.createdAt ? 1 : -1,
      );
      expect(seen).toEqual(expected.map((a) => a.id));

      const list = async (filter: Parameters<ReturnType<typeof ctx.store>['listAlerts']>[0]) =>
        (await ctx.store().listAlerts(filter, { limit: 100 })).items.map((a) => a.id);
      expect(await list({ type: 'divergence' })).toEqual([divergence.id]);
      expect(await list({ odsCode: 'RAA' })).toHaveLength(1);
      expect(await list({ kind: 'self_harm' })).toHaveLength(1);
      expect(
        await list({ createdFrom: '2024-04-04T00:00:00.000Z', createdBefore: '2024-05-01T00:00:00.000Z' }),
      ).toEqual([alerts[6]!.id]);
      expect(await list({ delivered: true })).toEqual([]);
      expect(await list({ delivered: false })).toHaveLength(9);
      await expect(ctx.store().listAlerts({}, { limit: 5, after: 'bm90LWpzb24' })).rejects.toThrow(
        InvalidPageCursorError,
      );
    });

    it('lets one worker at a time claim a pending alert, and never hands out a delivered one', async () => {
      const a = safetyAlert('claim');
      await ctx.store().recordAlerts([a]);
      const claimed = await ctx
        .store()
        .claimAlertDelivery(a.id, '2024-04-01T09:00:00.000Z', '2024-04-01T09:01:00.000Z');
      expect(claimed?.delivery).toMatchObject({ state: 'pending', attempts: 1 });
      // Held by the first claim until its lease runs out.
      expect(
        await ctx.store().claimAlertDelivery(a.id, '2024-04-01T09:00:30.000Z', '2024-04-01T09:01:30.000Z'),
      ).toBeNull();
      await ctx
        .store()
        .settleAlertDelivery(a.id, { state: 'pending', at: '2024-04-01T09:00:10.000Z', error: 'HTTP 503' });
      expect((await ctx.store().getAlert(a.id))?.delivery).toEqual({ ...pending, attempts: 1, lastError: 'HTTP 503' });

      const again = await ctx.store().claimAlertDelivery(a.id, '2024-04-01T09:00:20.000Z', '2024-04-01T09:01:20.000Z');
      expect(again?.delivery.attempts).toBe(2);
      await ctx.store().settleAlertDelivery(a.id, { state: 'delivered', at: '2024-04-01T09:00:21.000Z' });
      // A late refusal from an earlier attempt does not undo the delivery.
      await ctx
        .store()
        .settleAlertDelivery(a.id, { state: 'failed', at: '2024-04-01T09:00:22.000Z', error: 'HTTP 400' });
      expect((await ctx.store().getAlert(a.id))?.delivery).toEqual({
        state: 'delivered',
        attempts: 2,
        lastError: null,
        deliveredAt: '2024-04-01T09:00:21.000Z',
        failedAt: null,
      });
      expect(
        await ctx.store().claimAlertDelivery(a.id, '2024-05-01T00:00:00.000Z', '2024-05-01T00:01:00.000Z'),
      ).toBeNull();
      expect(await ctx.store().listAlerts({ delivered: true }, { limit: 5 })).toMatchObject({ items: [{ id: a.id }] });
    });

    it('takes a claim back after its lease runs out, and keeps a refused alert failed for good', async () => {
      const a = safetyAlert('lease');
      await ctx.store().recordAlerts([a]);
      await ctx.store().claimAlertDelivery(a.id, '2024-04-01T09:00:00.000Z', '2024-04-01T09:01:00.000Z');
      const retaken = await ctx
        .store()
        .claimAlertDelivery(a.id, '2024-04-01T09:01:00.000Z', '2024-04-01T09:02:00.000Z');
      expect(retaken?.delivery.attempts).toBe(2);
      await ctx
        .store()
        .settleAlertDelivery(a.id, { state: 'failed', at: '2024-04-01T09:01:05.000Z', error: 'HTTP 400: bad' });
      expect((await ctx.store().getAlert(a.id))?.delivery).toEqual({
        state: 'failed',
        attempts: 2,
        lastError: 'HTTP 400: bad',
        deliveredAt: null,
        failedAt: '2024-04-01T09:01:05.000Z',
      });
      expect(
        await ctx.store().claimAlertDelivery(a.id, '2024-06-01T00:00:00.000Z', '2024-06-01T00:01:00.000Z'),
      ).toBeNull();
    });

    it('lists stale pending alerts oldest first, leaving fresh, delivered and failed ones out', async () => {
      const old = safetyAlert('old', { createdAt: '2024-04-01T08:00:00.000Z' });
      const older = safetyAlert('older', { createdAt: '2024-04-01T07:00:00.000Z' });
      const fresh = safetyAlert('fresh', { createdAt: '2024-04-01T08:59:00.000Z' });
      const done = safetyAlert('done', { createdAt: '2024-04-01T06:00:00.000Z' });
      const refused = safetyAlert('refused', { createdAt: '2024-04-01T06:00:00.000Z' });
      const touched = safetyAlert('touched', { createdAt: '2024-04-01T06:00:00.000Z' });
      await ctx.store().recordAlerts([old, older, fresh, done, refused, touched]);
      await ctx.store().settleAlertDelivery(done.id, { state: 'delivered', at: '2024-04-01T06:00:01.000Z' });
      await ctx
        .store()
        .settleAlertDelivery(refused.id, { state: 'failed', at: '2024-04-01T06:00:01.000Z', error: 'x' });
      // A delivery attempt moments ago: its own job is still retrying it.
      await ctx.store().claimAlertDelivery(touched.id, '2024-04-01T08:58:00.000Z', '2024-04-01T08:59:00.000Z');
      const stale = await ctx.store().listStaleAlerts('2024-04-01T08:45:00.000Z', 10);
      expect(stale.map((a) => a.id)).toEqual([older.id, old.id]);
      expect(await ctx.store().listStaleAlerts('2024-04-01T08:45:00.000Z', 1)).toHaveLength(1);
    });
  });
}
