import { BitMajority } from './bit-majority.js';
import { fnv1a64Bytes, type Hash64, hash64ToHex } from './fnv1a64.js';
import { wordBytes } from './word-bytes.js';

export { wordTokens } from './word-tokens.js';

/**
 * 64-bit SimHash over word 3-shingles of the dedupe-normalised text, as 16 hex digits. Texts that
 * share most of their shingles land within a small Hamming distance of each other.
 */

const SHINGLE_WORDS = 3;

/** Word n-shingles joined by one space; a text shorter than n words is one shingle of all its words. */
export function shingles(tokens: readonly string[], size = SHINGLE_WORDS): string[] {
  if (tokens.length === 0) return [];
  if (tokens.length <= size) return [tokens.join(' ')];
  const out: string[] = [];
  for (let i = 0; i + size <= tokens.length; i++) out.push(tokens.slice(i, i + size).join(' '));
  return out;
}

// Reused: simhash is synchronous and never re-entered.
const majority = new BitMajority();

export function simhash(text: string): string {
  // A bit's weight (+1 per shingle with it set, -1 per shingle without) is positive exactly when
  // more than half the shingles set it. Shingles are the byte ranges of `shingles` over the joined
  // words, so each is hashed where it lies instead of being built as a string.
  const { bytes, starts, count } = wordBytes(text);
  const shingleCount = count === 0 ? 0 : Math.max(1, count - SHINGLE_WORDS + 1);
  majority.reset();
  for (let first = 0; first < shingleCount; first++) {
    const end = starts[Math.min(first + SHINGLE_WORDS, count)]! - 1;
    const { high, low } = fnv1a64Bytes(bytes, starts[first]!, end);
    majority.add(high, low);
  }
  return hash64ToHex(majority.bits());
}

function popcount32(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

const HEX64 = /^[0-9a-f]{16}$/i;

/** The two 32-bit halves of a SimHash already known to be 16 hex digits (not checked here). */
export function simhashHalves(simhash: string): Hash64 {
  return { high: Number.parseInt(simhash.slice(0, 8), 16), low: Number.parseInt(simhash.slice(8), 16) };
}

/** Number of differing bits between two SimHashes given as halves. */
export function hammingDistanceOfHalves(a: Hash64, b: Hash64): number {
  return popcount32((a.high ^ b.high) >>> 0) + popcount32((a.low ^ b.low) >>> 0);
}

/** Number of differing bits between two 16-hex-digit SimHashes. */
export function hammingDistance(a: string, b: string): number {
  if (!HEX64.test(a) || !HEX64.test(b)) {
    throw new RangeError(`a SimHash is 16 hex digits; got "${a}" and "${b}"`);
  }
  return hammingDistanceOfHalves(simhashHalves(a), simhashHalves(b));
}
