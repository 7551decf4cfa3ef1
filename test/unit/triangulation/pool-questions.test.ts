import { describe, expect, it } from 'vitest';
import { poolAcrossQuestions, type QuestionEvidence } from '../../../src/domain/triangulation/pool-questions.js';

/** Dense Gaussian conditioning, the slow way, to check the low-rank shortcut. */
function dense(evidence: QuestionEvidence[], g: number) {
  const obs = evidence.map((e, i) => ({ e, i })).filter(({ e }) => e.reading !== undefined);
  const n = obs.length;
  const S = obs.map(({ e: a, i }) =>
    obs.map(
      ({ e: b, i: j }) =>
        g +
        (i === j ? a.cellVariance + a.errorVariance! : 0) +
        (a.loadings ?? []).reduce((s, x, k) => s + x * (b.loadings?.[k] ?? 0), 0),
    ),
  );
  const aug = S.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    const p = aug[c]![c]!;
    for (let j = 0; j < 2 * n; j++) aug[c]![j]! /= p;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = aug[r]![c]!;
      for (let j = 0; j < 2 * n; j++) aug[r]![j]! -= f * aug[c]![j]!;
    }
  }
  const inv = aug.map((row) => row.slice(n));
  return evidence.map((e, q) => {
    const b = obs.map(({ i }) => g + (i === q ? e.cellVariance : 0));
    const Sb = inv.map((row) => row.reduce((s, x, k) => s + x * b[k]!, 0));
    return {
      mean: Sb.reduce((s, x, k) => s + x * obs[k]!.e.reading!, 0),
      variance: g + e.cellVariance - Sb.reduce((s, x, k) => s + x * b[k]!, 0),
    };
  });
}

describe('poolAcrossQuestions', () => {
  it('matches dense Gaussian conditioning, including unobserved questions and common errors', () => {
    const evidence: QuestionEvidence[] = [
      { cellVariance: 0.05, reading: 0.3, errorVariance: 0.1, loadings: [0.2, -0.1] },
      { cellVariance: 0.08, reading: -0.1, errorVariance: 0.05, loadings: [0.1, 0.3] },
      { cellVariance: 0.04 },
      { cellVariance: 0.06, reading: 0.5, errorVariance: 0.2, loadings: [-0.2, 0] },
    ];
    const fast = poolAcrossQuestions(evidence, 0.04);
    const slow = dense(evidence, 0.04);
    for (const [i, f] of fast.entries()) {
      expect(f.mean).toBeCloseTo(slow[i]!.mean, 10);
      expect(f.variance).toBeCloseTo(slow[i]!.variance, 10);
    }
  });

  it('falls back to the prior when nothing is observed', () => {
    expect(poolAcrossQuestions([{ cellVariance: 0.05 }], 0.04)).toEqual([{ mean: 0, variance: 0.09 }]);
  });
});
