/**
 * The publishers' disclosure rules, as the synthetic NHS applies them.
 * CPES 2018 withholds a trust × tumour group cell with fewer than 21 respondents; FFT data mark a
 * month with fewer than 5 responses `*` (both its count and its percentage).
 */

/** True when a CPES cell with this many respondents is withheld. */
export function isCpesCellSuppressed(respondents: number, threshold: number): boolean {
  return respondents < threshold;
}

/** One FFT month as published: figures, or `*` when there were too few responses to show. */
export interface FftMonth {
  odsCode: string;
  /** `YYYY-MM`. */
  period: string;
  responses: number | '*';
  /** Share answering "very good" or "good", whole percent. */
  percentPositive: number | '*';
}

export function publishFftMonth(
  odsCode: string,
  period: string,
  responses: number,
  positive: number,
  minimumResponses: number,
): FftMonth {
  if (responses < minimumResponses) return { odsCode, period, responses: '*', percentPositive: '*' };
  return { odsCode, period, responses, percentPositive: Math.round((100 * positive) / responses) };
}
