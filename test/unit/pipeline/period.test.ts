import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commentPeriod, londonPeriod } from '../../../src/pipeline/process/period.js';

describe('londonPeriod', () => {
  it('uses London time, so late evening UTC in summer is already next month', () => {
    expect(londonPeriod('2024-03-31T23:30:00Z')).toBe('2024-04'); // BST: 00:30 on 1 April
    expect(londonPeriod('2024-01-31T23:30:00Z')).toBe('2024-01'); // GMT
    expect(londonPeriod('2023-12-31T23:59:59+00:00')).toBe('2023-12');
  });

  it('agrees with the time-zone database at every instant, month ends and clock changes included', () => {
    const intl = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit' });
    const expected = (date: Date) => {
      const parts = intl.formatToParts(date);
      return `${parts.find((p) => p.type === 'year')?.value}-${parts.find((p) => p.type === 'month')?.value}`;
    };
    const anyInstant = fc.date({
      min: new Date('1900-01-01T00:00:00Z'),
      max: new Date('2100-01-01T00:00:00Z'),
      noInvalidDate: true,
    });
    // Instants within two hours either side of a UTC month's end, where the two calendars can differ.
    const nearMonthEnd = fc
      .record({
        year: fc.integer({ min: 1940, max: 2060 }),
        month: fc.integer({ min: 0, max: 11 }),
        offset: fc.integer({ min: -7_200_000, max: 7_200_000 }),
      })
      .map(({ year, month, offset }) => new Date(Date.UTC(year, month + 1, 1) + offset));
    fc.assert(
      fc.property(fc.oneof(anyInstant, nearMonthEnd), (date) => londonPeriod(date) === expected(date)),
      { numRuns: 5000 },
    );
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
