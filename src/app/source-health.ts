import type { CollectJobHistory } from './collect-job-history.js';

/** Whether a source's collect jobs keep failing, from its recent job history (pure). */
export interface SourceHealth {
  /** Failed collect jobs still kept in Redis. */
  failedJobs: number;
  /** Finished collect jobs, newest first, that failed before the newest one that completed. */
  consecutiveFailures: number;
  /**
   * True when the last `failingAfter` collect jobs failed, or the last one failed on an answer that
   * cannot succeed on retry (it stopped before its attempts ran out: a refused key, no credentials).
   */
  failing: boolean;
  lastError?: string | undefined;
  /** ISO instant of the newest failure. */
  lastFailedAt?: string | undefined;
}

/** @defaultValue 3 failed collect jobs in a row */
export const DEFAULT_FAILING_AFTER = 3;

export function sourceHealth(history: CollectJobHistory, failingAfter = DEFAULT_FAILING_AFTER): SourceHealth {
  const firstSuccess = history.recent.findIndex((job) => job.outcome === 'completed');
  const consecutiveFailures = firstSuccess === -1 ? history.recent.length : firstSuccess;
  const newestFailure = history.recent.find((job) => job.outcome === 'failed');
  const newest = history.recent[0];
  const gaveUpEarly = newest?.outcome === 'failed' && newest.attemptsMade < newest.attempts;
  return {
    failedJobs: history.failedCount,
    consecutiveFailures,
    failing: consecutiveFailures >= failingAfter || gaveUpEarly,
    ...(newestFailure
      ? { lastError: newestFailure.failedReason, lastFailedAt: new Date(newestFailure.finishedOn).toISOString() }
      : {}),
  };
}
