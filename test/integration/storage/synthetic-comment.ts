/** Synthetic comments for the store contract: invented text, deterministic hashes. */
import { createHash } from 'node:crypto';
import type { ProcessedComment } from '../../../src/domain/model.js';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** A complete comment (every optional field set) that tests override field by field. */
export function syntheticComment(
  externalId: string,
  overrides: Partial<Omit<ProcessedComment, 'externalId'>> = {},
): ProcessedComment {
  const text = overrides.text ?? `Synthetic comment ${externalId}: the clinic ran late but the nurse was kind.`;
  return {
    source: 'sample',
    externalId,
    text,
    question: 'What could we do better?',
    postedAt: '2024-03-14T10:00:00.000Z',
    fetchedAt: '2024-04-01T08:00:00.000Z',
    url: `https://example.org/stories/${externalId}`,
    authorHash: sha256(`author-${externalId}`),
    odsCode: 'RBV',
    pageHash: sha256(`page-${externalId}`),
    redactions: [{ kind: 'person_name', count: 1 }],
    sentiment: { label: 'positive', score: 0.5 },
    rating: 4,
    themes: [{ id: 'waiting_times', sentiment: 'negative' }],
    tumourGroups: ['sarcoma'],
    rareCancer: true,
    provider: { odsCode: 'RBV', name: 'The Christie NHS Foundation Trust' },
    safety: [],
    contentHash: sha256(text),
    simhash: sha256(`simhash-${externalId}`).slice(0, 16),
    duplicateOf: null,
    period: '2024-03',
    processedAt: '2024-04-01T08:00:05.000Z',
    ...overrides,
  };
}

/** The same comment with only its required fields, as a source without metadata would give it. */
export function minimalComment(externalId: string): ProcessedComment {
  const full = syntheticComment(externalId);
  const { question: _q, postedAt: _p, url: _u, authorHash: _a, odsCode: _o, ...rest } = full;
  return { ...rest, redactions: [], themes: [], tumourGroups: [], rareCancer: false, provider: null };
}
