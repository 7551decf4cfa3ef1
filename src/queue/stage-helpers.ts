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
  log: Logger;
}

/** What a handler may ask of the runtime for one job; handlers never touch BullMQ directly. */
export function buildStageHelpers({ job, worker, queues, log }: HelperContext): StageHelpers {
  return {
    jobId: job.id ?? '(no id)',
    // attemptsMade counts finished attempts only, so the running one is attemptsMade + 1.
    attempt: job.attemptsMade + 1,
    log,
    enqueue: (stage, jobs) => enqueueStageJobs(queues, stage, jobs),
    async rateLimited(ms: number): Promise<never> {
      if (!Number.isFinite(ms) || ms <= 0) throw new RangeError(`rateLimited needs a positive delay in ms, got ${ms}`);
      const delayMs = Math.ceil(ms);
      log.warn({ delayMs }, 'source asked us to slow down; pausing this queue');
      // BullMQ's manual rate limit: pause the queue for every worker, then hand the job back unfailed.
      await worker.rateLimit(delayMs);
      throw Worker.RateLimitError();
    },
    async updateProgress(progress) {
      await job.updateProgress(progress);
    },
  };
}
