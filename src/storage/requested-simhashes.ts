/**
 * The SimHashes one duplicate-candidate lookup asks about, and the test every candidate passes
 * whichever way the store found it: a stored SimHash qualifies when it shares a 16-bit band in the
 * same position with a requested one and, when a distance is given, lies within it of that one.
 */
import type { Hash64 } from '../domain/dedupe/fnv1a64.js';
import { hammingDistanceOfHalves, simhashHalves } from '../domain/dedupe/simhash.js';
import type { CommentRow } from './schema.js';
import { bandOf, normaliseSimhash } from './simhash-bands.js';
import type { DuplicateCandidate } from './store.js';

const BANDS = 4;

const bandKey = (position: number, band: number): number => position * 0x10000 + band;

export class RequestedSimhashes {
  /** Distinct, in first-seen order. */
  readonly hashes: readonly Hash64[];
  readonly #byBand = new Map<number, Hash64[]>();

  /** Throws InvalidStoreInputError for a SimHash that is not 16 hex digits. */
  constructor(simhashes: readonly string[]) {
    this.hashes = [...new Set(simhashes.map(normaliseSimhash))].map(simhashHalves);
    for (const hash of this.hashes) {
      for (let position = 0; position < BANDS; position++) {
        const key = bandKey(position, bandOf(hash, position));
        const bucket = this.#byBand.get(key);
        if (bucket) bucket.push(hash);
        else this.#byBand.set(key, [hash]);
      }
    }
  }

  /** Whether `stored` shares a band with a requested SimHash and is within `maxHammingDistance` of it. */
  accepts(stored: Hash64, maxHammingDistance: number | undefined): boolean {
    for (let position = 0; position < BANDS; position++) {
      for (const requested of this.#byBand.get(bandKey(position, bandOf(stored, position))) ?? []) {
        if (maxHammingDistance === undefined || hammingDistanceOfHalves(stored, requested) <= maxHammingDistance) {
          return true;
        }
      }
    }
    return false;
  }
}

/** The columns of `comments` a duplicate candidate is read from. */
export const CANDIDATE_COLUMNS = ['source', 'external_id', 'content_hash', 'simhash', 'duplicate_of'] as const;

type CandidateRow = Pick<CommentRow, (typeof CANDIDATE_COLUMNS)[number]>;

export const candidateOf = (r: CandidateRow): DuplicateCandidate => ({
  key: `${r.source}:${r.external_id}`,
  contentHash: r.content_hash,
  simhash: r.simhash,
  duplicateOf: r.duplicate_of,
});

/** Candidates in the order the store interface promises: by key. */
export const sortByKey = (candidates: DuplicateCandidate[]): DuplicateCandidate[] =>
  candidates.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
