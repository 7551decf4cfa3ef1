import { describe, expect, it } from 'vitest';
import { recoverScore } from '../../../src/domain/triangulation/all-cancers-score.js';
import { wilsonInterval } from '../../../src/domain/triangulation/observed-cell.js';

describe('recoverScore', () => {
  it('recovers the unrounded score from a Wilson interval published to 0.1 pp', () => {
    const { lower, upper } = wilsonInterval(73.4, 500);
    const r = (x: number) => Math.round(x * 10) / 10;
    const recovered = recoverScore({ score: 73, respondents: 500, ciLower: r(lower), ciUpper: r(upper) });
    expect(Math.abs(recovered.score - 73.4)).toBeLessThan(0.1);
    expect(recovered.roundingVariance).toBeLessThan(1 / 12);
  });

  it('keeps the published score when the interval disagrees with it or is absent', () => {
    expect(recoverScore({ score: 73, respondents: 500, ciLower: 60, ciUpper: 70 })).toEqual({
      score: 73,
      roundingVariance: 1 / 12,
    });
    expect(recoverScore({ score: 73, respondents: 500 })).toEqual({ score: 73, roundingVariance: 1 / 12 });
  });
});
