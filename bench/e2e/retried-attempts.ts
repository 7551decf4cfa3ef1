import { QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';

/**
 * Counts the job attempts that failed and were retried while a run went on. A retried attempt
 * leaves no failed job behind, so the check at the end of a run (every comment stored, no failed
 * job) cannot see it; a store lock timeout or a worker crash mid-batch shows up here instead. BullMQ
 * puts such a job in `delayed` for its backoff and emits `delayed`; nothing else in a bench run
 * delays a job (collect backpressure hands its jobs straight back to `wait`).
 */
export class RetriedAttempts {
  readonly #listeners: { events: QueueEvents; connection: Redis }[];
  readonly #counts: Map<string, number>;

  private constructor(listeners: { events: QueueEvents; connection: Redis }[], counts: Map<string, number>) {
    this.#listeners = listeners;
    this.#counts = counts;
  }

  /** Starts listening on each queue; only attempts retried from now on are counted. */
  static async listen(connection: Redis, prefix: string, queueNames: readonly string[]): Promise<RetriedAttempts> {
    const counts = new Map(queueNames.map((name) => [name, 0]));
    const listeners = queueNames.map((name) => {
      // QueueEvents blocks on its connection, so it gets its own copy rather than sharing the caller's.
      const own = connection.duplicate();
      const events = new QueueEvents(name, { connection: own, prefix });
      events.on('delayed', () => counts.set(name, (counts.get(name) ?? 0) + 1));
      return { events, connection: own };
    });
    await Promise.all(listeners.map(({ events }) => events.waitUntilReady()));
    return new RetriedAttempts(listeners, counts);
  }

  /** Retried attempts per queue name. */
  counts(): Record<string, number> {
    return Object.fromEntries(this.#counts);
  }

  total(): number {
    return [...this.#counts.values()].reduce((sum, n) => sum + n, 0);
  }

  async close(): Promise<void> {
    await Promise.all(
      this.#listeners.map(async ({ events, connection }) => {
        await events.close();
        connection.disconnect();
      }),
    );
  }
}
