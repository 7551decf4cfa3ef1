/**
 * Counts as outside signals on their own scale, with the sampling variance the calibration needs. Shared by
 * the simulation's sources and the live FFT and complaint sources, so both read counts the same way.
 */
import type { SignalValue } from './calibrated-signals.js';

const logit = (p: number) => Math.log(p / (1 - p));

/**
 * `k` of `n` answers positive as an empirical log-odds (half a count each way, so 0 of n stays finite).
 * Its binomial variance is taken at the expected share, not the observed one: at the observed share the
 * noise would grow with the noise itself.
 */
export function shareSignal(k: number, n: number, expectedShare: number): SignalValue {
  return {
    signal: logit((k + 0.5) / (n + 1)),
    noise: 1 / ((n + 1) * expectedShare * (1 - expectedShare)),
  };
}

/** `count` events over `exposure` as a log rate; its Poisson variance is taken at the expected count. */
export function rateSignal(count: number, exposure: number, expectedCount: number): SignalValue {
  return { signal: Math.log((count + 0.5) / exposure), noise: 1 / (expectedCount + 0.5) };
}
