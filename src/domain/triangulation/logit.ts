/** Scores sit in 0–100; the logit needs a margin so a published 0% or 100% stays finite. */
const MARGIN_PP = 0.5;

export function clampScore(scorePp: number): number {
  return Math.min(100 - MARGIN_PP, Math.max(MARGIN_PP, scorePp));
}

/** Log-odds of a percentage score (clamped to 0.5–99.5 first). */
export function logitPp(scorePp: number): number {
  const p = clampScore(scorePp) / 100;
  return Math.log(p / (1 - p));
}

export function expitPp(logOdds: number): number {
  return 100 / (1 + Math.exp(-logOdds));
}

/** d(score in pp) / d(log-odds) at a score: converts logit-scale variances to pp² and back. */
export function ppPerLogit(scorePp: number): number {
  const p = clampScore(scorePp) / 100;
  return 100 * p * (1 - p);
}

/** Sampling variance of a cell's log-odds with `respondents` answering, at an expected score. */
export function samplingVarianceLogit(scorePp: number, respondents: number): number {
  const p = clampScore(scorePp) / 100;
  return 1 / (Math.max(1, respondents) * p * (1 - p));
}

/** Two-sided 95% normal quantile. */
export const Z95 = 1.959964;
