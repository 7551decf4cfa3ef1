import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fnv1a64, hash64ToHex } from '../../../src/domain/dedupe/fnv1a64.js';

/** Reference FNV-1a 64 in BigInt over UTF-8 bytes. */
function referenceFnv(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

describe('fnv1a64', () => {
  it('matches the published test vectors', () => {
    expect(hash64ToHex(fnv1a64(''))).toBe('cbf29ce484222325');
    expect(hash64ToHex(fnv1a64('a'))).toBe('af63dc4c8601ec8c');
    expect(hash64ToHex(fnv1a64('foobar'))).toBe('85944171f73967e8');
  });

  it('agrees with a BigInt reference on any Unicode text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
        expect(hash64ToHex(fnv1a64(text))).toBe(referenceFnv(text));
      }),
      { numRuns: 300 },
    );
  });

  it('hashes a lone surrogate like TextEncoder (as U+FFFD)', () => {
    expect(hash64ToHex(fnv1a64('a\ud800b'))).toBe(referenceFnv('a\ud800b'));
  });
});

describe('hash64ToHex', () => {
  it('writes 16 lower-case hex digits, high half first, zero-padded', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 0xffffffff }), (high, low) => {
        expect(hash64ToHex({ high, low })).toBe(high.toString(16).padStart(8, '0') + low.toString(16).padStart(8, '0'));
      }),
    );
    expect(hash64ToHex({ high: 0, low: 0xabc })).toBe('0000000000000abc');
    expect(hash64ToHex({ high: 0xffffffff, low: 0x80000000 })).toBe('ffffffff80000000');
  });
});
