import type { RatingThresholds } from './sentiment-model.js';
import type { FftSentiment } from './training-data.js';

/**
 * Chooses the P(positive) and P(negative) cut-offs for ratings 5 and 1 that best separate FFT's "very"
 * labels (1 and 5) from the plain ones (2 and 4), by balanced accuracy, among comments the model puts on that side.
 * `probabilities` are out-of-fold; `offsets` are the intercept offsets the shipped model will carry.
 */
export function tuneRatingThresholds(
  probabilities: readonly Float64Array[],
  labels: readonly FftSentiment[],
  offsets: readonly [number, number, number] = [0, 0, 0],
): RatingThresholds {
  const adjusted = probabilities.map((p) => {
    const e = [0, 1, 2].map((c) => (p[c] as number) * Math.exp(offsets[c] as number));
    const sum = e[0]! + e[1]! + e[2]!;
    return e.map((x) => x / sum);
  });
  const best = (side: 0 | 2, veryLabel: FftSentiment, plainLabel: FftSentiment): number => {
    const candidates: { p: number; very: boolean }[] = [];
    adjusted.forEach((p, i) => {
      const label = labels[i];
      const top = p[side]! >= p[0]! && p[side]! >= p[1]! && p[side]! >= p[2]!;
      if (top && (label === veryLabel || label === plainLabel))
        candidates.push({ p: p[side]!, very: label === veryLabel });
    });
    // Balanced accuracy, so the more common of the two labels does not win every comment.
    const veryCount = candidates.filter((c) => c.very).length;
    const plainCount = candidates.length - veryCount;
    if (veryCount === 0 || plainCount === 0) return 0.85;
    let bestThreshold = 0.85;
    let bestScore = -1;
    for (let t = 0.4; t <= 0.99 + 1e-9; t += 0.01) {
      const threshold = Math.round(t * 100) / 100;
      let veryHit = 0;
      let plainHit = 0;
      for (const c of candidates) {
        if (c.very && c.p >= threshold) veryHit++;
        if (!c.very && c.p < threshold) plainHit++;
      }
      const score = veryHit / veryCount + plainHit / plainCount;
      if (score > bestScore + 1e-12) {
        bestScore = score;
        bestThreshold = threshold;
      }
    }
    return bestThreshold;
  };
  return { veryPositive: best(2, 1, 2), veryNegative: best(0, 5, 4) };
}
