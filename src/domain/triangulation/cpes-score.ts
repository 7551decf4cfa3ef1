import type { TumourGroupId } from '../model.js';

/**
 * One published CPES cell: a trust's (or England's) score on one question for one tumour group or for
 * all cancers. Cells that were suppressed are simply absent.
 */
export interface CpesScore {
  /** ODS code of the trust; null for the national (England) row. */
  odsCode: string | null;
  tumourGroup: TumourGroupId | 'all';
  /** Question number in the survey year's numbering (2018: 1–58 are percentage-positive questions). */
  question: number;
  /** Respondents answering the question. */
  respondents: number;
  /** Percentage of respondents answering positively, 0–100, as published (whole numbers in 2018). */
  score: number;
  /** Published 95% confidence interval in percent, when the file carries one (All Cancers rows). */
  ciLower?: number | undefined;
  ciUpper?: number | undefined;
}
