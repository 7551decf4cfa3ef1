import type { Config } from '../config/load-config.js';
import type { PipelineOptionsInput } from '../pipeline/pipeline-options.js';
import type { RuntimeOptions, ScheduleConfig } from '../queue/index.js';
import { alertSchedules } from './alert-settings.js';
import { RETENTION_PURGE_REASON } from './minimisation-handlers.js';

/** Translations from the operator's configuration to the options of the pipeline and queue runtime. */

export function enabledSources(config: Config): string[] {
  return Object.entries(config.sources)
    .filter(([, source]) => source.enabled)
    .map(([id]) => id);
}

export function pipelineOptions(config: Config): PipelineOptionsInput {
  return {
    batchSize: config.queue.processBatchSize,
    maxPagesBySource: Object.fromEntries(Object.entries(config.sources).map(([id, s]) => [id, s.maxPagesPerRun])),
    exportMinCellCount: config.export.minCellCount,
    exportRetain: config.export.retentionDays,
  };
}

export function runtimeOptions(config: Config): RuntimeOptions {
  const q = config.queue;
  return {
    prefix: config.redis.prefix,
    concurrency: q.concurrency,
    limiters: Object.fromEntries(
      Object.entries(config.sources).map(([id, s]) => [id, { max: s.limiter.max, duration: s.limiter.durationMs }]),
    ),
    lockDurationMs: q.lockDurationMs,
    stalledIntervalMs: q.stalledIntervalMs,
    attempts: q.attempts,
    backoffDelayMs: q.backoffMs,
    retention: {
      completed: { count: q.retention.completedCount, ageSeconds: q.retention.completedAgeSeconds },
      failed: { count: q.retention.failedCount, ageSeconds: q.retention.failedAgeSeconds },
    },
    eventsMaxLen: q.eventsMaxLen,
    backpressure: q.backpressure,
    storeOutage: q.storeOutage,
    replicaWait: { replicas: config.redis.waitForReplicas, timeoutMs: config.redis.replicaWaitMs },
  };
}

/** One schedule per enabled source's collect run, plus the aggregate, the nightly export and the
 *  retention purge (which runs on the aggregate queue). */
export function schedules(config: Config): ScheduleConfig[] {
  const list: ScheduleConfig[] = enabledSources(config).map((source) => {
    const { cron, tz } = config.sources[source as keyof Config['sources']].schedule;
    return {
      id: `collect-${source}`,
      stage: 'collect',
      source,
      pattern: cron,
      tz,
      payload: { source, cursor: null, pageNumber: 0, runId: 'scheduled' },
    };
  });
  list.push(
    {
      id: 'aggregate',
      stage: 'aggregate',
      pattern: config.schedules.aggregate.cron,
      tz: config.schedules.aggregate.tz,
      payload: { reason: 'scheduled' },
    },
    {
      id: 'nightly-export',
      stage: 'export',
      pattern: config.schedules.export.cron,
      tz: config.schedules.export.tz,
      payload: {},
    },
    {
      id: 'retention-purge',
      stage: 'aggregate',
      pattern: config.schedules.retention.cron,
      tz: config.schedules.retention.tz,
      payload: { reason: RETENTION_PURGE_REASON },
    },
  );
  list.push(...alertSchedules(config));
  return list;
}
