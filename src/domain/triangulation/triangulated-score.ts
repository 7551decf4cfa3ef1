import type { TumourGroupId } from '../model.js';

/**
 * What fed an estimate. Published figures are named with their values; the residual never is (neither
 * its score nor its respondents), since for a single suppressed group it would be the suppressed cell.
 */
export type TriangulationInput =
  | { kind: 'published_cell'; score: number; respondents: number }
  | { kind: 'trust_all_cancers'; score: number; respondents: number }
  | { kind: 'national_group'; score: number; respondents: number }
  | { kind: 'national_all_cancers'; score: number; respondents: number }
  | { kind: 'published_groups'; groups: TumourGroupId[] }
  | { kind: 'residual'; used: boolean; reason?: 'no_all_cancers_row' | 'fewer_than_minimum_respondents' }
  /** The target's signals on the trust's other questions, pooled into its shared trust × group effect. */
  | { kind: 'group_effect'; questions: number }
  | { kind: 'signal'; source: string };

/** One trust × tumour group × question score: published (`observed`) or modelled (`estimated`). */
export interface TriangulatedScore {
  odsCode: string;
  tumourGroup: TumourGroupId;
  question: number;
  kind: 'observed' | 'estimated';
  /** Percentage positive, 0–100. */
  score: number;
  /** 95% interval, pp. */
  lower: number;
  upper: number;
  inputs: TriangulationInput[];
}

/**
 * A further, independent measurement of a cell's score from another source (for example FFT or
 * complaints mapped onto a CPES question). It enters as one more precision-weighted observation of the
 * cell, beside the residual: the estimator trusts it in proportion to 1 / `variance`.
 */
export interface CellSignal {
  /** Stable source name, listed in the estimate's inputs. */
  source: string;
  question: number;
  /** The signal's reading of the cell's percentage-positive score, pp, on the CPES scale. */
  score: number;
  /** Its error variance, pp², including any bias from mapping it onto the CPES question. */
  variance: number;
  /**
   * A further part of its error, pp², shared by every reading from the same `source` for this trust ×
   * tumour group (a trust's online culture, one FFT figure read onto every question). Shared errors do not
   * average away across questions, so the estimator models them as such. @defaultValue 0
   */
  commonVariance?: number;
}

/**
 * A reading of a trust × tumour group's shared departure from the survey prior (log-odds): what a source
 * measured once for the whole group (a comment share, a complaint ratio) can say, which is nothing about
 * one question against another. It enters the pooling across questions as a reading of the shared trust
 * × group effect alone, so it neither blurs the questions' own residual readings nor claims to know how
 * they differ. `prior-error-calibration.ts` turns calibrated outside signals into one.
 */
export interface GroupSignal {
  /** Stable source name(s), listed in the estimate's inputs. */
  source: string;
  /** The departure it reads, log-odds. */
  departure: number;
  /** Its error variance, log-odds², independent of the survey's own errors. */
  variance: number;
}
