import { describe, expect, it } from 'vitest';
import { retentionCutoff } from '../../../src/pipeline/retention/run-retention.js';

describe('retentionCutoff', () => {
  it('is whole days before now', () => {
    expect(retentionCutoff(new Date('2025-06-01T01:30:00Z'), 365)).toBe('2024-06-01T01:30:00.000Z');
    expect(retentionCutoff(new Date('2025-03-01T00:00:00Z'), 1)).toBe('2025-02-28T00:00:00.000Z');
  });

  it('refuses a retention that is not a positive whole number of days', () => {
    expect(() => retentionCutoff(new Date(), 0)).toThrow(/commentTextDays must be a positive integer, got 0/);
    expect(() => retentionCutoff(new Date(), 1.5)).toThrow(RangeError);
  });
});
