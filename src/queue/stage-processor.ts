import { DelayedError, type Job, RATE_LIMIT_ERROR, UnrecoverableError, type Worker } from 'bullmq';
import type { Logger } from 'pino';
import { RateLimitedError } from '../connectors/errors/rate-limited-error.js';
import { type StageName, stagePayloadSchemas, UnrecoverableStageError } from '../pipeline/stage.js';
import type { BackpressureGate } from './backpressure-gate.js';
import type { QueueSet } from './queue-set.js';
import type { StageRegistry } from './registry.js';
import { buildStageHelpers, holdQueue } from './stage-helpers.js';
import type { StoreOutageHold } from './store-outage-hold.js';

/** A job attempt's end as the processor sees it, reported before BullMQ records it in Redis. */
export interface SettledJob {
  queueName: string;
  stage: StageName;
  job: Job;
  outcome: 'completed' | 'failed';
  /** For failures: true when BullMQ will not retry (unrecoverable, or the last attempt). */
  final: boolean;
  error?: Error;
}

export interface StageProcessorContext {
  queueName: string;
  stage: StageName;
  /** For collect queues: the queue's source; a job for another source is refused. */
  source?: string;
  registry: StageRegistry;
  queues: QueueSet;
  /** Where replicated hand-overs add their jobs (replicated-queues.ts). @defaultValue queues */
  replicatedQueues?: QueueSet;
  logger: Logger;
  /** The worker is created after its processor, so it is looked up when a job runs. */
  worker: () => Worker;
  /**
   * Observer called as an attempt ends (not for rate-limit hand-backs). It runs before the job
   * leaves `active`, so anyone who sees a queue drained has seen every outcome. @defaultValue none
   */
  onSettled?: (settled: SettledJob) => void;
  /** For collect queues: holds collect off while the process backlog is high. @defaultValue none */
  backpressure?: BackpressureGate;
  /** Hands a job back unspent when it failed because the store is down (store-outage-hold.ts). @defaultValue none */
  storeOutage?: StoreOutageHold;
}

/** Fields every log line of a job carries: job id, stage, source and batch size. */
export function jobLogBindings(stage: StageName, job: Job, queueSource?: string): Record<string, unknown> {
  const data = (job.data ?? {}) as { source?: unknown; comments?: unknown };
  const source = queueSource ?? (typeof data.source === 'string' ? data.source : undefined);
  const bindings: Record<string, unknown> = { jobId: job.id, stage };
  if (source !== undefined) bindings['source'] = source;
  if (Array.isArray(data.comments)) bindings['batchSize'] = data.comments.length;
  return bindings;
}

/**
 * The BullMQ processor for one stage queue: validate the payload (job data comes from Redis, so it
 * is untrusted), run the handler with its helpers, and translate errors so BullMQ does the right
 * thing. Every error is rethrown: the queue must see each failure to retry or record it.
 */
