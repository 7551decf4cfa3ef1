import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hammingDistance, shingles, simhash, wordTokens } from '../../../src/domain/dedupe/simhash.js';

const hex64 = fc
  .tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 0xffffffff }))
  .map(([high, low]) => high.toString(16).padStart(8, '0') + low.toString(16).padStart(8, '0'));

const LONG =
  'The breast care nurse phoned me the day after my biopsy and explained every step of the treatment plan ' +
  'so clearly that I went into my first chemotherapy session feeling calm and prepared for what was coming';

describe('wordTokens and shingles', () => {
  it('splits on anything that is not a letter or digit and keeps apostrophes inside words', () => {
    expect(wordTokens("Didn't wait -- 2 hrs!")).toEqual(["didn't", 'wait', '2', 'hrs']);
  });

  it('makes word 3-shingles, or one shingle for a short text', () => {
    expect(shingles(['a', 'b', 'c', 'd'])).toEqual(['a b c', 'b c d']);
    expect(shingles(['a', 'b'])).toEqual(['a b']);
    expect(shingles([])).toEqual([]);
  });
});

describe('hammingDistance', () => {
  it('is a metric on 64-bit hashes', () => {
    fc.assert(
      fc.property(hex64, hex64, hex64, (a, b, c) => {
        expect(hammingDistance(a, a)).toBe(0);
        expect(hammingDistance(a, b)).toBe(hammingDistance(b, a));
        expect(hammingDistance(a, b)).toBeGreaterThanOrEqual(0);
        expect(hammingDistance(a, b)).toBeLessThanOrEqual(64);
        expect(hammingDistance(a, c)).toBeLessThanOrEqual(hammingDistance(a, b) + hammingDistance(b, c));
      }),
    );
  });

  it('counts differing bits in both halves', () => {
    expect(hammingDistance('0000000000000000', 'ffffffffffffffff')).toBe(64);
    expect(hammingDistance('8000000000000001', '0000000000000000')).toBe(2);
    expect(hammingDistance('00000000000000ff', '0000000000000000')).toBe(8);
  });

  it('rejects anything that is not 16 hex digits', () => {
    expect(() => hammingDistance('abc', '0000000000000000')).toThrow(/16 hex digits/);
  });
});

describe('simhash', () => {
  it('is 16 lower-case hex digits and deterministic', () => {
    expect(simhash(LONG)).toMatch(/^[0-9a-f]{16}$/);
    expect(simhash(LONG)).toBe(simhash(LONG));
  });

  it('ignores case, punctuation and spacing', () => {
    expect(simhash(LONG.toUpperCase().replace(/ /g, '  ,'))).toBe(simhash(LONG));
  });

  it('moves far less for a one-word edit of a long comment than for a different comment', () => {
    const words = `${LONG} ${LONG.split(' ').reverse().join(' ')} ${LONG.replace(/the/g, 'our')}`.split(' ');
    const base = simhash(words.join(' '));
    const editDistances = [5, 30, 60, 90].map((at) =>
      hammingDistance(base, simhash(words.map((word, i) => (i === at ? 'zebra' : word)).join(' '))),
    );
    const mean = editDistances.reduce((sum, d) => sum + d, 0) / editDistances.length;
    expect(mean).toBeLessThan(8);
    expect(hammingDistance(base, simhash(`${words.slice(10).join(' ')} and then some`))).toBeLessThan(16);
    expect(hammingDistance(base, simhash('Parking was impossible and the machines never took cards'))).toBeGreaterThan(
      16,
    );
  });

  it('keeps unrelated comments far apart', () => {
    const other =
      'Parking at the hospital was impossible and the car park machines never took cards so we were late for radiotherapy';
    expect(hammingDistance(simhash(other), simhash(LONG))).toBeGreaterThan(10);
  });
});
