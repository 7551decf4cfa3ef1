import type { Hash64 } from './fnv1a64.js';

/** Enough planes to count 2^32 - 1 hashes. */
const PLANES = 32;

function addTo(planes: Int32Array, word: number): void {
  let carry = word | 0;
  for (let plane = 0; carry !== 0; plane++) {
    const bits = planes[plane]!;
    planes[plane] = bits ^ carry;
    carry = bits & carry;
  }
}

/** Bits whose counter exceeds `threshold`, compared plane by plane from the most significant. */
function countersAbove(planes: Int32Array, threshold: number, planeCount: number): number {
  let above = 0;
  let equal = -1;
  for (let plane = planeCount - 1; plane >= 0; plane--) {
    const bits = planes[plane]!;
    if ((threshold >>> plane) & 1) {
      equal &= bits;
    } else {
      above |= equal & bits;
      equal &= ~bits;
    }
  }
  return above >>> 0;
}

/**
 * Which of 64 bits are set in more than half of a run of hashes, counted bit-sliced: plane j holds
 * bit j of all 32 counters of a half at once, so adding a hash is a ripple-carry add of two words
 * (two steps on average) instead of 64 separate counter updates.
 */
export class BitMajority {
  readonly #high = new Int32Array(PLANES);
  readonly #low = new Int32Array(PLANES);
  #added = 0;

  reset(): void {
    this.#high.fill(0);
    this.#low.fill(0);
    this.#added = 0;
  }

  add(high: number, low: number): void {
    addTo(this.#high, high);
    addTo(this.#low, low);
    this.#added++;
  }

  /** The bits set in more than half of the hashes added since the last reset (none when none were). */
  bits(): Hash64 {
    // 2·count > n exactly when count > ⌊n/2⌋; no counter exceeds n, so n's bit length is planes enough.
    const threshold = this.#added >>> 1;
    const planeCount = 32 - Math.clz32(this.#added);
    return {
      high: countersAbove(this.#high, threshold, planeCount),
      low: countersAbove(this.#low, threshold, planeCount),
    };
  }
}
