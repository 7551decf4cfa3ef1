import { describe, expect, it } from 'vitest';
import { setMostRecent } from '../../../src/storage/recently-used.js';

describe('setMostRecent', () => {
  it('keeps the most recently set keys, dropping the least recently set past the capacity', () => {
    const map = new Map<string, number>();
    setMostRecent(map, 'a', 1, 2);
    setMostRecent(map, 'b', 2, 2);
    setMostRecent(map, 'a', 3, 2);
    setMostRecent(map, 'c', 4, 2);
    expect([...map]).toEqual([
      ['a', 3],
      ['c', 4],
    ]);
  });

  it('holds nothing at capacity 0', () => {
    const map = new Map<string, number>();
    setMostRecent(map, 'a', 1, 0);
    expect(map.size).toBe(0);
  });
});
