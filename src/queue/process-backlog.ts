import type { Queue } from 'bullmq';

/**
 * Process jobs not yet picked up: waiting, prioritized and delayed (retries in backoff). Active jobs
 * are left out: they are few (workers × concurrency) and already leaving Redis.
 */
export async function processBacklogJobs(processQueue: Queue): Promise<number> {
  const counts = await processQueue.getJobCounts('waiting', 'prioritized', 'delayed');
  return (counts['waiting'] ?? 0) + (counts['prioritized'] ?? 0) + (counts['delayed'] ?? 0);
}
