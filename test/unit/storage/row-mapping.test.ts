import { describe, expect, it } from 'vitest';
import type { ProcessedComment } from '../../../src/domain/model.js';
import { commentToRow, rowToComment } from '../../../src/storage/row-mapping.js';
import type { CommentRow } from '../../../src/storage/schema.js';

function comment(overrides: Partial<ProcessedComment> = {}): ProcessedComment {
  return {
    source: 'sample',
    externalId: 'x1',
    text: 'Invented text about a long wait for scan results.',
    question: 'What could we do better?',
    postedAt: '2024-03-01T09:00:00.000Z',
    fetchedAt: '2024-03-02T09:00:00.000Z',
    url: 'https://example.org/x1',
    authorHash: 'a'.repeat(64),
    odsCode: 'RBV',
    pageHash: 'p'.repeat(64),
    redactions: [{ kind: 'phone', count: 2 }],
    sentiment: { label: 'negative', score: -0.25 },
    rating: 2,
    themes: [{ id: 'waiting_times', sentiment: 'negative' }],
    tumourGroups: ['lung'],
    rareCancer: false,
    provider: { odsCode: 'RBV', name: 'A Trust' },
    safety: [{ kind: 'missed_deterioration' }],
    contentHash: 'c'.repeat(64),
    simhash: 'ABCDEF0123456789',
    duplicateOf: null,
    period: '2024-03',
    processedAt: '2024-03-02T09:00:01.000Z',
    ...overrides,
  };
}

const roundTrip = (c: ProcessedComment) => rowToComment(commentToRow(c) as CommentRow);

describe('comment row mapping', () => {
  it('round-trips a comment, lower-casing its SimHash', () => {
    expect(roundTrip(comment())).toEqual(comment({ simhash: 'abcdef0123456789' }));
  });

  it('stores the trust the comment was linked to, apart from the code the source stated', () => {
    const row = commentToRow(comment({ odsCode: 'RXX', provider: { odsCode: 'RBV', name: 'A Trust' } }));
    expect(row.ods_code).toBe('RBV');
    expect(row.stated_ods_code).toBe('RXX');
    expect(roundTrip(comment({ provider: null })).provider).toBeNull();
  });

  it('writes each theme and tumour group once', () => {
    const row = commentToRow(
      comment({
        themes: [
          { id: 'cns_access', sentiment: 'positive' },
          { id: 'cns_access', sentiment: 'negative' },
        ],
        tumourGroups: ['skin', 'skin'],
      }),
    );
    expect(JSON.parse(row.themes)).toEqual([{ id: 'cns_access', sentiment: 'positive' }]);
    expect(JSON.parse(row.tumour_groups)).toEqual(['skin']);
  });

  it('hashes content but not when or where it was seen', () => {
    const base = commentToRow(comment()).row_hash;
    const seenAgain = commentToRow(
      comment({ fetchedAt: '2025-01-01T00:00:00Z', processedAt: '2025-01-01T00:00:01Z', pageHash: 'q'.repeat(64) }),
    );
    expect(seenAgain.row_hash).toBe(base);
    for (const change of [
      { text: 'Different invented text.' },
      { sentiment: { label: 'negative' as const, score: -0.3 } },
      { themes: [] },
      { tumourGroups: ['breast' as const] },
      { duplicateOf: 'sample:x0' },
      { question: undefined },
      { provider: null },
    ]) {
      expect(commentToRow(comment(change)).row_hash, JSON.stringify(change)).not.toBe(base);
    }
  });

  it('round-trips attributes and hashes them only when present', () => {
    const attributes = { tags: ['parking'], criticality: -1, fftRating: 4 as const, service: 'Day unit' };
    expect(roundTrip(comment({ attributes })).attributes).toEqual(attributes);
    const base = commentToRow(comment());
    expect(base.attributes).toBeNull();
    expect(commentToRow(comment({ attributes: {} })).row_hash).toBe(base.row_hash);
    expect(commentToRow(comment({ attributes })).row_hash).not.toBe(base.row_hash);
    // The hash of a comment without attributes is the one rows stored before migration 006 carry.
    expect(base.row_hash).toBe('830bc6da99b38e1803c83204be21e50a3738f062deda00d9cd0a2d53f8642d0c');
  });
});
