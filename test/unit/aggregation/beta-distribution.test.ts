import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  betaQuantile,
  logGamma,
  regularizedIncompleteBeta,
} from '../../../src/domain/aggregation/beta-distribution.js';

describe('logGamma', () => {
  it('matches factorials and Γ(1/2) = √π', () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
    expect(logGamma(101)).toBeCloseTo(363.73937555556347, 8);
  });
});

describe('regularizedIncompleteBeta', () => {
  it('matches closed forms', () => {
    expect(regularizedIncompleteBeta(0.37, 1, 1)).toBeCloseTo(0.37, 13);
    expect(regularizedIncompleteBeta(0.6, 3, 1)).toBeCloseTo(0.6 ** 3, 13);
    expect(regularizedIncompleteBeta(0.2, 1, 4)).toBeCloseTo(1 - 0.8 ** 4, 13);
    expect(regularizedIncompleteBeta(0.5, 7.3, 7.3)).toBeCloseTo(0.5, 13);
    // Beta(2, 3) at 0.4 = P(Binomial(4, 0.4) ≥ 2)
    expect(regularizedIncompleteBeta(0.4, 2, 3)).toBeCloseTo(0.5248, 13);
  });

  it('matches reference values (SciPy 1.17 beta.cdf)', () => {
    expect(regularizedIncompleteBeta(0.3, 2.5, 7.5)).toBeCloseTo(0.6789434858661821, 11);
    expect(regularizedIncompleteBeta(0.9, 50, 5)).toBeCloseTo(0.361447139727378, 11);
    expect(regularizedIncompleteBeta(0.01, 0.5, 3)).toBeCloseTo(0.18625375, 11);
    expect(regularizedIncompleteBeta(0.7, 200, 100)).toBeCloseTo(0.8911569343550899, 10);
  });

  it('is 0 and 1 at the ends and rejects bad shapes', () => {
    expect(regularizedIncompleteBeta(0, 2, 2)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 2)).toBe(1);
    expect(() => regularizedIncompleteBeta(0.5, 0, 2)).toThrow(/shape/);
  });
});

describe('betaQuantile', () => {
  it('matches reference values (SciPy 1.17 beta.ppf)', () => {
    const cases: [number, number, number, number][] = [
      [0.025, 2, 3, 0.06758598648854294],
      [0.975, 2, 3, 0.8058795503167565],
      [0.025, 0.5, 0.5, 0.001541333133436012],
      [0.975, 10.5, 20.25, 0.5147679030979222],
      [0.5, 100, 300, 0.2495830001077997],
      [0.025, 1.2, 0.8, 0.05659623352311],
      [0.001, 3, 200, 0.0009474862963791718],
      [0.999, 3, 200, 0.05433490130985985],
    ];
    for (const [p, a, b, expected] of cases) expect(betaQuantile(p, a, b)).toBeCloseTo(expected, 10);
  });

  it('inverts the CDF wherever the quantile is representable', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.001, max: 0.999, noNaN: true }),
        fc.double({ min: 0.05, max: 2000, noNaN: true }),
        fc.double({ min: 0.5, max: 2000, noNaN: true }),
        (p, a, b) => {
          expect(regularizedIncompleteBeta(betaQuantile(p, a, b), a, b)).toBeCloseTo(p, 9);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('stays in [0, 1] and rises with p even for tiny shapes', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.001, max: 0.998, noNaN: true }),
        fc.double({ min: 0.01, max: 2000, noNaN: true }),
        fc.double({ min: 0.01, max: 2000, noNaN: true }),
        (p, a, b) => {
          const q = betaQuantile(p, a, b);
          expect(q).toBeGreaterThanOrEqual(0);
          expect(q).toBeLessThanOrEqual(1);
          expect(betaQuantile(p + 0.001, a, b)).toBeGreaterThanOrEqual(q - 1e-12); // ulps near 1
        },
      ),
      { numRuns: 300 },
    );
  });

  it('handles the edges', () => {
    expect(betaQuantile(0, 2, 2)).toBe(0);
    expect(betaQuantile(1, 2, 2)).toBe(1);
    expect(betaQuantile(0.3, 1, 1)).toBeCloseTo(0.3, 12);
    expect(() => betaQuantile(1.2, 2, 2)).toThrow(/probability/);
  });
});
