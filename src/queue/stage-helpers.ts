import { type Job, Worker } from 'bullmq';
import type { Logger } from 'pino';
import type { StageHelpers } from '../pipeline/stage.js';
import { enqueueStageJobs } from './enqueue.js';
import type { QueueSet } from './queue-set.js';

export interface HelperContext {
  job: Job;
  /** The worker running the job; rate limits apply to its queue. */
  worker: Worker;
  queues: QueueSet;
  /** Where replicated hand-overs add their jobs (replicated-queues.ts). @defaultValue queues */
  replicatedQueues?: QueueSet;
  log: Logger;
  /** Told how many process jobs the handler enqueued (the backpressure gate's running count). @defaultValue none */
  onProcessEnqueued?: (jobs: number) => void;
}

/** What a handler may ask of the runtime for one job; handlers never touch BullMQ directly. */
export function buildStageHelpers({
  job,
  worker,
  queues,
  replicatedQueues = queues,
  log,
  onProcessEnqueued,
}: HelperContext): StageHelpers {
  return {
    jobId: job.id ?? '(no id)',
    // attemptsMade counts finished attempts only, so the running one is attemptsMade + 1.
    attempt: job.attemptsMade + 1,
    log,
    async enqueue(stage, jobs, options) {
      await enqueueStageJobs(options?.replicated ? replicatedQueues : queues, stage, jobs, options);
      if (stage === 'process') onProcessEnqueued?.(jobs.length);
    },
    async rateLimited(ms: number): Promise<never> {
      if (!Number.isFinite(ms) || ms <= 0) throw new RangeError(`rateLimited needs a positive delay in ms, got ${ms}`);
      const delayMs = Math.ceil(ms);
      log.warn({ delayMs }, 'source asked us to slow down; pausing this queue');
      return holdQueue(worker, delayMs);
    },
    async updateProgress(progress) {
      await job.updateProgress(progress);
    },
  };
}

/**
 * BullMQ's manual rate limit: pause the job's queue for `delayMs`, then hand the job back to `wait`
 * unfailed (its attempts are not used up). This worker waits out the pause itself; other workers of
 * the queue honour it when they have a limiter configured (every collect queue does by default).
 */
export async function holdQueue(worker: Worker, delayMs: number): Promise<never> {
  await worker.rateLimit(delayMs);
  throw Worker.RateLimitError();
}
