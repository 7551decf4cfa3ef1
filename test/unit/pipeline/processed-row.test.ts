import { describe, expect, it } from 'vitest';
import type { CommentAnalysis, RedactedComment } from '../../../src/domain/model.js';
import { processedRow } from '../../../src/pipeline/process/processed-row.js';

// Required<…>: a field added to either model fails to compile here until the fixture names it, and
// the comparison below then fails until processedRow copies it.
const comment: Required<RedactedComment> = {
  source: 'sample',
  externalId: 'c-1',
  text: 'The nurses on the ward were kind.',
  question: 'What was good?',
  postedAt: '2025-06-30T23:30:00.000Z',
  fetchedAt: '2025-08-02T09:00:00.000Z',
  url: 'https://example.org/c-1',
  authorHash: 'a'.repeat(64),
  odsCode: 'RBV',
  pageHash: 'p'.repeat(64),
  redactions: [{ kind: 'person_name', count: 1 }],
  attributes: { tags: ['nursing'], criticality: 1 },
};

const analysis: Required<CommentAnalysis> = {
  sentiment: { label: 'positive', score: 0.6 },
  rating: 4,
  themes: [{ id: 'inpatient_care', sentiment: 'positive' }],
  tumourGroups: ['sarcoma'],
  rareCancer: true,
  provider: { odsCode: 'RBV', name: 'THE CHRISTIE NHS FOUNDATION TRUST' },
  safety: [{ kind: 'unsafe_discharge' }],
};

const keys = {
  source: 'sample',
  externalId: 'c-1',
  key: 'sample:c-1',
  contentHash: 'h'.repeat(64),
  simhash: '0123456789abcdef',
  normalisedLength: 33,
};

describe('processedRow', () => {
  it('carries every field of the comment and its analysis, with the keys, the period and the time', () => {
    const row = processedRow(comment, keys, analysis, '2025-07-02T09:05:00.000Z');
    expect(row).toStrictEqual({
      ...comment,
      ...analysis,
      contentHash: keys.contentHash,
      simhash: keys.simhash,
      duplicateOf: null,
      // 23:30 UTC on 30 June is 00:30 on 1 July in London.
      period: '2025-07',
      processedAt: '2025-07-02T09:05:00.000Z',
    });
  });

  it('takes the period from the fetch time when the posting time is unknown', () => {
    const { postedAt: _postedAt, ...undated } = comment;
    expect(processedRow(undated, keys, analysis, '2025-07-02T09:05:00.000Z').period).toBe('2025-08');
  });
});
