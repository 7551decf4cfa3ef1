import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DuplicateCandidateIndex } from '../../../src/domain/dedupe/candidate-index.js';
import { hammingDistance } from '../../../src/domain/dedupe/simhash.js';

const hex16 = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map((n) => n.toString(16).padStart(16, '0'));

/** `simhash` with the given bit positions flipped. */
function flip(simhash: string, bits: readonly number[]): string {
  let value = BigInt(`0x${simhash}`);
  for (const bit of bits) value ^= 1n << BigInt(bit);
  return value.toString(16).padStart(16, '0');
}

describe('DuplicateCandidateIndex', () => {
  it('finds every entry within distance 3 or with the same content hash, whatever the pool', () => {
    fc.assert(
      fc.property(
        hex16,
        fc.array(fc.uniqueArray(fc.integer({ min: 0, max: 63 }), { maxLength: 8 }), { maxLength: 20 }),
        fc.array(hex16, { maxLength: 30 }),
        (subject, flips, others) => {
          const index = new DuplicateCandidateIndex<{ contentHash: string; simhash: string; id: number }>(3);
          const entries = [
            ...flips.map((bits, id) => ({ contentHash: `c${id}`, simhash: flip(subject, bits), id })),
            ...others.map((simhash, i) => ({ contentHash: i % 5 === 0 ? 'same' : `o${i}`, simhash, id: 100 + i })),
          ];
          for (const entry of entries) index.add(entry);
          const found = index.candidatesFor({ contentHash: 'same', simhash: subject });
          const expected = entries.filter((e) => e.contentHash === 'same' || hammingDistance(e.simhash, subject) <= 3);
          for (const entry of expected) expect(found).toContain(entry);
          expect(new Set(found).size).toBe(found.length);
          expect(found.map((e) => e.id)).toEqual(entries.filter((e) => found.includes(e)).map((e) => e.id));
        },
      ),
    );
  });

  it('leaves out entries that share no band and no content hash', () => {
    const index = new DuplicateCandidateIndex<{ contentHash: string; simhash: string }>(3);
    index.add({ contentHash: 'a', simhash: '0000000000000000' });
    index.add({ contentHash: 'b', simhash: 'ffffffffffffffff' });
    index.add({ contentHash: 'c', simhash: 'FFFF111122223333' });
    expect(index.candidatesFor({ contentHash: 'z', simhash: 'ffff000011112222' })).toEqual([
      { contentHash: 'a', simhash: '0000000000000000' },
      { contentHash: 'b', simhash: 'ffffffffffffffff' },
      { contentHash: 'c', simhash: 'FFFF111122223333' },
    ]);
    expect(index.candidatesFor({ contentHash: 'b', simhash: '1234123412341234' })).toEqual([
      { contentHash: 'b', simhash: 'ffffffffffffffff' },
    ]);
    expect(index.candidatesFor({ contentHash: 'z', simhash: '1234123412341234' })).toEqual([]);
  });

  it('returns every entry when the threshold is beyond what four bands can guarantee', () => {
    const index = new DuplicateCandidateIndex<{ contentHash: string; simhash: string }>(4);
    index.add({ contentHash: 'a', simhash: '0000000000000000' });
    index.add({ contentHash: 'b', simhash: 'ffffffffffffffff' });
    expect(index.candidatesFor({ contentHash: 'z', simhash: '1234123412341234' })).toHaveLength(2);
    expect(index.size).toBe(2);
  });
});
