import type { FastifyInstance } from 'fastify';
import { register as globalRegistry } from 'prom-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApi } from '../../../src/api/server.js';
import { createPipelineMetrics, type PipelineMetrics } from '../../../src/observability/pipeline-metrics.js';
import { registerQueueGauges } from '../../../src/observability/queue-gauges.js';
import { observeStageHandlers } from '../../../src/observability/stage-observer.js';
import { registerStoreGauges } from '../../../src/observability/store-gauges.js';
import { createStageHandlers } from '../../../src/pipeline/stage-handlers.js';
import { enqueueStageJobs } from '../../../src/queue/enqueue.js';
import { createStageRegistry } from '../../../src/queue/registry.js';
import { type StageRunner, startStageRunner } from '../../../src/queue/stage-runner.js';
import { syntheticComment } from '../export/support/export-fixtures.js';
import {
  AUTHOR_KEY,
  keywordAnalyser,
  maskEmails,
  openTempStore,
  type TempStore,
} from '../pipeline/support/pipeline-fixtures.js';
import { createRedisKit, eventually, quietLogger, type RedisKit } from '../queue/support/redis-kit.js';

let kit: RedisKit;
let temp: TempStore;
let runner: StageRunner | undefined;
let app: FastifyInstance | undefined;

beforeEach(async () => {
  kit = createRedisKit();
  temp = await openTempStore();
});
afterEach(async () => {
  await app?.close();
  await runner?.close();
  app = undefined;
  runner = undefined;
  await temp.cleanup();
  await kit.cleanup();
});

/** The value of one series in the text format, e.g. `carevoice_x_total{source="sample"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

async function startWorkers(metrics: PipelineMetrics, exportDir: string): Promise<StageRunner> {
  const handlers = createStageHandlers({
    store: temp.store,
    connectors: new Map(),
    analyse: keywordAnalyser,
    redact: maskEmails,
    authorHashKey: AUTHOR_KEY,
    clock: () => new Date(),
    exportDir,
  });
  runner = await startStageRunner({
    connection: kit.connection,
    prefix: kit.prefix,
    registry: createStageRegistry(observeStageHandlers(handlers, metrics)),
    sources: ['sample'],
    stages: ['process', 'export'],
    logger: quietLogger(),
  });
  return runner;
}

describe('GET /metrics', () => {
  it('exposes pipeline, queue, store and export metrics after a small processed batch', async () => {
    const exportDir = `${temp.dir}/exports`;
    const metrics = createPipelineMetrics({ processMetrics: false });
    const r = await startWorkers(metrics, exportDir);
    const comments = [
      syntheticComment('m-1', 'RAA', 'great care'),
      syntheticComment('m-2', 'RAA', 'awful wait'),
      syntheticComment('m-3', 'RBB', 'kind nurses'),
      { source: 'sample', externalId: 'm-bad' }, // no text: quarantined by the process stage
    ];
    await enqueueStageJobs(r.queues, 'process', [
      { id: 'metrics-b1', payload: { source: 'sample', batchId: 'b1', comments } },
    ]);
    await eventually(
      async () => (await r.queues.get('process').getJobCounts('completed'))['completed'] === 1,
      'process job',
    );
    await enqueueStageJobs(r.queues, 'export', [{ id: 'metrics-e1', payload: { date: '2024-06-01' } }]);
    await eventually(
      async () => (await r.queues.get('export').getJobCounts('completed'))['completed'] === 1,
      'export job',
    );
    // A job on a queue without a worker here: it waits, and its age shows.
    await r.queues.get('aggregate').add('aggregate', { reason: 'test' }, { jobId: 'metrics-agg' });

    registerQueueGauges(metrics, {
      connection: kit.connection,
      prefix: kit.prefix,
      sources: ['sample'],
      now: () => Date.now() + 90_000,
    });
    registerStoreGauges(metrics, { store: temp.store, sources: ['sample'], exportDir, now: () => Date.now() + 60_000 });
    app = await buildApi({
      store: temp.store,
      logger: quietLogger(),
      readiness: [],
      status: async () => Promise.reject(new Error('not used here')),
      metrics: metrics.registry,
    });
    const response = await app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = response.body;

    expect(sample(text, 'carevoice_comments_processed_total{source="sample"}')).toBe(3);
    expect(sample(text, 'carevoice_comments_quarantined_total{source="sample",stage="process"}')).toBe(1);
    expect(sample(text, 'carevoice_job_duration_seconds_count{stage="process",outcome="completed"}')).toBe(1);
    expect(sample(text, 'carevoice_job_duration_seconds_count{stage="export",outcome="completed"}')).toBe(1);
    expect(sample(text, 'carevoice_export_runs_total{outcome="success"}')).toBe(1);
    expect(text).toContain('# TYPE carevoice_comments_collected_total counter');

    expect(sample(text, 'carevoice_queue_jobs{queue="aggregate",state="waiting"}')).toBe(1);
    expect(sample(text, 'carevoice_queue_jobs{queue="process",state="completed"}')).toBe(1);
    expect(sample(text, 'carevoice_queue_jobs{queue="collect-sample",state="waiting"}')).toBe(0);
    expect(sample(text, 'carevoice_queue_oldest_waiting_age_seconds{queue="aggregate"}')).toBeGreaterThanOrEqual(90);
    expect(sample(text, 'carevoice_queue_oldest_waiting_age_seconds{queue="process"}')).toBe(0);

    expect(sample(text, 'carevoice_comments_stored{source="sample"}')).toBe(3);
    expect(sample(text, 'carevoice_quarantined_records{source="sample"}')).toBe(1);
    expect(sample(text, 'carevoice_latest_export_age_seconds{date="2024-06-01"}')).toBeGreaterThanOrEqual(59);
    for (const dependency of ['redis', 'store', 'exports']) {
      expect(sample(text, `carevoice_scrape_dependency_up{dependency="${dependency}"}`), dependency).toBe(1);
    }
    // Registries are per process object: prom-client's global one stays empty.
    expect(await globalRegistry.metrics()).not.toContain('carevoice_');
  });

  it('reports a dependency that cannot be read as down, and still answers', async () => {
    const metrics = createPipelineMetrics({ processMetrics: false });
    const closed = await openTempStore();
    await closed.cleanup(); // a store that can no longer be read
    registerStoreGauges(metrics, { store: closed.store, sources: ['sample'], exportDir: `${temp.dir}/none` });
    app = await buildApi({
      store: temp.store,
      logger: quietLogger(),
      readiness: [],
      status: async () => Promise.reject(new Error('not used here')),
      metrics: metrics.registry,
    });
    const text = (await app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(sample(text, 'carevoice_scrape_dependency_up{dependency="store"}')).toBe(0);
    expect(sample(text, 'carevoice_scrape_dependency_up{dependency="exports"}')).toBe(1); // no export yet is not an error
    expect(text).not.toMatch(/^carevoice_latest_export_age_seconds\{/m);
  });

  it('is absent when the API has no registry', async () => {
    app = await buildApi({
      store: temp.store,
      logger: quietLogger(),
      readiness: [],
      status: async () => Promise.reject(new Error('not used here')),
    });
    expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
  });
});
