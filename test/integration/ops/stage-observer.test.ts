import { Worker } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { RateLimitedError } from '../../../src/connectors/errors/rate-limited-error.js';
import { createPipelineMetrics } from '../../../src/observability/pipeline-metrics.js';
import { observeStageHandlers } from '../../../src/observability/stage-observer.js';
import { type StageHandlers, stagePayloadSchemas } from '../../../src/pipeline/stage.js';
import { recordingHelpers } from '../pipeline/support/pipeline-fixtures.js';
import { handlersWith } from '../queue/support/redis-kit.js';

async function value(metrics: ReturnType<typeof createPipelineMetrics>, name: string, labels: Record<string, string>) {
  const metric = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === name);
  const match = metric?.values.find((v) =>
    Object.entries(labels).every(([key, wanted]) => String((v.labels as Record<string, unknown>)[key]) === wanted),
  );
  return match?.value;
}

/** A clock that moves 250 ms per reading, so every job takes exactly 0.25 s. */
function steppingClock(): () => number {
  let t = 0;
  return () => (t += 250);
}

const collectPayload = stagePayloadSchemas.collect.parse({ source: 'reddit', cursor: null, runId: 'r1' });

describe('observeStageHandlers', () => {
  it('counts what collect and process jobs report, and times them', async () => {
    const metrics = createPipelineMetrics({ processMetrics: false });
    const handlers: StageHandlers = handlersWith({
      collect: async () => ({ items: 12, enqueued: 10, quarantined: 2, deleted: 0 }),
      process: async () => ({
        received: 10,
        stored: { inserted: 6, updated: 1, unchanged: 2 },
        duplicates: 0,
        quarantined: 1,
        requeued: 0,
      }),
    });
    const observed = observeStageHandlers(handlers, metrics, steppingClock());
    expect(await observed.collect(collectPayload, recordingHelpers())).toMatchObject({ enqueued: 10 });
    await observed.process(
      stagePayloadSchemas.process.parse({ source: 'reddit', batchId: 'b', comments: [{}] }),
      recordingHelpers(),
    );
    expect(await value(metrics, 'carevoice_comments_collected_total', { source: 'reddit' })).toBe(10);
    expect(await value(metrics, 'carevoice_comments_processed_total', { source: 'reddit' })).toBe(9);
    expect(await value(metrics, 'carevoice_comments_quarantined_total', { source: 'reddit', stage: 'collect' })).toBe(
      2,
    );
    expect(await value(metrics, 'carevoice_comments_quarantined_total', { source: 'reddit', stage: 'process' })).toBe(
      1,
    );
    expect(
      await value(metrics, 'carevoice_job_duration_seconds', { stage: 'collect', outcome: 'completed', le: '0.25' }),
    ).toBe(1);
    expect(
      await value(metrics, 'carevoice_job_duration_seconds', { stage: 'collect', outcome: 'completed', le: '0.1' }),
    ).toBe(0);
  });

  it('passes errors through untouched, telling failures from rate limits and counting failed exports', async () => {
    const metrics = createPipelineMetrics({ processMetrics: false });
    const disk = new Error('disk full');
    const limited = new RateLimitedError('reddit', 30_000);
    const observed = observeStageHandlers(
      handlersWith({
        collect: async () => {
          throw limited;
        },
        aggregate: async () => {
          throw Worker.RateLimitError();
        },
        export: async () => {
          throw disk;
        },
      }),
      metrics,
      steppingClock(),
    );
    await expect(observed.collect(collectPayload, recordingHelpers())).rejects.toBe(limited);
    await expect(observed.aggregate(stagePayloadSchemas.aggregate.parse({}), recordingHelpers())).rejects.toThrow();
    await expect(observed.export(stagePayloadSchemas.export.parse({}), recordingHelpers())).rejects.toBe(disk);
    const count = (stage: string, outcome: string) =>
      value(metrics, 'carevoice_job_duration_seconds', { stage, outcome, le: '+Inf' });
    expect(await count('collect', 'rate_limited')).toBe(1);
    expect(await count('aggregate', 'rate_limited')).toBe(1);
    expect(await count('export', 'failed')).toBe(1);
    expect(await value(metrics, 'carevoice_export_runs_total', { outcome: 'failure' })).toBe(1);
    expect(await value(metrics, 'carevoice_export_runs_total', { outcome: 'success' })).toBeUndefined();
  });

  it('lets two sets of metrics live in one process', () => {
    expect(() => {
      createPipelineMetrics();
      createPipelineMetrics();
    }).not.toThrow();
  });
});
