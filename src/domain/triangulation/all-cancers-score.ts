import { Z95 } from './logit.js';

export interface RecoveredScore {
  /** The score in pp, as precise as the published figures allow. */
  score: number;
  /** Variance (pp²) of what rounding left unknown. */
  roundingVariance: number;
}

export interface RecoveryOptions {
  /** Unit the published scores are rounded to, in pp (0 = exact). @defaultValue 1 */
  scoreRoundingUnit?: number;
  /** Unit the published CI bounds are rounded to, in pp. @defaultValue 0.1 */
  ciRoundingUnit?: number;
}

/**
 * A trust's All Cancers score is published as a whole percentage, but its 95% CI (a Wilson score
 * interval, as CPES publishes) is given to 0.1 pp. The Wilson centre is (p + z²/2n) / (1 + z²/n), so
 * inverting it recovers p about ten times more precisely; the residual of a small pool of respondents
 * divides this error by a small number, so the gain matters. The CI is used only when it agrees with
 * the published score; otherwise the score stands with its own rounding error.
 */
export function recoverScore(
  cell: { score: number; respondents: number; ciLower?: number | undefined; ciUpper?: number | undefined },
  options: RecoveryOptions = {},
): RecoveredScore {
  const unit = options.scoreRoundingUnit ?? 1;
  const ciUnit = options.ciRoundingUnit ?? 0.1;
  const published: RecoveredScore = { score: cell.score, roundingVariance: (unit * unit) / 12 };
  if (cell.ciLower === undefined || cell.ciUpper === undefined || cell.respondents <= 0) return published;
  const k = (Z95 * Z95) / cell.respondents;
  const centre = (cell.ciLower + cell.ciUpper) / 2;
  const recovered = centre * (1 + k) - 50 * k;
  // Slack of one CI rounding unit: the bounds themselves are rounded.
  if (Math.abs(recovered - cell.score) > unit / 2 + ciUnit) return published;
  // Mean of two bounds, each uniform within ± ciUnit / 2, scaled by (1 + k).
  const variance = ((ciUnit * ciUnit) / 24) * (1 + k) * (1 + k);
  return { score: recovered, roundingVariance: Math.min(variance, published.roundingVariance) };
}
