import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertExportDate, datesToCatchUp, newestDate } from '../../../src/export/catch-up-dates.js';

describe('datesToCatchUp', () => {
  it('lists every date after the last export up to today, oldest first', () => {
    expect(datesToCatchUp('2024-02-27', '2024-03-01', 30)).toEqual(['2024-02-28', '2024-02-29', '2024-03-01']);
    expect(datesToCatchUp('2024-12-31', '2025-01-01', 30)).toEqual(['2025-01-01']);
  });

  it('rewrites today when it was already exported, and only today on a first run', () => {
    expect(datesToCatchUp('2024-06-04', '2024-06-04', 30)).toEqual(['2024-06-04']);
    expect(datesToCatchUp(null, '2024-06-04', 30)).toEqual(['2024-06-04']);
    expect(datesToCatchUp('2024-07-01', '2024-06-04', 30)).toEqual(['2024-06-04']); // clock went back
  });

  it('cuts a long gap to the newest maxDays dates', () => {
    expect(datesToCatchUp('2023-01-01', '2024-06-04', 2)).toEqual(['2024-06-03', '2024-06-04']);
  });

  it('is contiguous, ends on today and never exceeds maxDays', () => {
    const day = fc
      .integer({ min: 18_000, max: 22_000 })
      .map((n) => new Date(n * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(fc.option(day, { nil: null }), day, fc.integer({ min: 1, max: 60 }), (last, today, maxDays) => {
        const dates = datesToCatchUp(last, today, maxDays);
        expect(dates.at(-1)).toBe(today);
        expect(dates.length).toBeGreaterThanOrEqual(1);
        expect(dates.length).toBeLessThanOrEqual(maxDays);
        for (let i = 1; i < dates.length; i++) {
          expect(Date.parse(dates[i]!) - Date.parse(dates[i - 1]!)).toBe(86_400_000);
        }
        if (last !== null && last < today) expect(dates[0]! > last).toBe(true);
      }),
    );
  });

  it('refuses dates that are not real calendar dates', () => {
    expect(() => datesToCatchUp(null, '2024-02-30', 30)).toThrow(/calendar date/);
    expect(() => datesToCatchUp('2024-6-1', '2024-06-04', 30)).toThrow(/YYYY-MM-DD/);
    expect(() => datesToCatchUp(null, '2024-06-04', 0)).toThrow(/maxDays/);
    expect(() => assertExportDate('2023-02-29')).toThrow(/calendar date/);
    expect(() => assertExportDate('2024-02-29')).not.toThrow();
  });
});

describe('newestDate', () => {
  it('picks the newest valid date and ignores gaps', () => {
    expect(newestDate(['2024-06-01', null, '2024-06-03', undefined, 'junk'])).toBe('2024-06-03');
    expect(newestDate([null, undefined])).toBeNull();
  });
});
