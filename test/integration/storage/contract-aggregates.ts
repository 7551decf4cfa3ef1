/** Contract: aggregate counting in the database, and replacing / listing stored aggregate rows. */
import { describe, expect, it } from 'vitest';
import type { AggregateCounts } from '../../../src/storage/store.js';
import { aggregateRow } from '../../support/aggregate-row.js';
import type { ContractContext } from './store-contract.js';
import { syntheticComment } from './synthetic-comment.js';

const RXX = { odsCode: 'RXX', name: 'Another Trust' };

/** A small world whose every aggregate cell is worked out by hand below. */
function aggregateFixture() {
  return [
    syntheticComment('c1', {
      sentiment: { label: 'positive', score: 0.8 },
      themes: [
        { id: 'waiting_times', sentiment: 'negative' },
        { id: 'cns_access', sentiment: 'positive' },
      ],
      tumourGroups: ['breast'],
    }),
    syntheticComment('c2', {
      sentiment: { label: 'negative', score: -0.6 },
      themes: [{ id: 'waiting_times', sentiment: 'negative' }],
      tumourGroups: ['breast', 'lung'],
    }),
    syntheticComment('c3', { sentiment: { label: 'neutral', score: 0 }, themes: [], tumourGroups: [] }),
    // Excluded: a duplicate, and a comment linked to no trust.
    syntheticComment('c4', { duplicateOf: 'sample:c1', tumourGroups: ['breast'] }),
    syntheticComment('c5', { provider: null }),
    syntheticComment('c6', {
      period: '2024-04',
      sentiment: { label: 'positive', score: 0.5 },
      themes: [{ id: 'cns_access', sentiment: 'neutral' }],
      tumourGroups: ['sarcoma'],
    }),
    syntheticComment('c7', {
      provider: RXX,
      sentiment: { label: 'negative', score: -1 },
      themes: [],
      tumourGroups: ['lung'],
    }),
  ];
}

type Cell = [string, string, string, string, number, number, number, number, number];
// odsCode, theme, tumourGroup, period, n, positive, neutral, negative, meanScore
const EXPECTED: Cell[] = [
  ['RBV', 'all', 'all', '2024-03', 3, 1, 1, 1, (0.8 - 0.6 + 0) / 3],
  ['RBV', 'all', 'breast', '2024-03', 2, 1, 0, 1, 0.1],
  ['RBV', 'all', 'lung', '2024-03', 1, 0, 0, 1, -0.6],
  ['RBV', 'cns_access', 'all', '2024-03', 1, 1, 0, 0, 1],
  ['RBV', 'cns_access', 'breast', '2024-03', 1, 1, 0, 0, 1],
  ['RBV', 'waiting_times', 'all', '2024-03', 2, 0, 0, 2, -1],
  ['RBV', 'waiting_times', 'breast', '2024-03', 2, 0, 0, 2, -1],
  ['RBV', 'waiting_times', 'lung', '2024-03', 1, 0, 0, 1, -1],
  ['RXX', 'all', 'all', '2024-03', 1, 0, 0, 1, -1],
  ['RXX', 'all', 'lung', '2024-03', 1, 0, 0, 1, -1],
  ['RBV', 'all', 'all', '2024-04', 1, 1, 0, 0, 0.5],
  ['RBV', 'all', 'sarcoma', '2024-04', 1, 1, 0, 0, 0.5],
  ['RBV', 'cns_access', 'all', '2024-04', 1, 0, 1, 0, 0],
  ['RBV', 'cns_access', 'sarcoma', '2024-04', 1, 0, 1, 0, 0],
];

const cellKey = (c: Pick<AggregateCounts, 'odsCode' | 'theme' | 'tumourGroup' | 'period'>): string =>
  `${c.odsCode}|${c.theme}|${c.tumourGroup}|${c.period}`;

function expectCells(actual: AggregateCounts[], expected: Cell[]): void {
  expect(actual.map(cellKey).sort()).toEqual(expected.map(([o, t, g, p]) => `${o}|${t}|${g}|${p}`).sort());
  for (const [odsCode, theme, tumourGroup, period, n, positive, neutral, negative, meanScore] of expected) {
    const cell = actual.find((c) => cellKey(c) === `${odsCode}|${theme}|${tumourGroup}|${period}`)!;
    expect({ n: cell.n, positive: cell.positive, neutral: cell.neutral, negative: cell.negative }).toEqual({
      n,
      positive,
      neutral,
      negative,
    });
    expect(cell.meanScore).toBeCloseTo(meanScore, 9);
  }
}

