import { describe, expect, it } from 'vitest';
import { forgetRecentResults, rememberRecent } from '../../../src/domain/text/recent-results.js';

describe('rememberRecent', () => {
  it('computes a repeated text once and gives back the same result', () => {
    const seen: string[] = [];
    const lengthOf = rememberRecent((text: string) => {
      seen.push(text);
      return { length: text.length };
    });
    const first = lengthOf('ward was clean');
    expect(lengthOf('ward was clean')).toBe(first);
    expect(lengthOf('staff kind')).toEqual({ length: 10 });
    expect(seen).toEqual(['ward was clean', 'staff kind']);
  });

  it('forgets everything when told, and the oldest text once more than its capacity are seen', () => {
    let calls = 0;
    const upper = rememberRecent((text: string) => {
      calls++;
      return [text.toUpperCase()];
    }, 2);
    upper('a');
    upper('b');
    upper('c');
    expect(calls).toBe(3);
    upper('c');
    expect(calls).toBe(3);
    upper('a');
    expect(calls).toBe(4);
    forgetRecentResults();
    expect(upper('a')).toEqual(['A']);
    expect(calls).toBe(5);
  });
});
