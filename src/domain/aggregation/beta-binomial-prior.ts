/**
 * Empirical-Bayes prior for a share across trusts: a Beta(α, β) fitted to the trusts' counts by the
 * method of moments for the beta-binomial (Kleinman 1973). Its mean is the pooled (national) share;
 * its strength α + β says how many comments' worth of weight the national share gets.
 */

export interface BinomialCell {
  /** Comments in the cell. */
  n: number;
  /** Of which positive. */
  k: number;
}

export interface PriorOptions {
  /**
   * Smallest prior strength (α + β). Without a floor, a group whose trusts happen to disagree a lot
   * would get an almost flat prior and a trust with 2 comments would show a share of 0 or 1.
   * @defaultValue 4
   */
  minStrength: number;
  /**
   * Largest prior strength, used when trusts vary no more than chance (the moment estimate is then
   * infinite); it keeps a large trust's own data in charge of its estimate.
   * @defaultValue 200
   */
  maxStrength: number;
}

export const DEFAULT_PRIOR_OPTIONS: PriorOptions = { minStrength: 4, maxStrength: 200 };

export interface BetaPrior {
  alpha: number;
  beta: number;
  /** Pooled share the prior is centred on. */
  mean: number;
  /** α + β. */
  strength: number;
}

export function estimateBetaPrior(
  cells: readonly BinomialCell[],
  options: PriorOptions = DEFAULT_PRIOR_OPTIONS,
): BetaPrior {
  if (!(options.minStrength > 0 && options.maxStrength >= options.minStrength)) {
    throw new RangeError(
      `prior strength bounds need 0 < min ≤ max; got ${options.minStrength}, ${options.maxStrength}`,
    );
  }
  const used = cells.filter((cell) => cell.n > 0);
  let total = 0;
  let positives = 0;
  let sumSquares = 0;
  for (const cell of used) {
    if (cell.k < 0 || cell.k > cell.n) throw new RangeError(`a cell needs 0 ≤ k ≤ n; got k=${cell.k}, n=${cell.n}`);
    total += cell.n;
    positives += cell.k;
    sumSquares += cell.n * cell.n;
  }
  // Half a positive and half a negative pseudo-comment keep the mean strictly inside (0, 1).
  const mean = (positives + 0.5) / (total + 1);
  const strength = clamp(momentStrength(used, total, sumSquares, mean), options.minStrength, options.maxStrength);
  return { alpha: mean * strength, beta: (1 - mean) * strength, mean, strength };
}

/** α + β from the intra-class correlation ρ = 1 / (α + β + 1); +∞ when there is no overdispersion. */
function momentStrength(cells: readonly BinomialCell[], total: number, sumSquares: number, mean: number): number {
  const count = cells.length;
  // One trust (or none) says nothing about how trusts differ: leave it to the floor.
  if (count < 2) return 0;
  let weightedSquares = 0;
  for (const cell of cells) weightedSquares += cell.n * (cell.k / cell.n - mean) ** 2;
  const denominator = total - sumSquares / total - (count - 1);
  if (denominator <= 0) return 0;
  const rho = (weightedSquares / (mean * (1 - mean)) - (count - 1)) / denominator;
  if (rho <= 0) return Number.POSITIVE_INFINITY;
  if (rho >= 1) return 0;
  return 1 / rho - 1;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
