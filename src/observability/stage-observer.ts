import { RATE_LIMIT_ERROR } from 'bullmq';
import { RateLimitedError } from '../connectors/errors/rate-limited-error.js';
import { STAGE_NAMES, type StageHandler, type StageHandlers, type StageName } from '../pipeline/stage.js';
import type { PipelineMetrics } from './pipeline-metrics.js';

/**
 * Feeds the metrics from stage results by wrapping each handler: the handler's own return value
 * (collect and process counts) is the most exact record of what a job did. Errors pass through
 * untouched, so the queue still sees every failure.
 */

interface CollectResult {
  enqueued?: unknown;
  quarantined?: unknown;
}

interface ProcessResult {
  stored?: { inserted?: unknown; updated?: unknown; unchanged?: unknown };
  quarantined?: unknown;
}

const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

function recordResult(metrics: PipelineMetrics, stage: StageName, payload: unknown, result: unknown): void {
  const source = (payload as { source?: unknown }).source;
  if (stage === 'collect' && typeof source === 'string') {
    const counts = (result ?? {}) as CollectResult;
    metrics.commentsCollected.inc({ source }, count(counts.enqueued));
    metrics.commentsQuarantined.inc({ source, stage }, count(counts.quarantined));
  } else if (stage === 'process' && typeof source === 'string') {
    const counts = (result ?? {}) as ProcessResult;
    const stored = counts.stored ?? {};
    metrics.commentsProcessed.inc({ source }, count(stored.inserted) + count(stored.updated) + count(stored.unchanged));
    metrics.commentsQuarantined.inc({ source, stage }, count(counts.quarantined));
  } else if (stage === 'export') {
    metrics.exportRuns.inc({ outcome: 'success' });
  }
}

function isRateLimit(error: unknown): boolean {
  return error instanceof RateLimitedError || (error instanceof Error && error.message === RATE_LIMIT_ERROR);
}

function observe<S extends StageName>(
  stage: S,
  handler: StageHandler<S>,
  metrics: PipelineMetrics,
  now: () => number,
): StageHandler<S> {
  return async (payload, helpers) => {
    const started = now();
    const seconds = () => Math.max(0, (now() - started) / 1000);
    let result: unknown;
    try {
      result = await handler(payload, helpers);
    } catch (error) {
      const outcome = isRateLimit(error) ? 'rate_limited' : 'failed';
      metrics.jobDuration.observe({ stage, outcome }, seconds());
      if (stage === 'export' && outcome === 'failed') metrics.exportRuns.inc({ outcome: 'failure' });
      throw error;
    }
    metrics.jobDuration.observe({ stage, outcome: 'completed' }, seconds());
    try {
      recordResult(metrics, stage, payload, result);
    } catch (error) {
      // A metrics bug must not fail a job that did its work; the next scrape shows the gap.
      helpers.log.warn({ err: error }, 'could not record stage metrics');
    }
    return result;
  };
}

/** The same handlers, each timed and counted into `metrics` (every stage, whatever the registry holds). */
export function observeStageHandlers(
  handlers: StageHandlers,
  metrics: PipelineMetrics,
  now: () => number = () => performance.now(),
): StageHandlers {
  const observed: Partial<Record<StageName, StageHandler<StageName>>> = {};
  for (const stage of STAGE_NAMES) {
    observed[stage] = observe(stage, handlers[stage] as StageHandler<StageName>, metrics, now);
  }
  return observed as StageHandlers;
}
