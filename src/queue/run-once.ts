import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { londonDate } from '../pipeline/process/period.js';
import type { StageHandlers } from '../pipeline/stage.js';
import { createWorkerConnection } from './connections.js';
import { DrainTimeoutError, waitUntilDrained } from './drain.js';
import { enqueueStageJobs } from './enqueue.js';
import { allQueueNames, collectQueueName, DEFAULT_QUEUE_PREFIX } from './queue-names.js';
import { createStageRegistry } from './registry.js';
import { type FailedJobReport, type JobOutcome, type RunProgress, RunTally, type SourceTally } from './run-tally.js';
import type { RuntimeOptions } from './runtime-options.js';
import { createGracefulShutdown } from './shutdown.js';
import type { SettledJob } from './stage-processor.js';
import { type StageRunner, startStageRunner } from './stage-runner.js';
import type { ProbedStore } from './store-outage-hold.js';

/**
 * One full pass in this process: collect every enabled source, process what it yields, then
 * aggregate, then export. Counts come from this process's workers, so other workers on the same
 * prefix should be stopped while it runs (jobs they take are done, but not counted here).
 */

export interface RunOnceOptions extends RuntimeOptions {
  /** @defaultValue REDIS_URL, else redis://127.0.0.1:6379 */
  redisUrl?: string;
  handlers: StageHandlers;
  /** Enabled sources; one collect job each. */
  sources: readonly string[];
  logger: Logger;
  /** Called whenever a page or batch finishes (for a progress bar). */
  onProgress?: (progress: RunProgress) => void;
  /** The whole run must finish within this. @defaultValue 1 800 000 (30 min) */
  timeoutMs?: number;
  /** Names this run's job ids. @defaultValue time + random, e.g. `m0x1k2-3f9a1c` */
  runId?: string;
  /** Clock (the export date is today in Europe/London). @defaultValue () => new Date() */
  now?: () => Date;
  /** Pause between drain checks. @defaultValue 100 */
  pollMs?: number;
  /** See `StageRunnerOptions.store`. @defaultValue none */
  store?: ProbedStore;
}

export type StepOutcome = JobOutcome | 'skipped';

export interface RunSummary {
  runId: string;
  sources: Record<string, SourceTally>;
  /** Comments in completed process batches. */
  processed: number;
  /** Every job that failed for good, with its reason. */
  failedJobs: FailedJobReport[];
  aggregate: StepOutcome;
  export: StepOutcome;
  exportDate: string;
  durations: { collectAndProcessMs: number; aggregateMs: number; exportMs: number; totalMs: number };
}

export class RunOnceTimeoutError extends Error {
  readonly code = 'run_once_timeout';
  constructor(
    readonly partial: Omit<RunSummary, 'durations' | 'aggregate' | 'export' | 'exportDate'>,
    detail: string,
  ) {
    super(`the run did not finish in time (${detail}); ${partial.failedJobs.length} job(s) had failed by then`);
    this.name = 'RunOnceTimeoutError';
  }
}

export function newRunId(at: Date = new Date()): string {
  return `${at.getTime().toString(36)}-${randomBytes(3).toString('hex')}`;
}

export async function runOnce(options: RunOnceOptions): Promise<RunSummary> {
  const started = Date.now();
  const deadline = started + (options.timeoutMs ?? 30 * 60_000);
  const now = options.now ?? (() => new Date());
  const runId = options.runId ?? newRunId(now());
  const logger = options.logger.child({ runId });
  const registry = createStageRegistry(options.handlers);
  const sources = [...new Set(options.sources)];
  sources.forEach(collectQueueName); // fails early on a source id that cannot name a queue
  const connection = createWorkerConnection({
    ...(options.redisUrl ? { url: options.redisUrl } : {}),
    name: `${options.prefix ?? DEFAULT_QUEUE_PREFIX}:run-once`,
  });
  connection.on('error', (error) => logger.error({ err: error }, 'redis connection error'));
  const tally = new RunTally(sources);
  let runner: StageRunner | undefined;
  try {
    runner = await startStageRunner({
      ...options,
      connection,
      registry,
      sources,
      logger,
      onSettled: recordOutcome(tally, options.onProgress),
    });
    const pollMs = options.pollMs ?? 100;
    // A snapshot: jobs still finishing while the workers close must not change a reported result.
    const partial = () =>
      structuredClone({
        runId,
        sources: Object.fromEntries(tally.sources),
        processed: tally.processed,
        failedJobs: tally.failedJobs,
      });
    const drain = async (names: string[]) => {
      try {
        await waitUntilDrained(
          names.map((n) => runner!.queues.get(n)),
          { deadline, pollMs },
        );
      } catch (error) {
        if (error instanceof DrainTimeoutError) throw new RunOnceTimeoutError(partial(), error.message);
        throw error;
      }
    };

    await enqueueStageJobs(
      runner.queues,
      'collect',
      sources.map((source) => ({
        id: `collect-${source}-${runId}-0`,
        payload: { source, cursor: null, pageNumber: 0, runId },
      })),
    );
    const upstream = allQueueNames(sources).filter((n) => n.startsWith('collect-') || n === 'process');
    await drain(upstream);
    const collectDone = Date.now();

    const aggregateId = `aggregate-${runId}`;
    await enqueueStageJobs(runner.queues, 'aggregate', [{ id: aggregateId, payload: { reason: 'run-once' } }]);
    await drain(['aggregate']);
    const aggregate = await settled(runner, tally, 'aggregate', aggregateId);
    const aggregateDone = Date.now();

    const exportDate = londonDate(now());
    let exported: StepOutcome = 'skipped';
    if (aggregate === 'completed') {
      const exportId = `export-${exportDate}-${runId}`;
      await enqueueStageJobs(runner.queues, 'export', [{ id: exportId, payload: { date: exportDate } }]);
      await drain(['export']);
      exported = await settled(runner, tally, 'export', exportId);
    } else {
      logger.error("aggregate did not complete; export skipped so yesterday's figures are not re-exported as today's");
    }
    const finished = Date.now();
    const summary: RunSummary = {
      ...partial(),
      aggregate,
      export: exported,
      exportDate,
      durations: {
        collectAndProcessMs: collectDone - started,
        aggregateMs: aggregateDone - collectDone,
        exportMs: finished - aggregateDone,
        totalMs: finished - started,
      },
    };
    logger.info({ summary }, 'run finished');
    return summary;
  } finally {
    const closer = createGracefulShutdown(
      { workers: runner ? [runner] : [], connections: [connection] },
      { logger, graceMs: 15_000 },
    );
    const report = await closer.shutdown('run finished');
    if (!report.clean) logger.warn(report, 'run-once did not close cleanly');
  }
}

function recordOutcome(tally: RunTally, onProgress?: (progress: RunProgress) => void) {
  return ({ queueName, stage, job, outcome, final, error }: SettledJob) => {
    if (outcome === 'completed') tally.completed(queueName, stage, job);
    else tally.failed(queueName, stage, job, error ?? new Error('unknown failure'), final);
    if (outcome === 'completed' || final) onProgress?.(tally.progress());
  };
}

/** How a single job ended: this process's events first, else the job's state in Redis. */
async function settled(runner: StageRunner, tally: RunTally, queueName: string, jobId: string): Promise<JobOutcome> {
  const seen = tally.outcome(queueName, jobId);
  if (seen) return seen;
  const job = await runner.queues.get(queueName).getJob(jobId);
  const state = job ? await job.getState() : 'unknown';
  return state === 'completed' ? 'completed' : 'failed';
}
