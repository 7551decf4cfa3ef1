import type { Hash64 } from '../domain/dedupe/fnv1a64.js';
import { simhashHalves } from '../domain/dedupe/simhash.js';
import { InvalidStoreInputError } from './errors/invalid-store-input-error.js';

const SIMHASH = /^[0-9a-f]{16}$/;

/** Lower-cases and checks a SimHash (16 hex digits) so band columns and the stored text always agree. */
export function normaliseSimhash(simhash: string): string {
  const lower = simhash.toLowerCase();
  if (!SIMHASH.test(lower)) {
    throw new InvalidStoreInputError(`simhash must be 16 hex digits, got ${JSON.stringify(simhash)}`);
  }
  return lower;
}

/**
 * The four 16-bit bands of a 64-bit SimHash, most significant first. Two hashes within Hamming
 * distance 3 always share at least one band (pigeonhole), which makes near-duplicate search an index lookup.
 */
export function simhashBands(simhash: string): [number, number, number, number] {
  const hash = simhashHalves(normaliseSimhash(simhash));
  return [bandOf(hash, 0), bandOf(hash, 1), bandOf(hash, 2), bandOf(hash, 3)];
}

/** The 16-bit band of `hash` at `position` (0 = most significant). */
export function bandOf(hash: Hash64, position: number): number {
  switch (position) {
    case 0:
      return hash.high >>> 16;
    case 1:
      return hash.high & 0xffff;
    case 2:
      return hash.low >>> 16;
    default:
      return hash.low & 0xffff;
  }
}
