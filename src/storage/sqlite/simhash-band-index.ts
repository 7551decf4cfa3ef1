/**
 * SimHash band neighbours in memory: the same search the band indexes answer on PostgreSQL (stored
 * SimHashes sharing a 16-bit band in the same position with a requested one), kept as four chained
 * hash tables in typed arrays. Each entry costs 32 bytes (its SimHash's halves, the journal row it
 * came from and one chain link per band; up to twice that while the arrays, which double, fill), and
 * no garbage: sized for a whole
 * store, where the process stage's per-batch DuplicateCandidateIndex (objects under string keys) is not.
 *
 * Entries are never removed: a comment deleted or rewritten since leaves its old entry behind, so
 * what this index returns are journal rows to check, not answers (see journal-duplicate-candidates.ts).
 */
import type { Hash64 } from '../../domain/dedupe/fnv1a64.js';
import { hammingDistanceOfHalves } from '../../domain/dedupe/simhash.js';
import { bandOf } from '../simhash-bands.js';

const BANDS = 4;
const BAND_VALUES = 0x10000;
const NONE = -1;
const FIRST_CAPACITY = 1024;

export class SimhashBandIndex {
  #size = 0;
  #high = new Uint32Array(FIRST_CAPACITY);
  #low = new Uint32Array(FIRST_CAPACITY);
  /** Journal sequence numbers as doubles: SQLite's are 64-bit, and doubles hold them exactly up to 2^53. */
  #refs = new Float64Array(FIRST_CAPACITY);
  /** Per entry and band, the previous entry with the same band value (NONE ends a chain). */
  #next = new Int32Array(FIRST_CAPACITY * BANDS);
  /** Per band position and value, the newest entry with it. */
  readonly #heads = new Int32Array(BANDS * BAND_VALUES).fill(NONE);

  /** Entries added, stale ones included. */
  get size(): number {
    return this.#size;
  }

  /** Bytes held by the typed arrays. */
  get bytes(): number {
    return (
      this.#high.byteLength +
      this.#low.byteLength +
      this.#refs.byteLength +
      this.#next.byteLength +
      this.#heads.byteLength
    );
  }

  add(ref: number, hash: Hash64): void {
    if (this.#size === this.#high.length) this.#grow();
    const entry = this.#size++;
    this.#high[entry] = hash.high;
    this.#low[entry] = hash.low;
    this.#refs[entry] = ref;
    for (let position = 0; position < BANDS; position++) {
      const head = position * BAND_VALUES + bandOf(hash, position);
      this.#next[entry * BANDS + position] = this.#heads[head]!;
      this.#heads[head] = entry;
    }
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
        stored.high = this.#high[entry]!;
        stored.low = this.#low[entry]!;
        if (maxHammingDistance === undefined || hammingDistanceOfHalves(stored, hash) <= maxHammingDistance) {
          visit(this.#refs[entry]!);
        }
        entry = this.#next[entry * BANDS + position]!;
      }
    }
  }

  #grow(): void {
    const capacity = this.#high.length * 2;
    const high = new Uint32Array(capacity);
    high.set(this.#high);
    this.#high = high;
    const low = new Uint32Array(capacity);
    low.set(this.#low);
    this.#low = low;
    const refs = new Float64Array(capacity);
    refs.set(this.#refs);
    this.#refs = refs;
    const next = new Int32Array(capacity * BANDS);
    next.set(this.#next);
    this.#next = next;
  }
}
