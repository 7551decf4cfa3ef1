import { Worker, type WorkerOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { StageName } from '../pipeline/stage.js';
import { BackpressureGate } from './backpressure-gate.js';
import { rememberQueues } from './known-queues.js';
import { persistenceUnchecked, persistenceWarning, readPersistence } from './persistence-check.js';
import { assertNoEviction } from './preflight.js';
import { processBacklogJobs } from './process-backlog.js';
import { allQueueNames, queueNameFor, stageOfQueue } from './queue-names.js';
import { QueueSet } from './queue-set.js';
import type { StageRegistry } from './registry.js';
import { replicaShortfallWarning } from './replica-wait.js';
import { openReplicatedQueues, type ReplicatedQueues } from './replicated-queues.js';
import {
  keepJobs,
  type ResolvedRuntimeOptions,
  type RuntimeOptions,
  resolveRuntimeOptions,
} from './runtime-options.js';
import { describeSentinels } from './sentinel-url.js';
import { createStageProcessor, type SettledJob } from './stage-processor.js';
import { type ProbedStore, StoreOutageHold } from './store-outage-hold.js';

export interface StageRunnerOptions extends RuntimeOptions {
  /** A worker-role connection (`createWorkerConnection`); the runner never closes it. */
  connection: Redis;
  registry: StageRegistry;
  /** Enabled sources: one `collect-<source>` queue and worker each. */
  sources: readonly string[];
  logger: Logger;
  /** Only run workers for these stages (e.g. a process-only worker machine). @defaultValue every stage */
  stages?: readonly StageName[];
  /** Label for the worker, stored on every job it processes. @defaultValue none */
  workerName?: string;
  /** Observer of every attempt's end; see `StageProcessorContext.onSettled`. @defaultValue none */
  onSettled?: (settled: SettledJob) => void;
  /**
   * The store the handlers write to, probed after a failed attempt (`Store.ping`). Given, a job that
   * fails while the store does not answer is handed back with its attempts unspent, and the workers
   * hold until it answers (store-outage-hold.ts). @defaultValue none: every failure spends an attempt
   */
  store?: ProbedStore;
}

export interface StageWorker {
  queueName: string;
  stage: StageName;
  source?: string;
  worker: Worker;
}

export interface StageRunner {
  readonly options: ResolvedRuntimeOptions;
  readonly workers: readonly StageWorker[];
  /** Producer side of every queue, sharing the runner's connection. */
  readonly queues: QueueSet;
  /**
   * Closes workers (letting running jobs finish), then queues, then the connection the runner opened
   * for replicated hand-overs, if any. The connection it was given stays open.
   */
  close(): Promise<void>;
}

/**
 * Starts one BullMQ worker per stage queue (one per source for collect), each validating payloads
 * and running the registered handler. Refuses to start against a Redis that may evict keys, and warns
 * when Redis's persistence settings can lose acknowledged jobs.
 */
export async function startStageRunner(options: StageRunnerOptions): Promise<StageRunner> {
  const resolved = resolveRuntimeOptions(options);
  const { connection, registry, logger } = options;
  const stages = new Set(options.stages ?? registry.stages);
  if (resolved.preflight) {
    const server = describeConnection(connection);
    await assertNoEviction(connection, server);
    const persistence = await readPersistence(connection);
    const warning = persistenceWarning(persistence, server);
    if (warning) logger.warn({ code: 'redis_persistence' }, warning);
    else if (persistenceUnchecked(persistence)) {
      logger.info(
        { code: 'redis_persistence_unchecked' },
        'Redis keeps an append-only file, but CONFIG GET is not allowed, so whether it syncs it at every write (appendfsync always) is not checked',
      );
    }
    // Only collect hands over with a replica wait.
    if (stages.has('collect')) {
      const shortfall = await replicaShortfallWarning(connection, resolved.replicaWait.replicas, server);
      if (shortfall) logger.warn({ code: 'redis_replicas_short' }, shortfall);
    }
  }
  const queueNames = allQueueNames(options.sources).filter((name) => stages.has(stageOfQueue(name)!.stage));
  await rememberQueues(connection, resolved.prefix, allQueueNames(options.sources));
  const queues = new QueueSet(connection, resolved, logger);
  const replicated = stages.has('collect') ? openReplicatedQueues(connection, resolved, logger) : undefined;
  // One gate for every collect queue of this process: they all feed the one process queue.
  const backpressure = resolved.backpressure.enabled
    ? new BackpressureGate(() => processBacklogJobs(queues.get(queueNameFor('process'))), resolved.backpressure)
    : undefined;
  const storeOutage =
    options.store !== undefined ? new StoreOutageHold(options.store, resolved.storeOutage, logger) : undefined;
  const context: WorkerContext = { options, resolved, queues, replicated, backpressure, storeOutage };
  const workers: StageWorker[] = [];
  try {
    for (const queueName of queueNames) workers.push(startStageWorker(queueName, context));
    for (const { worker } of workers) storeOutage?.attach(worker);
    await Promise.all(workers.map(({ worker }) => worker.waitUntilReady()));
  } catch (error) {
    // The caller has no runner to close: the connection this runner opened must not outlive it.
    storeOutage?.close();
    await replicated?.close().catch(() => undefined);
    throw error;
  }
  logger.info({ queues: queueNames, prefix: resolved.prefix }, 'stage workers started');

  let closing: Promise<void> | undefined;
  return {
    options: resolved,
    workers,
    queues,
    close() {
      closing ??= (async () => {
        try {
          // First, so that a store coming back during the close cannot resume a closed worker.
          storeOutage?.close();
          await Promise.all(workers.map(({ worker }) => worker.close()));
          await queues.close();
        } finally {
          await replicated?.close();
        }
      })();
      return closing;
    },
  };
}

/** What every worker of a runner shares. */
interface WorkerContext {
  options: StageRunnerOptions;
  resolved: ResolvedRuntimeOptions;
  queues: QueueSet;
  replicated: ReplicatedQueues | undefined;
  backpressure: BackpressureGate | undefined;
  storeOutage: StoreOutageHold | undefined;
}

/** One BullMQ worker for `queueName`, running the registered handler of its stage. */
function startStageWorker(queueName: string, context: WorkerContext): StageWorker {
  const { options, resolved, queues, replicated, backpressure, storeOutage } = context;
  const { connection, registry, logger } = options;
  const { stage, source } = stageOfQueue(queueName)!;
  const log = logger.child({ queue: queueName });
  let worker: Worker | undefined;
  const processor = createStageProcessor({
    queueName,
    stage,
    ...(source !== undefined ? { source } : {}),
    registry,
    queues,
    ...(replicated !== undefined && { replicatedQueues: replicated.queues }),
    logger,
    worker: () => worker!,
    ...(options.onSettled ? { onSettled: options.onSettled } : {}),
    ...(stage === 'collect' && backpressure ? { backpressure } : {}),
    ...(storeOutage !== undefined && { storeOutage }),
  });
  const workerOptions: WorkerOptions = {
    connection,
    prefix: resolved.prefix,
    concurrency: resolved.concurrency[stage],
    lockDuration: resolved.lockDurationMs,
    stalledInterval: resolved.stalledIntervalMs,
    // Jobs added by other producers without retention options still get ours.
    removeOnComplete: keepJobs(resolved.retention.completed),
    removeOnFail: keepJobs(resolved.retention.failed),
  };
  if (options.workerName) workerOptions.name = options.workerName;
  const limiter = source !== undefined ? resolved.limiters[source] : undefined;
  if (limiter) workerOptions.limiter = limiter;
  worker = new Worker(queueName, processor, workerOptions);
  // An 'error' event without a listener crashes the process; ioredis reconnects by itself.
  worker.on('error', (error) => log.error({ err: error }, 'worker error'));
  worker.on('stalled', (jobId) => log.warn({ jobId }, 'job stalled; it will run again'));
  return { queueName, stage, ...(source !== undefined ? { source } : {}), worker };
}

function describeConnection(redis: Redis): string {
  const { host, port } = redis.options;
  return describeSentinels(redis.options) ?? `${host ?? '127.0.0.1'}:${port ?? 6379}`;
}
