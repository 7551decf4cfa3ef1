/**
 * SimHash band neighbours in memory (stored SimHashes sharing a 16-bit band in the same position with
 * a requested one: what four band indexes would answer), kept as four chained
 * hash tables in typed arrays. Each entry costs 32 bytes (its SimHash's halves, the journal row it
 * came from and one chain link per band), in chunks of 16,384 entries, so memory follows the count
 * with nothing copied or doubled as it grows, and no garbage: sized for a whole store, where the
 * process stage's per-batch DuplicateCandidateIndex (objects under string keys) is not.
 *
 * Entries are never removed: a comment deleted or rewritten since leaves its old entry behind, so
 * what this index returns are journal rows to check, not answers (see journal-duplicate-candidates.ts).
 */
import type { Hash64 } from '../domain/dedupe/fnv1a64.js';
import { hammingDistanceOfHalves } from '../domain/dedupe/simhash.js';
import { bandOf } from './simhash-bands.js';

const BANDS = 4;
const BAND_VALUES = 0x10000;
const NONE = -1;
const CHUNK_BITS = 14;
const CHUNK_ENTRIES = 1 << CHUNK_BITS;
const SLOT_MASK = CHUNK_ENTRIES - 1;
/** high and low (4 + 4), ref (8), one chain link per band (4 × 4). */
const BYTES_PER_ENTRY = 32;

interface Chunk {
  readonly high: Uint32Array;
  readonly low: Uint32Array;
  /** Journal sequence numbers as doubles: both databases' are 64-bit, and doubles hold them exactly up to 2^53. */
  readonly refs: Float64Array;
  /** Per slot and band, the previous entry (index-wide) with the same band value; NONE ends a chain. */
  readonly next: Int32Array;
}

const newChunk = (): Chunk => ({
  high: new Uint32Array(CHUNK_ENTRIES),
  low: new Uint32Array(CHUNK_ENTRIES),
  refs: new Float64Array(CHUNK_ENTRIES),
  next: new Int32Array(CHUNK_ENTRIES * BANDS),
});

export class SimhashBandIndex {
  #size = 0;
  readonly #chunks: Chunk[] = [];
  /** Per band position and value, the newest entry with it. */
  readonly #heads = new Int32Array(BANDS * BAND_VALUES).fill(NONE);

  /** Entries added, stale ones included. */
  get size(): number {
    return this.#size;
  }

  /** Bytes held by the typed arrays. */
  get bytes(): number {
    return this.#chunks.length * CHUNK_ENTRIES * BYTES_PER_ENTRY + this.#heads.byteLength;
  }

  add(ref: number, hash: Hash64): void {
    const entry = this.#size;
    if ((entry & SLOT_MASK) === 0) this.#chunks.push(newChunk());
    const chunk = this.#chunks[entry >>> CHUNK_BITS]!;
    const slot = entry & SLOT_MASK;
    chunk.high[slot] = hash.high;
    chunk.low[slot] = hash.low;
    chunk.refs[slot] = ref;
    for (let position = 0; position < BANDS; position++) {
      const head = position * BAND_VALUES + bandOf(hash, position);
      chunk.next[slot * BANDS + position] = this.#heads[head]!;
      this.#heads[head] = entry;
    }
    this.#size = entry + 1;
  }

  /**
   * Calls `visit` with the ref (journal sequence number) of every entry sharing a band with `hash`
   * in the same position and, when `maxHammingDistance` is given, within it of `hash`. A ref may be
   * visited more than once.
   */
  forEachNeighbour(hash: Hash64, maxHammingDistance: number | undefined, visit: (ref: number) => void): void {
    const stored = { high: 0, low: 0 };
    for (let position = 0; position < BANDS; position++) {
      let entry = this.#heads[position * BAND_VALUES + bandOf(hash, position)]!;
      while (entry !== NONE) {
        const chunk = this.#chunks[entry >>> CHUNK_BITS]!;
        const slot = entry & SLOT_MASK;
        stored.high = chunk.high[slot]!;
        stored.low = chunk.low[slot]!;
        if (maxHammingDistance === undefined || hammingDistanceOfHalves(stored, hash) <= maxHammingDistance) {
          visit(chunk.refs[slot]!);
        }
        entry = chunk.next[slot * BANDS + position]!;
      }
    }
  }
}
