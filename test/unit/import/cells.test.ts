import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countCell, odsCodeCell, percentageCell, shareCell } from '../../../src/import/cells.js';

describe('cells', () => {
  it('reads counts, suppressed "*" and not-calculable "-"', () => {
    expect(countCell.parse('1,234')).toEqual({ value: 1234, suppressed: false });
    expect(countCell.parse(' * ')).toEqual({ value: null, suppressed: true });
    expect(countCell.parse('-')).toEqual({ value: null, suppressed: false });
    expect(countCell.parse('')).toEqual({ value: null, suppressed: false });
    for (const bad of ['1.5', '-3', 'ten']) expect(countCell.safeParse(bad).success).toBe(false);
  });

  it('reads shares as 0–1 from fractions or per cent, and refuses a bare 1 < x ≤ 100', () => {
    expect(shareCell.parse('0.95').value).toBe(0.95);
    expect(shareCell.parse('95%').value).toBeCloseTo(0.95);
    expect(shareCell.parse('1').value).toBe(1);
    expect(shareCell.safeParse('95').success).toBe(false);
    expect(shareCell.safeParse('120%').success).toBe(false);
  });

  it('every whole count round-trips and every fraction stays in 0–1', () => {
    fc.assert(fc.property(fc.nat(), (n) => countCell.parse(String(n)).value === n));
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (x) => {
        const v = shareCell.parse(String(x)).value!;
        return v >= 0 && v <= 1;
      }),
    );
  });

  it('reads percentages 0–100 and upper-cases ODS codes', () => {
    expect(percentageCell.parse('88.5%').value).toBe(88.5);
    expect(percentageCell.safeParse('101').success).toBe(false);
    expect(odsCodeCell.parse(' rbv ')).toBe('RBV');
    expect(odsCodeCell.safeParse('R#A').success).toBe(false);
  });
});
