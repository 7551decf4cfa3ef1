import { describe, expect, it } from 'vitest';
import { ByteLru } from '../../../src/api/response-cache/byte-lru.js';

const bySize = (maxBytes: number) => new ByteLru<string>(maxBytes, (value) => value.length);

describe('ByteLru', () => {
  it('never holds more bytes (values and keys) than its bound, evicting the least recently used', () => {
    const lru = bySize(30);
    lru.set('a', 'x'.repeat(9)); // 10 bytes with its key
    lru.set('b', 'x'.repeat(9));
    lru.set('c', 'x'.repeat(9));
    expect(lru.bytes).toBe(30);
    expect(lru.get('a')).toBeDefined(); // a is now the most recently used
    lru.set('d', 'x'.repeat(9));
    expect(lru.bytes).toBe(30);
    expect(lru.get('b')).toBeUndefined();
    expect([lru.get('a'), lru.get('c'), lru.get('d')].every((v) => v !== undefined)).toBe(true);
    // Read in the order a, c, d: a 20-byte entry evicts a and c, the two least recently used.
    lru.set('e', 'x'.repeat(19));
    expect(lru.bytes).toBe(30);
    expect(lru.get('a')).toBeUndefined();
    expect(lru.get('c')).toBeUndefined();
    expect(lru.get('d')).toBeDefined();
  });

  it('refuses a value larger than the whole bound without evicting anything', () => {
    const lru = bySize(20);
    lru.set('a', 'x'.repeat(9));
    expect(lru.set('big', 'x'.repeat(30))).toBe(false);
    expect(lru.get('a')).toBe('x'.repeat(9));
    expect(lru.bytes).toBe(10);
  });

  it('counts a replaced value once and frees what it deletes', () => {
    const lru = bySize(100);
    lru.set('a', 'x'.repeat(9));
    lru.set('a', 'x'.repeat(19));
    expect(lru.bytes).toBe(20);
    lru.set('b', 'x');
    lru.deleteWhere((key) => key === 'a');
    expect(lru.bytes).toBe(2);
    expect(lru.size).toBe(1);
  });

  it('holds nothing with a bound of 0 and rejects a negative bound', () => {
    const lru = bySize(0);
    expect(lru.set('a', '')).toBe(false);
    expect(lru.size).toBe(0);
    expect(() => bySize(-1)).toThrow(/non-negative integer/);
  });
});
