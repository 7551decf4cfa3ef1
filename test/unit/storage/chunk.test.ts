import { describe, expect, it } from 'vitest';
import { chunk, chunkInPowersOfTwo, groupBy } from '../../../src/storage/chunk.js';

describe('chunk', () => {
  it('slices in order with a shorter last slice', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 3)).toEqual([]);
  });

  it('refuses a size that would never finish', () => {
    expect(() => chunk([1], 0)).toThrow(RangeError);
    expect(() => chunk([1], 1.5)).toThrow(RangeError);
  });
});

describe('chunkInPowersOfTwo', () => {
  const sizes = (n: number, max: number) =>
    chunkInPowersOfTwo(
      Array.from({ length: n }, (_, i) => i),
      max,
    ).map((part) => part.length);

  it('slices into power-of-two sizes, largest first, none above the largest power of two within max', () => {
    expect(sizes(560, 1000)).toEqual([512, 32, 16]);
    expect(sizes(1100, 1000)).toEqual([512, 512, 64, 8, 4]);
    expect(sizes(7, 4)).toEqual([4, 2, 1]);
    expect(sizes(0, 8)).toEqual([]);
    expect(sizes(5, 1)).toEqual([1, 1, 1, 1, 1]);
  });

  it('keeps every item once, in order, for any count', () => {
    for (let n = 0; n <= 300; n++) {
      const items = Array.from({ length: n }, (_, i) => i);
      const parts = chunkInPowersOfTwo(items, 100);
      expect(parts.flat()).toEqual(items);
      for (const part of parts) expect(Number.isInteger(Math.log2(part.length)) && part.length <= 64).toBe(true);
      // Sizes never grow along the slices, so a count has at most one slice of each size below the largest.
      for (let i = 1; i < parts.length; i++) expect(parts[i]!.length).toBeLessThanOrEqual(parts[i - 1]!.length);
    }
  });

  it('refuses a max that is not a positive integer', () => {
    expect(() => chunkInPowersOfTwo([1], 0)).toThrow(RangeError);
    expect(() => chunkInPowersOfTwo([1], 0.5)).toThrow(RangeError);
    expect(() => chunkInPowersOfTwo([1], 2.5)).toThrow(RangeError);
  });
});

describe('groupBy', () => {
  it('keeps first-seen key order and item order within a group', () => {
    const groups = groupBy(['b1', 'a1', 'b2'], (s) => s[0]!);
    expect([...groups.entries()]).toEqual([
      ['b', ['b1', 'b2']],
      ['a', ['a1']],
    ]);
  });
});
