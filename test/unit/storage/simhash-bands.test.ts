import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidStoreInputError } from '../../../src/storage/errors/invalid-store-input-error.js';
import { normaliseSimhash, simhashBands } from '../../../src/storage/simhash-bands.js';

const hex64 = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }).map((n) => n.toString(16).padStart(16, '0'));

describe('SimHash bands', () => {
  it('splits the hash into four 16-bit bands, most significant first', () => {
    expect(simhashBands('0001abcdFFFF8000')).toEqual([0x0001, 0xabcd, 0xffff, 0x8000]);
  });

  it('reassembles to the same 64-bit value', () => {
    fc.assert(
      fc.property(hex64, (hash) => {
        const bands = simhashBands(hash);
        const joined = bands.reduce((acc, band) => (acc << 16n) | BigInt(band), 0n);
        expect(joined.toString(16).padStart(16, '0')).toBe(hash);
      }),
    );
  });

  it('gives hashes within Hamming distance 3 at least one equal band', () => {
    fc.assert(
      fc.property(hex64, fc.uniqueArray(fc.integer({ min: 0, max: 63 }), { maxLength: 3 }), (hash, bits) => {
        const flipped = bits.reduce((acc, bit) => acc ^ (1n << BigInt(bit)), BigInt(`0x${hash}`));
        const a = simhashBands(hash);
        const b = simhashBands(flipped.toString(16).padStart(16, '0'));
        expect(a.some((band, i) => band === b[i])).toBe(true);
      }),
    );
  });

  it.each(['', 'abc', '0123456789abcdeg', '0123456789abcdef0'])('rejects %j', (bad) => {
    expect(() => normaliseSimhash(bad)).toThrow(InvalidStoreInputError);
  });
});
