import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { ReplicationShortfallError } from './errors/replication-shortfall-error.js';
import { waitForReplicas } from './replica-wait.js';
import { defaultJobOptions, type ResolvedRuntimeOptions } from './runtime-options.js';

/**
 * The producer side of every queue, created on first use and sharing one connection (BullMQ
 * leaves a caller-owned connection open, so closing the set never closes the connection).
 */
export class QueueSet {
  private readonly queues = new Map<string, Queue>();
  #generation = 0;
  readonly #countClose = () => {
    this.#generation += 1;
  };

  constructor(
    private readonly connection: Redis,
    private readonly options: ResolvedRuntimeOptions,
    private readonly logger: Logger,
  ) {
    connection.on('close', this.#countClose);
  }

  /** How many times the connection has closed so far; compare two readings to tell a reconnect. */
  get connectionGeneration(): number {
    return this.#generation;
  }

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
   * Resolves once what this set's queues added since `connectedSince` (a connectionGeneration
   * reading) has reached the configured replicas; throws ReplicationShortfallError if it did not in
   * time, or if the connection closed meanwhile (replica-wait.ts).
   */
  async confirmReplicated(connectedSince: number): Promise<void> {
    const { replicaWait } = this.options;
    if (replicaWait.replicas === 0) return;
    await waitForReplicas(this.connection, replicaWait);
    // WAIT counts the writes of its own connection: one re-sent after a reconnect, perhaps to a newly
    // promoted primary, would vouch for nothing.
    if (this.#generation !== connectedSince) {
      throw new ReplicationShortfallError(
        replicaWait.replicas,
        0,
        replicaWait.timeoutMs,
        'the connection to Redis closed meanwhile',
      );
    }
  }

  names(): string[] {
    return [...this.queues.keys()];
  }

  async close(): Promise<void> {
    this.connection.off('close', this.#countClose);
    const all = [...this.queues.values()];
    this.queues.clear();
    await Promise.all(all.map((queue) => queue.close()));
  }
}