export function describeAggregateContract(ctx: ContractContext): void {
  describe('aggregates', () => {
    it('counts every trust × theme × tumour group × period cell with its roll-ups, skipping duplicates', async () => {
      await ctx.store().upsertComments(aggregateFixture());
      expectCells(await ctx.store().countAggregates(), EXPECTED);
    });

    it('limits counting to a period range', async () => {
      await ctx.store().upsertComments(aggregateFixture());
      const april = EXPECTED.filter((c) => c[3] === '2024-04');
      expectCells(await ctx.store().countAggregates({ periodFrom: '2024-04' }), april);
      expectCells(
        await ctx.store().countAggregates({ periodFrom: '2024-03', periodTo: '2024-03' }),
        EXPECTED.filter((c) => c[3] === '2024-03'),
      );
      expect(await ctx.store().countAggregates({ periodFrom: '2030-01' })).toEqual([]);
    });

    it('replaces the stored rows of the given periods only, atomically', async () => {
      const march = aggregateRow({});
      const april = aggregateRow({ period: '2024-04', theme: 'cns_access' });
      await ctx.store().replaceAggregates([march, april], ['2024-03', '2024-04']);
      expect(await ctx.store().listAggregates({})).toEqual([march, april]);

      const newMarch = aggregateRow({ tumourGroup: 'breast', n: 2, positiveShare: 0.5 });
      // '2024-05' is cleared although no row covers it; April is left alone.
      await ctx.store().replaceAggregates([newMarch], ['2024-05']);
      expect(await ctx.store().listAggregates({})).toEqual([newMarch, april]);
      await ctx.store().replaceAggregates([], ['2024-03']);
      expect(await ctx.store().listAggregates({})).toEqual([april]);
    });

    it('lists the periods that have cells, oldest first, each once', async () => {
      expect(await ctx.store().listAggregatePeriods()).toEqual([]);
      await ctx
        .store()
        .replaceAggregates(
          [
            aggregateRow({ period: '2024-05' }),
            aggregateRow({ period: '2023-11' }),
            aggregateRow({ period: '2024-05', odsCode: 'RXX' }),
          ],
          [],
        );
      expect(await ctx.store().listAggregatePeriods()).toEqual(['2023-11', '2024-05']);
    });

    it('refuses a cell given twice and keeps the previous rows', async () => {
      const march = aggregateRow({});
      await ctx.store().replaceAggregates([march], ['2024-03']);
      await expect(ctx.store().replaceAggregates([aggregateRow({ n: 9 }), aggregateRow({ n: 9 })], [])).rejects.toThrow(
        /aggregate cell given twice/,
      );
      expect(await ctx.store().listAggregates({})).toEqual([march]);
    });

    it('filters stored rows by trust, theme, tumour group and period', async () => {
      const rows = [
        aggregateRow({}),
        aggregateRow({ odsCode: 'RXX' }),
        aggregateRow({ theme: 'waiting_times' }),
        aggregateRow({ tumourGroup: 'lung' }),
        aggregateRow({ period: '2024-05' }),
      ];
      await ctx.store().replaceAggregates(rows, []);
      expect(await ctx.store().listAggregates({ odsCode: 'RXX' })).toEqual([rows[1]]);
      expect(await ctx.store().listAggregates({ theme: 'waiting_times' })).toEqual([rows[2]]);
      expect(await ctx.store().listAggregates({ tumourGroup: 'lung' })).toEqual([rows[3]]);
      expect(await ctx.store().listAggregates({ periodFrom: '2024-04' })).toEqual([rows[4]]);
      expect(await ctx.store().listAggregates({ periodTo: '2024-04' })).toHaveLength(4);
      expect(
        await ctx.store().listAggregates({ odsCode: 'RBV', theme: 'all', tumourGroup: 'all', periodTo: '2024-03' }),
      ).toEqual([rows[0]]);
    });
  });
}
