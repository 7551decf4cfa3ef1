import type { Queue } from 'bullmq';

/**
 * Waits until queues hold no work: nothing waiting, active or delayed (scheduler jobs excepted,
 * they belong to later runs). Queues are read upstream first, so a job that enqueues downstream
 * and then completes is never missed: its children exist before it leaves `active`.
 */

export interface DrainOptions {
  /** Give up at this time (ms since epoch). */
  deadline: number;
  /** Pause between checks. @defaultValue 100 */
  pollMs?: number;
}

export class DrainTimeoutError extends Error {
  readonly code = 'drain_timeout';
  constructor(readonly pending: Record<string, number>) {
    super(`queues still hold work at the deadline: ${JSON.stringify(pending)}`);
    this.name = 'DrainTimeoutError';
  }
}

const BUSY = ['waiting', 'prioritized', 'waiting-children', 'active'] as const;

/** Jobs still to run in one queue; 0 means drained. */
export async function pendingJobs(queue: Queue): Promise<number> {
  const first = await queue.getJobCounts(...BUSY, 'delayed');
  const busy = BUSY.reduce((sum, type) => sum + (first[type] ?? 0), 0);
  const delayed = first['delayed'] ?? 0;
  if (busy > 0 || delayed === 0) return busy + delayed;
  const own = (await queue.getDelayed(0, delayed - 1)).filter((job) => job && !job.repeatJobKey).length;
  if (own > 0) return own;
  // Only scheduler jobs were delayed; recount so a job promoted meanwhile is not missed.
  const second = await queue.getJobCounts(...BUSY, 'delayed');
  const busyNow = BUSY.reduce((sum, type) => sum + (second[type] ?? 0), 0);
  return busyNow > 0 || (second['delayed'] ?? 0) !== delayed ? Math.max(1, busyNow) : 0;
}

export async function waitUntilDrained(upstreamFirst: readonly Queue[], options: DrainOptions): Promise<void> {
  const pollMs = options.pollMs ?? 100;
  for (;;) {
    const pending: Record<string, number> = {};
    for (const queue of upstreamFirst) {
      const count = await pendingJobs(queue);
      if (count > 0) pending[queue.name] = count;
    }
    if (Object.keys(pending).length === 0) return;
    if (Date.now() >= options.deadline) throw new DrainTimeoutError(pending);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
