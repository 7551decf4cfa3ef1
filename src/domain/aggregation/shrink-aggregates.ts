import type { AggregateCounts, AggregateRow } from '../../storage/store.js';
import { type BetaPrior, DEFAULT_PRIOR_OPTIONS, estimateBetaPrior, type PriorOptions } from './beta-binomial-prior.js';
import { betaQuantile } from './beta-distribution.js';

/**
 * Turns raw cell counts into stored aggregate rows: each trust's positive share shrunk toward the
 * national share of its tumour group × theme, with a 95% equal-tailed posterior interval. Small
 * cells lean on the national share and get wide intervals; large cells speak for themselves.
 */

export interface ShrinkOptions extends PriorOptions {
  /**
   * Central mass of the reported interval.
   * @defaultValue 0.95
   */
  intervalMass: number;
}

export const DEFAULT_SHRINK_OPTIONS: ShrinkOptions = { ...DEFAULT_PRIOR_OPTIONS, intervalMass: 0.95 };

export interface PosteriorShare {
  mean: number;
  lower: number;
  upper: number;
}

/** Posterior mean and equal-tailed interval of a share with `k` of `n` positive under `prior`. */
export function posteriorShare(k: number, n: number, prior: BetaPrior, intervalMass = 0.95): PosteriorShare {
  const alpha = prior.alpha + k;
  const beta = prior.beta + (n - k);
  const tail = (1 - intervalMass) / 2;
  return {
    mean: alpha / (alpha + beta),
    lower: betaQuantile(tail, alpha, beta),
    upper: betaQuantile(1 - tail, alpha, beta),
  };
}

/** Prior group: the national share is per tumour group × theme, pooled over trusts and periods. */
function priorKey(cell: AggregateCounts): string {
  return `${cell.tumourGroup}\u0000${cell.theme}`;
}

export function fitPriors(
  counts: readonly AggregateCounts[],
  options: PriorOptions = DEFAULT_PRIOR_OPTIONS,
): Map<string, BetaPrior> {
  const groups = new Map<string, { n: number; k: number }[]>();
  for (const cell of counts) {
    const key = priorKey(cell);
    const group = groups.get(key) ?? [];
    if (group.length === 0) groups.set(key, group);
    group.push({ n: cell.n, k: cell.positive });
  }
  const priors = new Map<string, BetaPrior>();
  for (const [key, cells] of groups) priors.set(key, estimateBetaPrior(cells, options));
  return priors;
}

export function shrinkAggregates(
  counts: readonly AggregateCounts[],
  computedAt: string,
  options: ShrinkOptions = DEFAULT_SHRINK_OPTIONS,
): AggregateRow[] {
  const priors = fitPriors(counts, options);
  return counts.map((cell) => {
    const share = posteriorShare(cell.positive, cell.n, priors.get(priorKey(cell))!, options.intervalMass);
    return {
      ...cell,
      positiveShare: share.mean,
      positiveShareLower: share.lower,
      positiveShareUpper: share.upper,
      computedAt,
    };
  });
}
