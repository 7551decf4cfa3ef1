/**
 * Synthetic processed comments for store benchmarks: the same rows on every run for a seed, spread
 * over trusts, months, themes and tumour groups, with random SimHashes (so, as for most real
 * comments, no stored comment is a near duplicate: every candidate lookup is a miss).
 */
import { createHash } from 'node:crypto';
import { type ProcessedComment, type SentimentLabel, THEMES, TUMOUR_GROUPS } from '../../src/domain/model.js';
import { seededRandom } from '../../src/domain/random.js';

const WORDS = 'the clinic nurse waited scan results team kind late phone letter ward chemo pain told plan'.split(' ');
const TRUSTS = ['RBV', 'RPY', 'R0A', 'RRK', 'RTH', 'RGT', 'RAL', 'RJ1'];
const LABELS: SentimentLabel[] = ['negative', 'neutral', 'positive'];

export interface SyntheticOptions {
  /** External ids run from `b<firstIndex>`. @defaultValue 0 */
  firstIndex?: number;
}

export function syntheticComments(count: number, seed: number, options: SyntheticOptions = {}): ProcessedComment[] {
  const next = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const hex = (digits: number) => Array.from({ length: digits }, () => Math.floor(next() * 16).toString(16)).join('');
  const firstIndex = options.firstIndex ?? 0;
  return Array.from({ length: count }, (_, offset) => {
    const i = firstIndex + offset;
    const text = Array.from({ length: 20 + Math.floor(next() * 60) }, () => pick(WORDS)).join(' ');
    const trust = pick(TRUSTS);
    const label = pick(LABELS);
    const month = String(1 + Math.floor(next() * 12)).padStart(2, '0');
    return {
      source: 'bench',
      externalId: `b${i}`,
      text,
      postedAt: `2024-${month}-10T12:00:00.000Z`,
      fetchedAt: '2025-01-01T00:00:00.000Z',
      url: `https://example.org/b${i}`,
      pageHash: createHash('sha256')
        .update(`page${Math.floor(i / 50)}`)
        .digest('hex'),
      redactions: [],
      sentiment: { label, score: label === 'positive' ? 0.6 : label === 'negative' ? -0.6 : 0 },
      rating: 3,
      themes: [
        { id: pick(THEMES), sentiment: pick(LABELS) },
        { id: pick(THEMES), sentiment: pick(LABELS) },
      ],
      tumourGroups: [pick(TUMOUR_GROUPS)],
      rareCancer: true,
      provider: { odsCode: trust, name: `Trust ${trust}` },
      safety: [],
      contentHash: createHash('sha256').update(`${text}#${i}`).digest('hex'),
      simhash: hex(16),
      duplicateOf: null,
      period: `2024-${month}`,
      processedAt: '2025-01-01T00:00:01.000Z',
    };
  });
}

/**
 * The duplicate keys of comments that already carry their hashes, as the process stage passes
 * them to the duplicate decision (the text's length stands in for the normalised length).
 */
export function storedDedupeKeys(comments: readonly ProcessedComment[]) {
  return comments.map((c) => ({
    source: c.source,
    externalId: c.externalId,
    key: `${c.source}:${c.externalId}`,
    contentHash: c.contentHash,
    simhash: c.simhash,
    normalisedLength: c.text.length,
  }));
}
