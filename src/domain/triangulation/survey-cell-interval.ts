import { expitPp, logitPp } from './logit.js';

/**
 * A 95% interval from two parts. The uncertainty about the cell's underlying share is drawn on the
 * log-odds scale (`shareHalfWidth`, log-odds), so it bends toward 0 and 100 and never crosses them. The
 * binomial draw of the cell's few respondents is not bent like that: 25 respondents at a true 92% all
 * answer positively one time in eight, and the survey then publishes 100%, which no log-odds interval
 * around 92 reaches. So that part (`samplingHalfWidth`, pp) is added on the percentage scale, each side
 * in quadrature with the first, and the result is cut at 0 and 100.
 */
export function surveyCellInterval(
  score: number,
  shareHalfWidth: number,
  samplingHalfWidth: number,
): { lower: number; upper: number } {
  const lower = expitPp(logitPp(score) - shareHalfWidth);
  const upper = expitPp(logitPp(score) + shareHalfWidth);
  if (samplingHalfWidth <= 0) return { lower, upper };
  return {
    lower: Math.max(0, score - Math.hypot(score - lower, samplingHalfWidth)),
    upper: Math.min(100, score + Math.hypot(upper - score, samplingHalfWidth)),
  };
}
