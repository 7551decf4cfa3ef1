import { describe, expect, it } from 'vitest';
import { estimateBetaPrior } from '../../../src/domain/aggregation/beta-binomial-prior.js';

const options = { minStrength: 4, maxStrength: 200 };

/** Seeded LCG so the simulated trusts are the same on every run. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 0x1_0000_0000;
  };
}

/** Beta(a, b) draw for integer a, b as an order statistic of uniforms. */
function drawBeta(random: () => number, a: number, b: number): number {
  const uniforms = Array.from({ length: a + b - 1 }, random).sort((x, y) => x - y);
  return uniforms[a - 1]!;
}

describe('estimateBetaPrior', () => {
  it('centres on the pooled share', () => {
    const prior = estimateBetaPrior(
      [
        { n: 100, k: 60 },
        { n: 100, k: 70 },
        { n: 100, k: 50 },
      ],
      options,
    );
    expect(prior.mean).toBeCloseTo(180.5 / 301, 12);
    expect(prior.alpha / (prior.alpha + prior.beta)).toBeCloseTo(prior.mean, 12);
    expect(prior.alpha + prior.beta).toBeCloseTo(prior.strength, 12);
  });

  it('recovers the spread of simulated trusts roughly', () => {
    const random = seeded(42);
    // True prior Beta(12, 8): strength 20, mean 0.6.
    const cells = Array.from({ length: 400 }, () => {
      const share = drawBeta(random, 12, 8);
      const n = 30 + Math.floor(random() * 70);
      let k = 0;
      for (let i = 0; i < n; i++) if (random() < share) k++;
      return { n, k };
    });
    const prior = estimateBetaPrior(cells, options);
    expect(prior.mean).toBeGreaterThan(0.57);
    expect(prior.mean).toBeLessThan(0.63);
    expect(prior.strength).toBeGreaterThan(12);
    expect(prior.strength).toBeLessThan(32);
  });

  it('uses the ceiling when trusts differ no more than chance', () => {
    const cells = Array.from({ length: 20 }, () => ({ n: 50, k: 25 }));
    expect(estimateBetaPrior(cells, options).strength).toBe(200);
  });

  it('uses the floor when trusts disagree wildly or there is only one trust', () => {
    const split = [
      { n: 100, k: 0 },
      { n: 100, k: 100 },
      { n: 100, k: 0 },
      { n: 100, k: 100 },
    ];
    expect(estimateBetaPrior(split, options).strength).toBe(4);
    expect(estimateBetaPrior([{ n: 10, k: 3 }], options).strength).toBe(4);
  });

  it('keeps the mean inside (0, 1) when no comment is positive, and copes with no data', () => {
    const none = estimateBetaPrior(
      [
        { n: 10, k: 0 },
        { n: 20, k: 0 },
      ],
      options,
    );
    expect(none.alpha).toBeGreaterThan(0);
    expect(none.mean).toBeLessThan(0.05);
    expect(estimateBetaPrior([], options)).toMatchObject({ mean: 0.5, strength: 4 });
  });

  it('rejects impossible counts and bounds', () => {
    expect(() => estimateBetaPrior([{ n: 2, k: 3 }], options)).toThrow(/0 ≤ k ≤ n/);
    expect(() => estimateBetaPrior([], { minStrength: 10, maxStrength: 5 })).toThrow(/min ≤ max/);
  });
});
