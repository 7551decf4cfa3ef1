import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connector, FetchedPage } from '../../../src/connectors/connector.js';
import { createCollectStage } from '../../../src/pipeline/collect/collect-stage.js';
import type { StageHandler } from '../../../src/pipeline/stage.js';
import type { BackpressureOptions } from '../../../src/queue/backpressure-gate.js';
import { enqueueStageJobs } from '../../../src/queue/enqueue.js';
import { processBacklogJobs } from '../../../src/queue/process-backlog.js';
import { createStageRegistry } from '../../../src/queue/registry.js';
import { type StageRunner, startStageRunner } from '../../../src/queue/stage-runner.js';
import { AUTHOR_KEY, maskEmails, openTempStore, type TempStore } from '../pipeline/support/pipeline-fixtures.js';
import { capturingLogger, createRedisKit, eventually, handlersWith, type RedisKit } from './support/redis-kit.js';

const PAGES = 15;
const ITEMS_PER_PAGE = 20;
const BATCH = 5;
/** Process jobs one collected page adds. */
const JOBS_PER_PAGE = ITEMS_PER_PAGE / BATCH;
const GATE: BackpressureOptions = { enabled: true, highWaterJobs: 8, lowWaterJobs: 3, checkIntervalMs: 100 };

/** A source of PAGES pages of ITEMS_PER_PAGE distinct comments; the cursor is the page number. */
const pagedSource: Connector = {
  id: 'alpha',
  async fetchPage(cursor): Promise<FetchedPage> {
    const page = cursor === null ? 0 : Number(cursor);
    return {
      url: `https://example.org/alpha?page=${page}`,
      fetchedAt: '2024-05-02T09:00:00.000Z',
      contentHash: createHash('sha256').update(`alpha-page-${page}`).digest('hex'),
      items: Array.from({ length: ITEMS_PER_PAGE }, (_, i) => ({
        ok: true as const,
        item: { externalId: `c-${page}-${i}`, text: `comment ${i} of page ${page} about waiting` },
      })),
      nextCursor: page + 1 < PAGES ? String(page + 1) : null,
    };
  },
};

let kit: RedisKit;
let temp: TempStore;
let runner: StageRunner | undefined;

beforeEach(async () => {
  kit = createRedisKit();
  temp = await openTempStore();
  runner = undefined;
});
afterEach(async () => {
  await runner?.close();
  await kit.cleanup();
  await temp.cleanup();
});

/**
 * Runs the real collect stage over the paged source with a slow process handler, sampling the
 * process backlog every 10 ms; returns how often each comment was processed and the largest backlog.
 */
async function collectAll(backpressure: Partial<BackpressureOptions>) {
  const seen = new Map<string, number>();
  const slowProcess: StageHandler<'process'> = async (payload) => {
    await new Promise((resolve) => setTimeout(resolve, 25));
    for (const c of payload.comments as { externalId: string }[])
      seen.set(c.externalId, (seen.get(c.externalId) ?? 0) + 1);
  };
  const collect = createCollectStage({
    store: temp.store,
    connectors: new Map([['alpha', pagedSource]]),
    redact: maskEmails,
    authorHashKey: AUTHOR_KEY,
    clock: () => new Date('2024-05-02T09:00:05.000Z'),
    options: { batchSize: BATCH, maxTextLength: 20_000, maxPages: PAGES + 1, maxPagesBySource: {} },
  });
  const { logger, lines } = capturingLogger();
  runner = await startStageRunner({
    connection: kit.connection,
    prefix: kit.prefix,
    registry: createStageRegistry(handlersWith({ collect, process: slowProcess })),
    sources: ['alpha'],
    stages: ['collect', 'process'],
    concurrency: { collect: 1, process: 1 },
    limiters: { alpha: { max: 1000, duration: 1000 } },
    logger,
    backpressure,
  });
  const processQueue = runner.queues.get('process');
  const collectQueue = runner.queues.get('collect-alpha');
  let maxBacklog = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      maxBacklog = Math.max(maxBacklog, await processBacklogJobs(processQueue));
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  await enqueueStageJobs(runner.queues, 'collect', [
    {
      id: 'collect-alpha-run1-0',
      source: 'alpha',
      payload: { source: 'alpha', cursor: null, pageNumber: 0, runId: 'run1' },
    },
  ]);
  await eventually(() => seen.size === PAGES * ITEMS_PER_PAGE, 'every comment processed', 30_000);
  await eventually(
    async () => (await collectQueue.getJobCountByTypes('waiting', 'active', 'delayed')) === 0,
    'collect queue drained',
  );
  sampling = false;
  await sampler;
  const failed = (await collectQueue.getJobCountByTypes('failed')) + (await processQueue.getJobCountByTypes('failed'));
  const messages = lines.map((line) => line['msg']);
  return { seen, maxBacklog, failed, messages };
}

describe('collect backpressure', () => {
  it('keeps the process backlog within high-water plus one page, and loses or doubles nothing', async () => {
    const { seen, maxBacklog, failed, messages } = await collectAll(GATE);
    expect(maxBacklog).toBeLessThanOrEqual(GATE.highWaterJobs + JOBS_PER_PAGE);
    // Collect really did hold off and resume, rather than the process worker simply keeping up.
    expect(messages).toContain('process backlog at high-water; collect holds off');
    expect(messages).toContain('process backlog at low-water; collect resumes');
    expect(seen.size).toBe(PAGES * ITEMS_PER_PAGE);
    expect([...seen.values()].every((count) => count === 1)).toBe(true);
    expect(failed).toBe(0);
    // The page cursor reached the end only once every page was collected.
    expect(await temp.store.getCursor('alpha', 'page')).toBe(String(PAGES - 1));
  }, 40_000);

  it('lets the backlog run past the mark when switched off (the bound above is the gate’s doing)', async () => {
    const { seen, maxBacklog, failed } = await collectAll({ ...GATE, enabled: false });
    expect(maxBacklog).toBeGreaterThan(GATE.highWaterJobs + JOBS_PER_PAGE);
    expect(seen.size).toBe(PAGES * ITEMS_PER_PAGE);
    expect(failed).toBe(0);
  }, 40_000);
});
