/** One stored aggregate cell with plausible figures; tests override what they are about. */
import type { AggregateRow } from '../../src/storage/store.js';

export function aggregateRow(overrides: Partial<AggregateRow> = {}): AggregateRow {
  return {
    odsCode: 'RBV',
    theme: 'all',
    tumourGroup: 'all',
    period: '2024-03',
    n: 3,
    positive: 1,
    neutral: 1,
    negative: 1,
    meanScore: 0.1,
    positiveShare: 0.34,
    positiveShareLower: 0.12,
    positiveShareUpper: 0.61,
    computedAt: '2024-04-02T00:00:00.000Z',
    ...overrides,
  };
}
