import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { Gauge } from 'prom-client';
import { knownQueues } from '../queue/known-queues.js';
import { allQueueNames } from '../queue/queue-names.js';
import type { PipelineMetrics } from './pipeline-metrics.js';
import { oncePerScrape } from './scrape-once.js';

/** Queue depth and the age of the oldest waiting job per queue, read from Redis at scrape time. */

export interface QueueGaugeOptions {
  /** A producer-role connection (fails fast when Redis is down); never closed here. */
  connection: Redis;
  /** BullMQ key prefix. */
  prefix: string;
  /** Configured sources; collect queues of sources used before are found in Redis too. */
  sources: readonly string[];
  /** Wall clock for job ages. @defaultValue Date.now */
  now?: () => number;
}

const STATES = ['waiting', 'prioritized', 'waiting-children', 'active', 'delayed', 'failed', 'completed'] as const;

interface QueueReading {
  name: string;
  counts: Record<string, number>;
  oldestWaitingAgeSeconds: number;
}

async function readQueue(name: string, options: QueueGaugeOptions, now: number): Promise<QueueReading> {
  // Read-only: no meta writes, so a scrape never creates a queue.
  const queue = new Queue(name, { connection: options.connection, prefix: options.prefix, skipMetasUpdate: true });
  try {
    const counts = await queue.getJobCounts(...STATES);
    // The right end of the wait list is the next job a worker takes: the oldest still waiting.
    const [oldest] = await queue.getJobs(['wait'], 0, 0, true);
    const readyAt = oldest ? oldest.timestamp + (oldest.opts.delay ?? 0) : now;
    return { name, counts, oldestWaitingAgeSeconds: Math.max(0, (now - readyAt) / 1000) };
  } finally {
    await queue.close();
  }
}

/** Registers `carevoice_queue_jobs{queue,state}` and `carevoice_queue_oldest_waiting_age_seconds{queue}`. */
export function registerQueueGauges(metrics: PipelineMetrics, options: QueueGaugeOptions): void {
  const now = options.now ?? Date.now;
  const read = oncePerScrape(async () => {
    const known = await knownQueues(options.connection, options.prefix);
    const sources = [
      ...options.sources,
      ...known.filter((name) => name.startsWith('collect-')).map((name) => name.slice('collect-'.length)),
    ];
    const at = now();
    return Promise.all(allQueueNames(sources).map((name) => readQueue(name, options, at)));
  });
  metrics.addDependencyProbe('redis', read);
  const registers = [metrics.registry];
  // Without Redis both gauges are left empty; carevoice_scrape_dependency_up{dependency="redis"} says why.
  new Gauge({
    name: 'carevoice_queue_jobs',
    help: 'Jobs per queue and state (waiting includes prioritised and waiting-for-children)',
    labelNames: ['queue', 'state'],
    registers,
    async collect() {
      const readings = await read().catch(() => []);
      this.reset();
      for (const { name, counts } of readings) {
        const waiting = (counts['waiting'] ?? 0) + (counts['prioritized'] ?? 0) + (counts['waiting-children'] ?? 0);
        this.set({ queue: name, state: 'waiting' }, waiting);
        for (const state of ['active', 'delayed', 'failed', 'completed'] as const) {
          this.set({ queue: name, state }, counts[state] ?? 0);
        }
      }
    },
  });
  new Gauge({
    name: 'carevoice_queue_oldest_waiting_age_seconds',
    help: 'Seconds the oldest waiting job of each queue has been ready to run (0 when none waits)',
    labelNames: ['queue'],
    registers,
    async collect() {
      const readings = await read().catch(() => []);
      this.reset();
      for (const { name, oldestWaitingAgeSeconds } of readings) this.set({ queue: name }, oldestWaitingAgeSeconds);
    },
  });
}
