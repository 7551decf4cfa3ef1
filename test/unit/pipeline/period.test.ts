import { describe, expect, it } from 'vitest';
import { commentPeriod, londonPeriod } from '../../../src/pipeline/process/period.js';

describe('londonPeriod', () => {
  it('uses London time, so late evening UTC in summer is already next month', () => {
    expect(londonPeriod('2024-03-31T23:30:00Z')).toBe('2024-04'); // BST: 00:30 on 1 April
    expect(londonPeriod('2024-01-31T23:30:00Z')).toBe('2024-01'); // GMT
    expect(londonPeriod('2023-12-31T23:59:59+00:00')).toBe('2023-12');
  });

  it('rejects what is not a date', () => {
    expect(() => londonPeriod('soon')).toThrow(/not a date/);
  });
});

describe('commentPeriod', () => {
  it('prefers postedAt and falls back to fetchedAt', () => {
    expect(commentPeriod({ postedAt: '2022-06-15T12:00:00Z', fetchedAt: '2024-01-01T00:00:00Z' })).toBe('2022-06');
    expect(commentPeriod({ fetchedAt: '2024-01-01T00:00:00Z' })).toBe('2024-01');
  });
});
