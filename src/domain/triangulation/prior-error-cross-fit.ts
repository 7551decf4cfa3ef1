import {
  fitPriorErrorCalibration,
  type PriorErrorBlock,
  type PriorErrorCalibration,
  type PriorErrorFitOptions,
  predictRaw,
} from './prior-error-calibration.js';

export interface CrossFitOptions extends PriorErrorFitOptions {
  /** Folds of trusts; at most one per trust. @defaultValue one per trust (leave one trust out) */
  folds?: number;
}

export interface CrossFittedPriorError {
  /** The calibration to apply to a trust's blocks: fitted on the other folds only. */
  forCluster(cluster: string): PriorErrorCalibration;
  /** Calibration slope of the held-out predictions (0–1), and whether it was credibly above 0. */
  scale: number;
  scaleTRatio: number;
  /** On held-out published blocks: the prior's error variance and what is left after the signals (both less known noise). */
  heldOut: { blocks: number; errorVariance: number; residualVariance: number };
}

/**
 * Cross-fitted calibration: trusts are split into folds (by default one per trust); each fold's blocks are
 * predicted by a calibration fitted on the other folds, so nothing is judged on the data it was fitted on,
 * and a trust's estimates never rest on a fit that saw its own figures. Moments are sums, so leaving one
 * trust out costs little. The held-out predictions
 * then fit one calibration slope (the prior's error regressed on them, through 0), clamped to 0–1 and
 * set to 0 unless credibly positive (jackknife over trusts): a selection or fit that over-reached on its
 * own folds is scaled back, and signals that do not help out of sample get no weight at all.
 */
export function crossFitPriorErrorCalibration(
  blocks: readonly PriorErrorBlock[],
  featureNames: readonly string[],
  options: CrossFitOptions = {},
): CrossFittedPriorError {
  const clusters = [...new Set(blocks.map((b) => b.cluster))].sort();
  const folds = Math.min(options.folds ?? clusters.length, clusters.length);
  if (!Number.isInteger(folds) || folds < 2) throw new RangeError(`folds must be a whole number ≥ 2, got ${folds}`);
  const foldOf = new Map(clusters.map((c, i) => [c, i % folds]));
  const fitted = Array.from({ length: folds }, (_, f) =>
    fitPriorErrorCalibration(
      blocks.filter((b) => foldOf.get(b.cluster) !== f),
      featureNames,
      options,
    ),
  );
  // Held-out sums per trust: Σ error·prediction, Σ prediction², and what the residual needs.
  const perCluster = new Map<string, { dm: number; mm: number; dd: number; noise: number; n: number }>();
  for (const b of blocks) {
    if (b.error === undefined) continue;
    const p = predictRaw(fitted[foldOf.get(b.cluster)!]!, b);
    const s = perCluster.get(b.cluster) ?? { dm: 0, mm: 0, dd: 0, noise: 0, n: 0 };
    perCluster.set(b.cluster, s);
    s.dd += b.error ** 2;
    s.noise += b.errorNoise ?? 0;
    s.n++;
    if (!p) continue;
    s.dm += b.error * p.raw;
    s.mm += p.raw ** 2;
  }
  const sum = [...perCluster.values()].reduce(
    (a, s) => ({ dm: a.dm + s.dm, mm: a.mm + s.mm, dd: a.dd + s.dd, noise: a.noise + s.noise, n: a.n + s.n }),
    { dm: 0, mm: 0, dd: 0, noise: 0, n: 0 },
  );
  const slope = sum.mm > 0 ? sum.dm / sum.mm : 0;
  const g = perCluster.size;
  const leaveOneOut = [...perCluster.values()].map((s) => (sum.mm - s.mm > 0 ? (sum.dm - s.dm) / (sum.mm - s.mm) : 0));
  const mean = leaveOneOut.reduce((a, v) => a + v, 0) / Math.max(1, g);
  const se = Math.sqrt(((g - 1) / Math.max(1, g)) * leaveOneOut.reduce((a, v) => a + (v - mean) ** 2, 0));
  const tRatio = se > 0 ? slope / se : 0;
  const scale = tRatio >= (options.minTRatio ?? 2) ? Math.min(1, Math.max(0, slope)) : 0;
  const scaled = fitted.map((c) => ({ ...c, scale }));
  const errorVariance = sum.n > 0 ? (sum.dd - sum.noise) / sum.n : 0;
  // Residual after the scaled prediction: Σ(d − s·m)² = Σd² − 2s·Σdm + s²·Σm².
  const residualVariance =
    sum.n > 0 ? (sum.dd - 2 * scale * sum.dm + scale ** 2 * sum.mm - sum.noise) / sum.n : errorVariance;
  return {
    forCluster(cluster) {
      const fold = foldOf.get(cluster);
      // A trust with no block in the fit belongs to no fold: any fold's calibration is out of sample for it.
      return scaled[fold ?? 0]!;
    },
    scale,
    scaleTRatio: tRatio,
    heldOut: { blocks: sum.n, errorVariance, residualVariance },
  };
}
