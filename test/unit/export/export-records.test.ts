import { describe, expect, it } from 'vitest';
import type { ProcessedComment } from '../../../src/domain/model.js';
import {
  AGGREGATE_COLUMNS,
  aggregateCsvRow,
  aggregateJsonRecord,
  COMMENT_COLUMNS,
  commentCsvRow,
  commentJsonRecord,
  compareAggregateRows,
} from '../../../src/export/export-records.js';
import type { AggregateRow } from '../../../src/storage/store.js';

const comment: ProcessedComment = {
  source: 'sample',
  externalId: 'c1',
  text: '=cmd|calc the nurse was great',
  question: 'What was good?',
  postedAt: '2024-04-20T10:00:00.000Z',
  fetchedAt: '2024-05-02T09:00:00.000Z',
  url: 'https://example.org/c1',
  authorHash: 'secret-author-hash',
  odsCode: 'RAA',
  pageHash: 'p',
  redactions: [],
  sentiment: { label: 'positive', score: 0.8 },
  rating: 5,
  themes: [{ id: 'cns_access', sentiment: 'positive' }],
  tumourGroups: ['sarcoma'],
  rareCancer: true,
  provider: { odsCode: 'RBB', name: 'Trust B' },
  safety: [],
  contentHash: 'h',
  simhash: '0000000000000000',
  duplicateOf: null,
  period: '2024-04',
  processedAt: '2024-05-02T09:00:05.000Z',
};

const row = (n: number, over: Partial<AggregateRow> = {}): AggregateRow => ({
  odsCode: 'RAA',
  theme: 'all',
  tumourGroup: 'all',
  period: '2024-04',
  n,
  positive: n - 1,
  neutral: 1,
  negative: 0,
  meanScore: 0.123456789,
  positiveShare: 0.7,
  positiveShareLower: 0.5,
  positiveShareUpper: 0.85,
  computedAt: '2024-06-01T00:00:00.000Z',
  ...over,
});

describe('comment records', () => {
  it('never carry the author hash, and prefer the linked provider', () => {
    const json = commentJsonRecord(comment);
    expect(JSON.stringify(json)).not.toContain('secret-author-hash');
    expect(json).toMatchObject({
      odsCode: 'RBB',
      providerName: 'Trust B',
      sentiment: { label: 'positive', score: 0.8 },
    });
    const csv = commentCsvRow(comment);
    expect(csv).toHaveLength(COMMENT_COLUMNS.length);
    expect(csv).not.toContain('secret-author-hash');
    expect(csv[COMMENT_COLUMNS.indexOf('themes')]).toBe('cns_access:positive');
  });
});

describe('aggregate records', () => {
  it('suppress cells below the minimum: counts and shares blank, keys kept, flag set', () => {
    const json = aggregateJsonRecord(row(4), 5);
    expect(json).toMatchObject({ odsCode: 'RAA', period: '2024-04', suppressed: true, n: null, positive: null });
    expect(json.positiveShare).toBeNull();
    expect(json.meanScore).toBeNull();
    const csv = aggregateCsvRow(row(4), 5);
    expect(csv).toHaveLength(AGGREGATE_COLUMNS.length);
    expect(csv[AGGREGATE_COLUMNS.indexOf('n')]).toBeNull();
  });

  it('publish cells at or above the minimum, rounded to 6 places', () => {
    expect(aggregateJsonRecord(row(5), 5)).toMatchObject({ suppressed: false, n: 5, positive: 4, meanScore: 0.123457 });
  });

  it('sort by period, trust, theme and group', () => {
    const rows = [row(5, { period: '2024-05' }), row(5, { odsCode: 'RBB' }), row(5, { theme: 'cns_access' }), row(5)];
    const sorted = [...rows].sort(compareAggregateRows);
    expect(sorted.map((r) => `${r.period} ${r.odsCode} ${r.theme}`)).toEqual([
      '2024-04 RAA all',
      '2024-04 RAA cns_access',
      '2024-04 RBB all',
      '2024-05 RAA all',
    ]);
  });
});
