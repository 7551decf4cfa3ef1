import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { waitForReplicas } from './replica-wait.js';
import { defaultJobOptions, type ResolvedRuntimeOptions } from './runtime-options.js';

/**
 * The producer side of every queue, created on first use and sharing one connection (BullMQ
 * leaves a caller-owned connection open, so closing the set never closes the connection).
 */
export class QueueSet {
  private readonly queues = new Map<string, Queue>();

  constructor(
    private readonly connection: Redis,
    private readonly options: ResolvedRuntimeOptions,
    private readonly logger: Logger,
  ) {}

  get(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, {
        connection: this.connection,
        prefix: this.options.prefix,
        defaultJobOptions: defaultJobOptions(this.options),
        streams: { events: { maxLen: this.options.eventsMaxLen } },
      });
      // Without a listener an 'error' event would crash the process; Redis errors are retried by ioredis.
      queue.on('error', (error) => this.logger.error({ err: error, queue: name }, 'queue error'));
      this.queues.set(name, queue);
    }
    return queue;
  }

  /**
   * Resolves once what this set's queues added so far has reached the configured replicas; throws
   * ReplicationShortfallError if it did not in time (replica-wait.ts).
   */
  confirmReplicated(): Promise<void> {
    return waitForReplicas(this.connection, this.options.replicaWait);
  }

  names(): string[] {
    return [...this.queues.keys()];
  }

  async close(): Promise<void> {
    const all = [...this.queues.values()];
    this.queues.clear();
    await Promise.all(all.map((queue) => queue.close()));
  }
}
