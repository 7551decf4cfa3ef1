import type { RecoveryOptions } from './all-cancers-score.js';

export interface TriangulationOptions extends RecoveryOptions {
  /** The publisher withholds cells with fewer respondents than this. @defaultValue 21 (CPES 2018) */
  suppressionThreshold?: number;
  /** A residual resting on fewer respondents is never used: too noisy, and too close to one person. @defaultValue 5 */
  minResidualRespondents?: number;
}

export interface ResolvedOptions {
  scoreRoundingUnit: number;
  ciRoundingUnit: number;
  suppressionThreshold: number;
  minResidualRespondents: number;
}

export function resolveOptions(options: TriangulationOptions = {}): ResolvedOptions {
  return {
    scoreRoundingUnit: options.scoreRoundingUnit ?? 1,
    ciRoundingUnit: options.ciRoundingUnit ?? 0.1,
    suppressionThreshold: options.suppressionThreshold ?? 21,
    minResidualRespondents: options.minResidualRespondents ?? 5,
  };
}
