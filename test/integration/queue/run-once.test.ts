import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StageHandlers } from '../../../src/pipeline/stage.js';
import { RunOnceTimeoutError, type RunSummary, runOnce } from '../../../src/queue/run-once.js';
import type { RunProgress } from '../../../src/queue/run-tally.js';
import { createRedisKit, handlersWith, quietLogger, type RedisKit } from './support/redis-kit.js';

let kit: RedisKit;
beforeEach(() => {
  kit = createRedisKit();
});
afterEach(async () => {
  await kit.cleanup();
});

const PAGES: Record<string, number[]> = { alpha: [3, 2], beta: [4] };

/** Small real handlers: collect pages through a cursor and enqueue batches; process "stores" them. */
function pipeline(stored: string[], calls: string[]): StageHandlers {
  return handlersWith({
    collect: async (payload, helpers) => {
      const sizes = PAGES[payload.source] ?? [];
      const page = payload.cursor === null ? 0 : Number(payload.cursor);
      const comments = Array.from({ length: sizes[page] ?? 0 }, (_, i) => ({
        externalId: `${payload.source}-${page}-${i}`,
      }));
      const batchId = `${payload.runId}-${payload.source}-${page}`;
      await helpers.enqueue('process', [
        { id: `process-${batchId}`, payload: { source: payload.source, batchId, comments } },
      ]);
      if (page + 1 < sizes.length) {
        const next = {
          source: payload.source,
          cursor: String(page + 1),
          pageNumber: payload.pageNumber + 1,
          runId: payload.runId,
        };
        await helpers.enqueue('collect', [
          { id: `collect-${payload.source}-${payload.runId}-${page + 1}`, payload: next },
        ]);
      }
    },
    process: async (payload) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      for (const c of payload.comments) stored.push((c as { externalId: string }).externalId);
    },
    aggregate: async (payload) => void calls.push(`aggregate:${payload.reason}:${stored.length}`),
    export: async (payload) => void calls.push(`export:${payload.date}`),
  });
}

describe('runOnce', () => {
  it('drains every source through process, then aggregates and exports, and counts what it did', async () => {
    const stored: string[] = [];
    const calls: string[] = [];
    const progress: RunProgress[] = [];
    const summary = await runOnce({
      redisUrl: kit.url,
      prefix: kit.prefix,
      handlers: pipeline(stored, calls),
      sources: ['alpha', 'beta'],
      logger: quietLogger(),
      runId: 'r1',
      // 23:30 UTC on 30 June is already 1 July in London (BST).
      now: () => new Date('2025-06-30T23:30:00Z'),
      onProgress: (p) => progress.push(p),
      timeoutMs: 20_000,
    });
    expect(summary).toMatchObject<Partial<RunSummary>>({
      runId: 'r1',
      sources: { alpha: { pages: 2, items: 5 }, beta: { pages: 1, items: 4 } },
      processed: 9,
      failedJobs: [],
      aggregate: 'completed',
      export: 'completed',
      exportDate: '2025-07-01',
    });
    expect(stored.sort()).toHaveLength(9);
    // aggregate ran only after every batch was stored, and export after aggregate.
    expect(calls).toEqual(['aggregate:run-once:9', 'export:2025-07-01']);
    expect(progress.at(-1)).toMatchObject({ processed: 9, pages: 3, items: 9, failedJobs: 0 });
    expect(summary.durations.totalMs).toBeGreaterThanOrEqual(summary.durations.collectAndProcessMs);
  });

  it('reports failed jobs with their reasons, and skips export when aggregate fails', async () => {
    const stored: string[] = [];
    const calls: string[] = [];
    const handlers = pipeline(stored, calls);
    const summary = await runOnce({
      redisUrl: kit.url,
      prefix: kit.prefix,
      handlers: {
        ...handlers,
        process: async (payload, helpers) => {
          if (payload.source === 'beta') throw new Error(`store unavailable (attempt ${helpers.attempt})`);
          return handlers.process(payload, helpers);
        },
        aggregate: async () => {
          throw new Error('aggregate broke');
        },
      },
      sources: ['alpha', 'beta'],
      logger: quietLogger(),
      runId: 'r2',
      attempts: 2,
      backoffDelayMs: 10,
      timeoutMs: 20_000,
    });
    expect(summary.sources).toEqual({ alpha: { pages: 2, items: 5 }, beta: { pages: 1, items: 4 } });
    expect(summary.processed).toBe(5);
    expect(summary.failedJobs).toEqual([
      {
        queue: 'process',
        stage: 'process',
        jobId: 'process-r2-beta-0',
        attempts: 2,
        reason: 'store unavailable (attempt 2)',
      },
      { queue: 'aggregate', stage: 'aggregate', jobId: 'aggregate-r2', attempts: 2, reason: 'aggregate broke' },
    ]);
    expect(summary.aggregate).toBe('failed');
    expect(summary.export).toBe('skipped');
    expect(calls).toEqual([]);
  });

  it('gives up at its deadline with what it had counted, and still closes everything', async () => {
    const error = await runOnce({
      redisUrl: kit.url,
      prefix: kit.prefix,
      handlers: handlersWith({
        collect: async (payload, helpers) => {
          const batchId = `${payload.runId}-slow`;
          const comments = [{ externalId: 'x' }];
          await helpers.enqueue('process', [
            { id: `process-${batchId}`, payload: { source: payload.source, batchId, comments } },
          ]);
        },
        process: () => new Promise((resolve) => setTimeout(resolve, 1500)),
      }),
      sources: ['alpha'],
      logger: quietLogger(),
      runId: 'r3',
      timeoutMs: 400,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunOnceTimeoutError);
    expect((error as RunOnceTimeoutError).partial.sources).toEqual({ alpha: { pages: 1, items: 0 } });
    expect((error as Error).message).toMatch(/"process":1/);
  });
});
