import { describe, expect, it } from 'vitest';
import { expitPp, logitPp } from '../../../src/domain/triangulation/logit.js';
import { surveyCellInterval } from '../../../src/domain/triangulation/survey-cell-interval.js';

describe('surveyCellInterval', () => {
  it('is the log-odds interval around the score when no sampling noise is left', () => {
    const { lower, upper } = surveyCellInterval(80, 0.5, 0);
    expect(lower).toBeCloseTo(expitPp(logitPp(80) - 0.5), 12);
    expect(upper).toBeCloseTo(expitPp(logitPp(80) + 0.5), 12);
  });

  it('reaches the 100% that a handful of respondents at a true 92% often publish', () => {
    // 25 respondents at 92%: binomial sd 100·√(0.92·0.08/25) ≈ 5.4 pp, so 1.96 sd ≈ 10.6 pp.
    const logOnly = surveyCellInterval(92, 0.3, 0);
    const withDraw = surveyCellInterval(92, 0.3, 10.6);
    expect(logOnly.upper).toBeLessThan(96);
    expect(withDraw.upper).toBe(100);
    expect(withDraw.lower).toBeLessThan(92 - 10.6);
    expect(withDraw.lower).toBeGreaterThan(0);
  });

  it('adds the two parts in quadrature on each side', () => {
    const shareOnly = surveyCellInterval(60, 0.2, 0);
    const both = surveyCellInterval(60, 0.2, 3);
    expect(both.upper - 60).toBeCloseTo(Math.hypot(shareOnly.upper - 60, 3), 12);
    expect(60 - both.lower).toBeCloseTo(Math.hypot(60 - shareOnly.lower, 3), 12);
  });
});
