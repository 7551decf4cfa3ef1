import { describe, expect, it } from 'vitest';
import { posteriorShare, shrinkAggregates } from '../../../src/domain/aggregation/shrink-aggregates.js';
import type { AggregateCounts } from '../../../src/storage/store.js';

function cell(odsCode: string, n: number, positive: number, over: Partial<AggregateCounts> = {}): AggregateCounts {
  return {
    odsCode,
    theme: 'all',
    tumourGroup: 'sarcoma',
    period: '2024-05',
    n,
    positive,
    neutral: 0,
    negative: n - positive,
    meanScore: 0,
    ...over,
  };
}

const prior = { alpha: 12, beta: 8, mean: 0.6, strength: 20 };

describe('posteriorShare', () => {
  it('pulls a small cell toward the prior mean and leaves a large one near its own share', () => {
    const small = posteriorShare(2, 2, prior);
    expect(small.mean).toBeGreaterThan(0.6);
    expect(small.mean).toBeLessThan(0.7); // raw share 1.0, shrunk hard
    const large = posteriorShare(1000, 1000, prior);
    expect(large.mean).toBeGreaterThan(0.98);
  });

  it('gives a small cell a wider interval than a large one, always around the mean', () => {
    const small = posteriorShare(3, 5, prior);
    const large = posteriorShare(300, 500, prior);
    expect(small.upper - small.lower).toBeGreaterThan(2 * (large.upper - large.lower));
    for (const share of [small, large]) {
      expect(share.lower).toBeLessThan(share.mean);
      expect(share.upper).toBeGreaterThan(share.mean);
      expect(share.lower).toBeGreaterThanOrEqual(0);
      expect(share.upper).toBeLessThanOrEqual(1);
    }
  });

  it('is the Beta(α + k, β + n − k) posterior', () => {
    const share = posteriorShare(0, 0, { alpha: 2, beta: 3, mean: 0.4, strength: 5 });
    expect(share.mean).toBeCloseTo(0.4, 12);
    expect(share.lower).toBeCloseTo(0.06758598648854294, 10);
    expect(share.upper).toBeCloseTo(0.8058795503167565, 10);
  });
});

describe('shrinkAggregates', () => {
  const counts = [
    cell('RAA', 200, 150),
    cell('RBB', 200, 100),
    cell('RCC', 200, 120),
    cell('RDD', 3, 0),
    // A different tumour group with its own national share.
    cell('RAA', 100, 90, { tumourGroup: 'breast' }),
    cell('RBB', 100, 85, { tumourGroup: 'breast' }),
  ];
  const rows = shrinkAggregates(counts, '2024-06-01T00:00:00.000Z');

  it('keeps the counts, adds the statistics and the time', () => {
    expect(rows).toHaveLength(counts.length);
    expect(rows[0]).toMatchObject({ ...counts[0], computedAt: '2024-06-01T00:00:00.000Z' });
  });

  it('shrinks toward the tumour group national share, not across groups', () => {
    const sarcomaShare = (150 + 100 + 120 + 0.5) / (603 + 1);
    const tiny = rows[3]!;
    expect(tiny.positiveShare).toBeGreaterThan(0); // raw 0/3
    expect(tiny.positiveShare).toBeLessThan(sarcomaShare);
    expect(tiny.positiveShareUpper - tiny.positiveShareLower).toBeGreaterThan(0.3);
    const high = rows[0]!;
    expect(high.positiveShare).toBeLessThan(0.75);
    expect(high.positiveShare).toBeGreaterThan(sarcomaShare);
    expect(high.positiveShareUpper - high.positiveShareLower).toBeLessThan(0.15);
    expect(rows[4]!.positiveShare).toBeGreaterThan(0.8);
  });

  it('returns nothing for no counts', () => {
    expect(shrinkAggregates([], '2024-06-01T00:00:00.000Z')).toEqual([]);
  });
});
