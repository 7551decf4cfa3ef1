import type { RecoveryOptions } from './all-cancers-score.js';

export interface TriangulationOptions extends RecoveryOptions {
  /** The publisher withholds cells with fewer respondents than this. @defaultValue 21 (CPES 2018) */
  suppressionThreshold?: number;
  /** A residual resting on fewer respondents is never used: too noisy, and too close to one person. @defaultValue 5 */
  minResidualRespondents?: number;
  /**
   * What a missing cell's estimate aims at. `survey_cell`: the score the survey would have published from
   * the cell's few respondents (their sampling noise included, as validation against published cells
   * needs). `experience`: the trust's underlying share of positive experience for the group, which is
   * what outside signals (comments, FFT, complaints) read; the residual then carries the target's
   * sampling noise as error instead. @defaultValue 'survey_cell'
   */
  estimand?: Estimand;
}

export type Estimand = 'survey_cell' | 'experience';

export interface ResolvedOptions {
  scoreRoundingUnit: number;
  ciRoundingUnit: number;
  suppressionThreshold: number;
  minResidualRespondents: number;
  estimand: Estimand;
}

export function resolveOptions(options: TriangulationOptions = {}): ResolvedOptions {
  return {
    scoreRoundingUnit: options.scoreRoundingUnit ?? 1,
    ciRoundingUnit: options.ciRoundingUnit ?? 0.1,
    suppressionThreshold: options.suppressionThreshold ?? 21,
    minResidualRespondents: options.minResidualRespondents ?? 5,
    estimand: options.estimand ?? 'survey_cell',
  };
}
