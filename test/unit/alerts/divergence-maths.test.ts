import { describe, expect, it } from 'vitest';
import { probabilityBelow, probabilityExceedsBy } from '../../../src/alerts/divergence/beta-compare.js';
import { cpesThemeScores } from '../../../src/alerts/divergence/cpes-theme-scores.js';
import { addMonths, windowEnding } from '../../../src/alerts/divergence/periods.js';
import type { ImportedCpesScore } from '../../../src/storage/import-types.js';

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 via erf), ample for a 0.005 tolerance. */
function normalCdf(z: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(z / Math.SQRT2));
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-(z * z) / 2);
  return z >= 0 ? (1 + y) / 2 : (1 - y) / 2;
}

describe('Beta comparisons', () => {
  it('gives one half for two equal posteriors and no margin', () => {
    expect(probabilityExceedsBy({ alpha: 12, beta: 30 }, { alpha: 12, beta: 30 }, 0)).toBeCloseTo(0.5, 3);
  });

  it('agrees with the normal approximation for large counts', () => {
    const low = { alpha: 300, beta: 700 };
    const high = { alpha: 400, beta: 600 };
    const variance = (0.3 * 0.7) / 1001 + (0.4 * 0.6) / 1001;
    const expected = normalCdf((0.1 - 0.05) / Math.sqrt(variance));
    expect(probabilityExceedsBy(low, high, 0.05)).toBeCloseTo(expected, 2);
  });

  it('is consistent both ways round: P(Y − X > d) + P(X − Y > −d) = 1', () => {
    const x = { alpha: 7.5, beta: 20 };
    const y = { alpha: 15, beta: 12.5 };
    for (const d of [0, 0.05, 0.2]) {
      expect(probabilityExceedsBy(x, y, d) + probabilityExceedsBy(y, x, -d)).toBeCloseTo(1, 3);
    }
  });

  it('reads a tail probability from the Beta CDF', () => {
    expect(probabilityBelow({ alpha: 1, beta: 1 }, 0.3)).toBeCloseTo(0.3, 10);
    expect(probabilityBelow({ alpha: 10, beta: 10 }, 0.5)).toBeCloseTo(0.5, 10);
  });
});

describe('periods', () => {
  it('moves across year ends and builds inclusive windows', () => {
    expect(addMonths('2024-01', -1)).toBe('2023-12');
    expect(addMonths('2023-11', 14)).toBe('2025-01');
    expect(windowEnding('2024-02', 3)).toEqual({ periodFrom: '2023-12', periodTo: '2024-02' });
    expect(() => windowEnding('2024-02', 0)).toThrow(RangeError);
    expect(() => addMonths('2024-2', 1)).toThrow(/YYYY-MM/);
  });
});

describe('survey scores from imported CPES rows', () => {
  const row = (overrides: Partial<ImportedCpesScore>): ImportedCpesScore => ({
    survey: 'cpes',
    year: 2023,
    odsCode: 'RAA',
    tumourGroup: 'all',
    question: 1,
    respondents: 100,
    score: 80,
    ciLower: null,
    ciUpper: null,
    themes: ['cns_access'],
    ...overrides,
  });

  it('takes All Cancers in the latest year, weights questions by respondents, and scales to 0–1', () => {
    const scores = cpesThemeScores([
      row({ question: 1, respondents: 100, score: 80 }),
      row({ question: 2, respondents: 300, score: 90, themes: ['cns_access', 'emotional_support'] }),
      row({ year: 2022, score: 10 }),
      row({ odsCode: null, score: 10 }),
      row({ tumourGroup: 'breast', score: 10 }),
      row({ question: 3, respondents: 0, score: 10 }),
    ]);
    expect(scores).toHaveLength(2);
    const cns = scores.find((s) => s.theme === 'cns_access')!;
    expect(cns.odsCode).toBe('RAA');
    expect(cns.score).toBeCloseTo((100 * 0.8 + 300 * 0.9) / 400, 12);
    expect(cns.respondents).toBe(200);
    expect(scores.find((s) => s.theme === 'emotional_support')?.score).toBeCloseTo(0.9, 12);
    expect(cpesThemeScores([])).toEqual([]);
  });
});
