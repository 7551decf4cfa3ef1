import { fnv1a64 } from './fnv1a64.js';

/**
 * 64-bit SimHash over word 3-shingles of the dedupe-normalised text, as 16 hex digits. Texts that
 * share most of their shingles land within a small Hamming distance of each other.
 */

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;
const SHINGLE_WORDS = 3;

/** Lower-cased word tokens; punctuation and spacing do not change a SimHash. */
export function wordTokens(text: string): string[] {
  return text.normalize('NFC').toLowerCase().match(WORD) ?? [];
}

/** Word n-shingles joined by one space; a text shorter than n words is one shingle of all its words. */
export function shingles(tokens: readonly string[], size = SHINGLE_WORDS): string[] {
  if (tokens.length === 0) return [];
  if (tokens.length <= size) return [tokens.join(' ')];
  const out: string[] = [];
  for (let i = 0; i + size <= tokens.length; i++) out.push(tokens.slice(i, i + size).join(' '));
  return out;
}

export function simhash(text: string): string {
  // A bit's weight (+1 per shingle with it set, -1 per shingle without) is positive exactly when
  // more than half the shingles set it, so counting set bits (no branches) gives the same hash.
  const ones = new Int32Array(64);
  const all = shingles(wordTokens(text));
  for (const shingle of all) {
    const { high, low } = fnv1a64(shingle);
    for (let bit = 0; bit < 32; bit++) {
      ones[bit] = ones[bit]! + ((low >>> bit) & 1);
      ones[bit + 32] = ones[bit + 32]! + ((high >>> bit) & 1);
    }
  }
  let low = 0;
  let high = 0;
  for (let bit = 0; bit < 32; bit++) {
    if (2 * ones[bit]! > all.length) low |= 1 << bit;
    if (2 * ones[bit + 32]! > all.length) high |= 1 << bit;
  }
  return (high >>> 0).toString(16).padStart(8, '0') + (low >>> 0).toString(16).padStart(8, '0');
}

function popcount32(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

const HEX64 = /^[0-9a-f]{16}$/i;

/** Number of differing bits between two 16-hex-digit SimHashes. */
export function hammingDistance(a: string, b: string): number {
  if (!HEX64.test(a) || !HEX64.test(b)) {
    throw new RangeError(`a SimHash is 16 hex digits; got "${a}" and "${b}"`);
  }
  const high = Number.parseInt(a.slice(0, 8), 16) ^ Number.parseInt(b.slice(0, 8), 16);
  const low = Number.parseInt(a.slice(8), 16) ^ Number.parseInt(b.slice(8), 16);
  return popcount32(high >>> 0) + popcount32(low >>> 0);
}
