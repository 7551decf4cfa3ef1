import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { collectQueueName } from '../queue/index.js';

/** How one finished collect job ended, as BullMQ keeps it (within the queue's retention). */
export interface CollectJobOutcome {
  jobId: string;
  outcome: 'completed' | 'failed';
  /** Epoch ms. */
  finishedOn: number;
  attemptsMade: number;
  /** Attempts the job was allowed. */
  attempts: number;
  failedReason?: string | undefined;
}

export interface CollectJobHistory {
  /** Newest first: the newest completed and failed jobs, merged. */
  recent: CollectJobOutcome[];
  /** Failed jobs still kept in the queue. */
  failedCount: number;
}

/**
 * Reads a source's `collect-<source>` queue without writing to it (no meta update), so asking about a
 * source never creates its queue.
 */
export async function collectJobHistory(options: {
  connection: Redis;
  prefix: string;
  source: string;
  /** Newest jobs read of each outcome. @defaultValue 20 */
  limit?: number;
}): Promise<CollectJobHistory> {
  const limit = options.limit ?? 20;
  const queue = new Queue(collectQueueName(options.source), {
    connection: options.connection,
    prefix: options.prefix,
    skipMetasUpdate: true,
  });
  try {
    const [failed, completed, failedCount] = await Promise.all([
      queue.getJobs(['failed'], 0, limit - 1, false),
      queue.getJobs(['completed'], 0, limit - 1, false),
      queue.getFailedCount(),
    ]);
    const recent = [
      ...failed.map((job) => ({ job, outcome: 'failed' as const })),
      ...completed.map((job) => ({ job, outcome: 'completed' as const })),
    ]
      .filter(({ job }) => job?.finishedOn !== undefined)
      .map(
        ({ job, outcome }): CollectJobOutcome => ({
          jobId: String(job.id),
          outcome,
          finishedOn: job.finishedOn!,
          attemptsMade: job.attemptsMade,
          attempts: job.opts.attempts ?? 1,
          ...(outcome === 'failed' ? { failedReason: job.failedReason } : {}),
        }),
      )
      .sort((a, b) => b.finishedOn - a.finishedOn);
    return { recent, failedCount };
  } finally {
    await queue.close();
  }
}
