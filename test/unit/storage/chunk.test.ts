import { describe, expect, it } from 'vitest';
import { chunk, groupBy } from '../../../src/storage/chunk.js';

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

describe('groupBy', () => {
  it('keeps first-seen key order and item order within a group', () => {
    const groups = groupBy(['b1', 'a1', 'b2'], (s) => s[0]!);
    expect([...groups.entries()]).toEqual([
      ['b', ['b1', 'b2']],
      ['a', ['a1']],
    ]);
  });
});
