import { betaQuantile, logGamma, regularizedIncompleteBeta } from '../../domain/aggregation/beta-distribution.js';

/** Probabilities about Beta posteriors that the divergence rules ask for. */

export interface BetaShape {
  alpha: number;
  beta: number;
}

/** P(X < c) for X ~ Beta(α, β). */
export function probabilityBelow(shape: BetaShape, c: number): number {
  return regularizedIncompleteBeta(c, shape.alpha, shape.beta);
}

function logDensity(x: number, { alpha, beta }: BetaShape): number {
  const logB = logGamma(alpha) + logGamma(beta) - logGamma(alpha + beta);
  return (alpha - 1) * Math.log(x) + (beta - 1) * Math.log1p(-x) - logB;
}

/** Simpson intervals over X's central mass; enough for 1e-4 accuracy at the shapes alerts meet. */
const INTERVALS = 400;
const TAIL = 1e-9;

/**
 * P(Y − X > d) for independent X ~ `lower`, Y ~ `higher`: the posterior probability that the
 * second share exceeds the first by more than d. Integrates X's density times Y's survival.
 */
export function probabilityExceedsBy(lower: BetaShape, higher: BetaShape, d: number): number {
  const from = betaQuantile(TAIL, lower.alpha, lower.beta);
  const to = betaQuantile(1 - TAIL, lower.alpha, lower.beta);
  if (!(to > from)) return 1 - regularizedIncompleteBeta(Math.min(1, from + d), higher.alpha, higher.beta);
  const step = (to - from) / INTERVALS;
  let sum = 0;
  for (let i = 0; i <= INTERVALS; i++) {
    const x = from + i * step;
    const weight = i === 0 || i === INTERVALS ? 1 : i % 2 === 1 ? 4 : 2;
    const density = x > 0 && x < 1 ? Math.exp(logDensity(x, lower)) : 0;
    const survival = 1 - regularizedIncompleteBeta(Math.min(1, x + d), higher.alpha, higher.beta);
    sum += weight * density * survival;
  }
  return Math.min(1, Math.max(0, (sum * step) / 3));
}
