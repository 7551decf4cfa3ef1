import { describe, expect, it } from 'vitest';
import type { CollectJobOutcome } from '../../../src/app/collect-job-history.js';
import { sourceHealth } from '../../../src/app/source-health.js';

let clock = Date.parse('2025-06-01T00:00:00Z');
/** Each call is a minute older than the one before, so calls list newest first. */
function job(outcome: 'completed' | 'failed', attemptsMade = 5): CollectJobOutcome {
  clock -= 60_000;
  return {
    jobId: `j${clock}`,
    outcome,
    finishedOn: clock,
    attemptsMade,
    attempts: 5,
    ...(outcome === 'failed' ? { failedReason: `upstream_unavailable: HTTP 503 (${clock})` } : {}),
  };
}
/** Newest first, as collectJobHistory returns them. */
const history = (...recent: CollectJobOutcome[]) => ({
  recent,
  failedCount: recent.filter((j) => j.outcome === 'failed').length,
});

describe('sourceHealth', () => {
  it('is fine with no history or when the newest job completed', () => {
    expect(sourceHealth(history())).toEqual({ failedJobs: 0, consecutiveFailures: 0, failing: false });
    const health = sourceHealth(history(job('completed'), job('failed'), job('failed'), job('failed')));
    expect(health).toMatchObject({ failedJobs: 3, consecutiveFailures: 0, failing: false });
    expect(health.lastError).toMatch(/HTTP 503/);
  });

  it('fails after the given number of failed jobs in a row', () => {
    const two = history(job('failed'), job('failed'), job('completed'));
    expect(sourceHealth(two)).toMatchObject({ consecutiveFailures: 2, failing: false });
    expect(sourceHealth(two, 2).failing).toBe(true);
    const three = history(job('failed'), job('failed'), job('failed'));
    expect(sourceHealth(three)).toMatchObject({ consecutiveFailures: 3, failing: true });
  });

  it('fails at once when the newest job gave up before its attempts ran out (a refused key)', () => {
    const refused = job('failed', 1);
    const health = sourceHealth(history(refused, job('completed')));
    expect(health).toMatchObject({ consecutiveFailures: 1, failing: true, lastError: refused.failedReason });
    expect(health.lastFailedAt).toBe(new Date(refused.finishedOn).toISOString());
  });
});