export function createStageProcessor(ctx: StageProcessorContext): (job: Job, token?: string) => Promise<unknown> {
  const schema = stagePayloadSchemas[ctx.stage];
  const handler = ctx.registry.handlerFor(ctx.stage) as (payload: unknown, helpers: unknown) => Promise<unknown>;
  return async (job, token?: string) => {
    const log = ctx.logger.child(jobLogBindings(ctx.stage, job, ctx.source));
    const report = (outcome: SettledJob['outcome'], final: boolean, error?: Error) => {
      try {
        ctx.onSettled?.({
          queueName: ctx.queueName,
          stage: ctx.stage,
          job,
          outcome,
          final,
          ...(error ? { error } : {}),
        });
      } catch (observerError) {
        // An observer's bug must not change the job's fate; it is logged, the job's own error is not touched.
        log.error({ err: observerError }, 'job outcome observer threw');
      }
    };
    const fail = (error: Error, final: boolean): never => {
      report('failed', final, error);
      throw error;
    };

    const parsed = schema.safeParse(job.data);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`).join('; ');
      log.error({ issues }, 'invalid payload; failing without retry');
      return fail(new UnrecoverableError(`invalid_payload: ${ctx.stage} job ${job.id}: ${issues}`), true);
    }
    const payloadSource = (parsed.data as { source?: string }).source;
    if (ctx.source !== undefined && payloadSource !== ctx.source) {
      const message = `wrong_queue: job ${job.id} is for source "${payloadSource}" but sits in ${ctx.queueName}`;
      log.error(message);
      return fail(new UnrecoverableError(message), true);
    }
    const gate = ctx.stage === 'collect' ? ctx.backpressure : undefined;
    if (gate) {
      // Checked before the page is fetched, so a held job has done nothing yet and simply runs later.
      const decision = await gate.decide();
      if (decision.unreadable)
        log.warn({ err: decision.unreadable }, 'process backlog could not be counted; collect goes on');
      if (decision.changed)
        log.info(
          { backlogJobs: decision.backlogJobs },
          decision.holdMs > 0
            ? 'process backlog at high-water; collect holds off'
            : 'process backlog at low-water; collect resumes',
        );
      if (decision.holdMs > 0) return holdQueue(ctx.worker(), decision.holdMs);
    }
    const helpers = buildStageHelpers({
      job,
      worker: ctx.worker(),
      queues: ctx.queues,
      ...(ctx.replicatedQueues !== undefined && { replicatedQueues: ctx.replicatedQueues }),
      log,
      ...(gate ? { onProcessEnqueued: (jobs: number) => gate.noteEnqueued(jobs) } : {}),
    });
    const lastAttempt = helpers.attempt >= (job.opts.attempts ?? 1);
    log.debug({ attempt: helpers.attempt }, 'job started');
    let result: unknown;
    try {
      result = await handler(parsed.data, helpers);
    } catch (error) {
      if (error instanceof UnrecoverableStageError) {
        log.error({ err: error, code: error.code }, 'unrecoverable; failing without retry');
        return fail(new UnrecoverableError(`${error.code}: ${error.message}`), true);
      }
      // A connector's typed 429 becomes a queue pause, exactly as if the handler had called rateLimited.
      if (error instanceof RateLimitedError) return helpers.rateLimited(error.retryAfterMs);
      if (isRateLimitSignal(error)) throw error;
      const asError = error instanceof Error ? error : new Error(String(error));
      if (ctx.storeOutage && !(asError instanceof UnrecoverableError) && (await ctx.storeOutage.holdIfStoreDown())) {
        const handedBack = storeHandBacksOf(job);
        const refused =
          handedBack < ctx.storeOutage.maxHandBacks
            ? await handBack(job, token, ctx.storeOutage.handBackDelayMs, handedBack + 1)
            : new Error(`handed back ${handedBack} times already`);
        if (refused === undefined) {
          log.warn({ err: asError, attempt: helpers.attempt }, 'store unreachable; job handed back unspent');
          throw new DelayedError();
        }
        log.warn({ err: refused }, 'job not handed back; its attempt counts');
      }
      log.warn({ err: asError, attempt: helpers.attempt, attempts: job.opts.attempts ?? 1 }, 'job attempt failed');
      report('failed', lastAttempt || asError instanceof UnrecoverableError, asError);
      throw error;
    }
    report('completed', true);
    log.debug('job completed');
    return result;
  };
}

/**
 * The job's data field counting its store hand-backs. Payload schemas drop fields they do not know,
 * so handlers never see it.
 */
const STORE_HAND_BACKS = 'storeHandBacks';

function storeHandBacksOf(job: Job): number {
  const count = (job.data as Record<string, unknown> | undefined)?.[STORE_HAND_BACKS];
  return typeof count === 'number' && Number.isInteger(count) && count > 0 ? count : 0;
}

/**
 * Back to `delayed` without spending an attempt (BullMQ's moveToDelayed skips the count), with the
 * hand-back counted in the job's data. Returns Redis's refusal (the lock was lost, Redis is away), in
 * which case the attempt fails as any other.
 */
async function handBack(
  job: Job,
  token: string | undefined,
  delayMs: number,
  count: number,
): Promise<Error | undefined> {
  try {
    await job.updateData({ ...job.data, [STORE_HAND_BACKS]: count });
    await job.moveToDelayed(Date.now() + delayMs, token);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

function isRateLimitSignal(error: unknown): boolean {
  return error instanceof Error && error.message === RATE_LIMIT_ERROR;
}
