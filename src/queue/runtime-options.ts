import type { DefaultJobOptions } from 'bullmq';
import type { StageName } from '../pipeline/stage.js';
import { assertBackpressureOptions, type BackpressureOptions, DEFAULT_BACKPRESSURE } from './backpressure-gate.js';
import { DEFAULT_QUEUE_PREFIX } from './queue-names.js';
import type { ReplicaWait } from './replica-wait.js';
import { assertStoreOutageOptions, DEFAULT_STORE_OUTAGE, type StoreOutageOptions } from './store-outage-hold.js';

/** A BullMQ rate limiter: at most `max` jobs per `duration` ms, shared by every worker of the queue. */
export interface QueueLimiter {
  max: number;
  duration: number;
}

/** How many finished jobs Redis keeps; whichever limit is reached first removes the oldest. */
export interface KeepFinished {
  /** Newest jobs kept. */
  count: number;
  /** Older jobs are removed once another job finishes (BullMQ has no background sweep). */
  ageSeconds: number;
}

export interface RuntimeOptions {
  /** BullMQ key prefix; a Redis Cluster hash tag. @defaultValue `{carevoice}` */
  prefix?: string;
  /** Jobs one worker runs at once, per stage. @defaultValue collect 1, process 2, aggregate 1, export 1, alert 2
   *  (alert jobs mostly wait on the webhook) */
  concurrency?: Partial<Record<StageName, number>>;
  /** Per-source limiter for `collect-<source>` (a source's terms of use). @defaultValue none */
  limiters?: Record<string, QueueLimiter>;
  /** How long a job's lock lasts without renewal; a dead worker's job returns after about this. @defaultValue 30000 */
  lockDurationMs?: number;
  /** How often workers look for stalled jobs. @defaultValue 30000 */
  stalledIntervalMs?: number;
  /** Attempts per job before it fails for good. @defaultValue 5 */
  attempts?: number;
  /** First retry delay; doubles each attempt (exponential backoff). @defaultValue 2000 */
  backoffDelayMs?: number;
  /** Finished jobs kept in Redis. @defaultValue completed 1000 / 1 day, failed 5000 / 7 days */
  retention?: { completed?: Partial<KeepFinished>; failed?: Partial<KeepFinished> };
  /** Approximate cap on each queue's events stream (BullMQ's default is 10,000). @defaultValue 2000 */
  eventsMaxLen?: number;
  /** Check Redis's eviction policy (and warn about its persistence) before starting workers. @defaultValue true */
  preflight?: boolean;
  /** Collect holds off while the process backlog is high. @defaultValue on, 500 / 250 jobs, 1000 ms */
  backpressure?: Partial<BackpressureOptions>;
  /** Replicas that must have a replicated hand-over's jobs before it goes on (replica-wait.ts). @defaultValue none, 5000 ms */
  replicaWait?: Partial<ReplicaWait>;
  /** Probing a store that may be down, re-probing it while workers hold, and how often one job may be
   *  handed back (store-outage-hold.ts). @defaultValue probe timeout 5000 ms, recheck 1000 ms doubling
   *  to 30000 ms, 50 hand-backs */
  storeOutage?: Partial<StoreOutageOptions>;
}

export interface ResolvedRuntimeOptions {
  prefix: string;
  concurrency: Record<StageName, number>;
  limiters: Record<string, QueueLimiter>;
  lockDurationMs: number;
  stalledIntervalMs: number;
  attempts: number;
  backoffDelayMs: number;
  retention: { completed: KeepFinished; failed: KeepFinished };
  eventsMaxLen: number;
  preflight: boolean;
  backpressure: BackpressureOptions;
  replicaWait: ReplicaWait;
  storeOutage: StoreOutageOptions;
}

const DAY_SECONDS = 24 * 60 * 60;

export function resolveRuntimeOptions(options: RuntimeOptions = {}): ResolvedRuntimeOptions {
  const resolved: ResolvedRuntimeOptions = {
    prefix: options.prefix ?? DEFAULT_QUEUE_PREFIX,
    concurrency: { collect: 1, process: 2, aggregate: 1, export: 1, alert: 2, ...options.concurrency },
    limiters: { ...options.limiters },
    lockDurationMs: options.lockDurationMs ?? 30_000,
    stalledIntervalMs: options.stalledIntervalMs ?? 30_000,
    attempts: options.attempts ?? 5,
    backoffDelayMs: options.backoffDelayMs ?? 2000,
    retention: {
      completed: { count: 1000, ageSeconds: DAY_SECONDS, ...options.retention?.completed },
      failed: { count: 5000, ageSeconds: 7 * DAY_SECONDS, ...options.retention?.failed },
    },
    eventsMaxLen: options.eventsMaxLen ?? 2000,
    preflight: options.preflight ?? true,
    backpressure: resolveBackpressure(options.backpressure),
    replicaWait: { replicas: 0, timeoutMs: 5000, ...options.replicaWait },
    storeOutage: { ...DEFAULT_STORE_OUTAGE, ...options.storeOutage },
  };
  assertBackpressureOptions(resolved.backpressure);
  assertPositive('attempts', resolved.attempts);
  assertPositive('lockDurationMs', resolved.lockDurationMs);
  assertPositive('stalledIntervalMs', resolved.stalledIntervalMs);
  assertPositive('eventsMaxLen', resolved.eventsMaxLen);
  for (const [stage, n] of Object.entries(resolved.concurrency)) assertPositive(`concurrency.${stage}`, n);
  for (const [source, limiter] of Object.entries(resolved.limiters)) {
    assertPositive(`limiters.${source}.max`, limiter.max);
    assertPositive(`limiters.${source}.duration`, limiter.duration);
  }
  if (resolved.backoffDelayMs < 0) throw new RangeError('backoffDelayMs must be 0 or more');
  assertReplicaWait(resolved.replicaWait);
  assertStoreOutageOptions(resolved.storeOutage);
  return resolved;
}

function assertReplicaWait({ replicas, timeoutMs }: ReplicaWait): void {
  if (!Number.isInteger(replicas) || replicas < 0) {
    throw new RangeError(`replicaWait.replicas must be a whole number, 0 or more, got ${replicas}`);
  }
  assertPositive('replicaWait.timeoutMs', timeoutMs);
}

function assertPositive(name: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number, got ${value}`);
}

/** Defaults for what is not given; the low-water mark defaults to half the high-water mark. */
function resolveBackpressure(given: Partial<BackpressureOptions> = {}): BackpressureOptions {
  const highWaterJobs = given.highWaterJobs ?? DEFAULT_BACKPRESSURE.highWaterJobs;
  return {
    ...DEFAULT_BACKPRESSURE,
    ...given,
    highWaterJobs,
    lowWaterJobs: given.lowWaterJobs ?? Math.floor(highWaterJobs / 2),
  };
}

/** Job options every CareVoice job gets unless it says otherwise. */
export function defaultJobOptions(options: ResolvedRuntimeOptions): DefaultJobOptions {
  return {
    attempts: options.attempts,
    backoff: { type: 'exponential', delay: options.backoffDelayMs },
    removeOnComplete: keepJobs(options.retention.completed),
    removeOnFail: keepJobs(options.retention.failed),
  };
}

export function keepJobs(keep: KeepFinished): { age: number; count: number } {
  return { age: keep.ageSeconds, count: keep.count };
}
