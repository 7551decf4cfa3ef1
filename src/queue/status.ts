import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { knownQueues } from './known-queues.js';
import { allQueueNames, DEFAULT_QUEUE_PREFIX } from './queue-names.js';

/** Queue depths for `carevoice status` and the API's status route. */

export interface QueueDepth {
  name: string;
  /** Not yet started: waiting (also while the queue is paused), prioritised, or waiting for children. */
  waiting: number;
  active: number;
  /** Retries in backoff, delayed jobs and the next run of each schedule. */
  delayed: number;
  failed: number;
  /** Completed jobs still kept (see the retention options). */
  completed: number;
}

export interface QueueStatusOptions {
  /** Any connection; a producer-role one fails fast when Redis is down. */
  connection: Redis;
  /** @defaultValue `{carevoice}` */
  prefix?: string;
  /** Configured sources; queues of sources used before are found in Redis and listed too. */
  sources?: readonly string[];
}

/** One row per queue, upstream first; each row is read atomically by one BullMQ script. */
export async function queueDepths(options: QueueStatusOptions): Promise<QueueDepth[]> {
  const prefix = options.prefix ?? DEFAULT_QUEUE_PREFIX;
  const known = await knownQueues(options.connection, prefix);
  const names = allQueueNames([
    ...(options.sources ?? []),
    ...known.filter((n) => n.startsWith('collect-')).map((n) => n.slice('collect-'.length)),
  ]);
  return Promise.all(
    names.map(async (name) => {
      // Read-only: no meta writes, so asking about a queue never creates it.
      const queue = new Queue(name, { connection: options.connection, prefix, skipMetasUpdate: true });
      try {
        const c = await queue.getJobCounts(
          'waiting',
          'prioritized',
          'waiting-children',
          'active',
          'delayed',
          'failed',
          'completed',
        );
        return {
          name,
          waiting: (c['waiting'] ?? 0) + (c['prioritized'] ?? 0) + (c['waiting-children'] ?? 0),
          active: c['active'] ?? 0,
          delayed: c['delayed'] ?? 0,
          failed: c['failed'] ?? 0,
          completed: c['completed'] ?? 0,
        };
      } finally {
        await queue.close();
      }
    }),
  );
}
