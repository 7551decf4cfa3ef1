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
 * A reading of a trust × tumour group's shared departure from the survey prior (log-odds): what a source
 * measured once for the whole group (a comment share, a complaint ratio) can say, which is nothing about
 * one question against another. It enters the pooling across questions as a reading of the shared trust
 * × group effect alone, so it neither blurs the questions' own residual readings nor claims to know how
 * they differ. `prior-error-calibration.ts` turns calibrated outside signals into one.
 */
export interface GroupSignal {
  /** Stable names of the sources whose features it reads, each listed in the estimate's inputs. */
  sources: string[];
  /** The departure it reads, log-odds. */
  departure: number;
  /** Its error variance, log-odds², independent of the survey's own errors. */
  variance: number;
}
