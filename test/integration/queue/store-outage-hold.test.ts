import type { Job } from 'bullmq';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StageHandlers } from '../../../src/pipeline/stage.js';
import { enqueueStageJobs } from '../../../src/queue/enqueue.js';
import { createStageRegistry } from '../../../src/queue/registry.js';
import { type StageRunner, type StageRunnerOptions, startStageRunner } from '../../../src/queue/stage-runner.js';
import { capturingLogger, createRedisKit, eventually, handlersWith, type RedisKit } from './support/redis-kit.js';

/**
 * The store's side is a switch here (the probe and the handlers read it), so that every step of a
 * hold can be watched; the reliability suite's "PostgreSQL unreachable mid-run" case cuts a real
 * PostgreSQL under a real worker.
 */

let kit: RedisKit;
let runner: StageRunner | undefined;

beforeEach(() => {
  kit = createRedisKit();
  runner = undefined;
});
afterEach(async () => {
  await runner?.close();
  await kit.cleanup();
});

/** One attempt per job: any attempt spent on the outage would fail its job for good. */
async function start(
  handlers: StageHandlers,
  probe: () => Promise<void>,
  options: Partial<StageRunnerOptions> = {},
): Promise<{ runner: StageRunner; lines: Record<string, unknown>[] }> {
  const { logger, lines } = capturingLogger();
  runner = await startStageRunner({
    connection: kit.connection,
    prefix: kit.prefix,
    registry: createStageRegistry(handlers),
    sources: ['alpha'],
    logger,
    attempts: 1,
    store: { ping: () => probe() },
    storeOutage: { probeTimeoutMs: 200, firstRecheckMs: 100, maxRecheckMs: 400 },
    ...options,
  });
  return { runner, lines };
}

class StoreSwitch {
  down = false;
  probes = 0;
  readonly probe = async (): Promise<void> => {
    this.probes++;
    if (this.down) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
  };
  /** What a store write does: fail while the store is down. */
  write(): void {
    if (this.down) throw new Error('Connection terminated unexpectedly');
  }
}

const processJob = (id: string) => ({
  id,
  payload: { source: 'alpha', batchId: id, comments: [{ externalId: `${id}-c` }] },
});
const collectJob = (id: string) => ({
  id,
  source: 'alpha',
  payload: { source: 'alpha', cursor: null, pageNumber: 0, runId: id },
});

async function jobIn(r: StageRunner, queue: string, id: string): Promise<Job> {
  const job = await r.queues.get(queue).getJob(id);
  if (!job) throw new Error(`no job ${id} in ${queue}`);
  return job;
}

async function eventuallyIn(r: StageRunner, queue: string, id: string, state: string): Promise<Job> {
  await eventually(async () => (await (await jobIn(r, queue, id)).getState()) === state, `${id} ${state}`);
  return jobIn(r, queue, id);
}

const codes = (lines: Record<string, unknown>[], code: string) => lines.filter((line) => line['code'] === code);
const handedBack = (lines: Record<string, unknown>[]) =>
  lines.filter((line) => line['msg'] === 'store unreachable; job handed back unspent');

describe('store outage hold', () => {
  it('hands a job failing on a down store back unspent, holds every worker of the process, and resumes them once the store answers', async () => {
    const store = new StoreSwitch();
    const stored: string[] = [];
    const collected: string[] = [];
    let collectCalls = 0;
    store.down = true;
    const { runner: r, lines } = await start(
      handlersWith({
        process: async (payload) => {
          store.write();
          stored.push(payload.batchId);
        },
        collect: async (payload) => {
          collectCalls++;
          store.write();
          collected.push(payload.runId);
        },
      }),
      store.probe,
    );
    await enqueueStageJobs(r.queues, 'process', [processJob('p-1')]);
    await eventually(() => codes(lines, 'store_unreachable').length === 1, 'the hold to start');
    // Handed back, not failed: its one attempt is still unspent.
    await eventually(() => handedBack(lines).length === 1, 'p-1 handed back');
    const job = await jobIn(r, 'process', 'p-1');
    expect(['delayed', 'waiting']).toContain(await job.getState());
    expect([job.attemptsMade, job.attemptsStarted]).toEqual([0, 1]);
    // Every worker of the process holds, the collect worker too: it shares the store.
    expect(r.workers.map(({ worker }) => worker.isPaused())).toEqual(r.workers.map(() => true));
    await enqueueStageJobs(r.queues, 'collect', [collectJob('c-1')]);
    const probesBefore = store.probes;
    await new Promise((resolve) => setTimeout(resolve, 600));
    // A held worker takes at most the one job its fetch already had under way (BullMQ's pause does
    // not cancel a blocking fetch), and hands that back unspent too.
    expect(collectCalls).toBeLessThanOrEqual(1);
    expect(collected).toEqual([]);
    expect(handedBack(lines)).toHaveLength(1 + collectCalls);
    expect((await jobIn(r, 'collect-alpha', 'c-1')).attemptsMade).toBe(0);
    expect(store.probes).toBeGreaterThan(probesBefore);

    store.down = false;
    await eventuallyIn(r, 'process', 'p-1', 'completed');
    await eventuallyIn(r, 'collect-alpha', 'c-1', 'completed');
    expect(stored).toEqual(['p-1']);
    expect(collected).toEqual(['c-1']);
    expect(codes(lines, 'store_answers')).toHaveLength(1);
    expect(r.workers.every(({ worker }) => !worker.isPaused())).toBe(true);
    expect(lines.filter((line) => line['msg'] === 'job attempt failed')).toEqual([]);
  });

  it('lets a failure the store answers right after spend its attempt, as before', async () => {
    const store = new StoreSwitch();
    const { runner: r, lines } = await start(
      handlersWith({
        process: async () => {
          throw new Error('duplicate key value violates unique constraint');
        },
      }),
      store.probe,
    );
    await enqueueStageJobs(r.queues, 'process', [processJob('p-1')]);
    const job = await eventuallyIn(r, 'process', 'p-1', 'failed');
    expect(job.failedReason).toContain('duplicate key');
    expect(store.probes).toBe(1);
    expect(codes(lines, 'store_unreachable')).toEqual([]);
    expect(r.workers.every(({ worker }) => !worker.isPaused())).toBe(true);
  });

  it('takes a probe that does not answer in time for a store that is down', async () => {
    let silent = true;
    const { runner: r, lines } = await start(
      handlersWith({
        process: async () => {
          if (silent) throw new Error('Query read timeout');
        },
      }),
      // A silent network: a probe neither answers nor fails.
      () => (silent ? new Promise<void>(() => undefined) : Promise.resolve()),
    );
    const started = Date.now();
    await enqueueStageJobs(r.queues, 'process', [processJob('p-1')]);
    await eventually(() => codes(lines, 'store_unreachable').length === 1, 'the hold to start');
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    expect(String((codes(lines, 'store_unreachable')[0]?.['err'] as { message?: string })?.message)).toContain(
      'did not answer a probe within 200 ms',
    );
    silent = false;
    await eventuallyIn(r, 'process', 'p-1', 'completed');
  });

  it('spends the attempt of a job handed back too often, should it be what takes the store down', async () => {
    let down = false;
    const { runner: r, lines } = await start(
      handlersWith({
        process: async () => {
          down = true;
          throw new Error('server closed the connection unexpectedly');
        },
      }),
      // Down when the job has just run, up again by the next probe: a store this job knocks over.
      async () => {
        const wasDown = down;
        down = false;
        if (wasDown) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
      },
      { storeOutage: { probeTimeoutMs: 200, firstRecheckMs: 50, maxRecheckMs: 50, maxHandBacks: 2 } },
    );
    await enqueueStageJobs(r.queues, 'process', [processJob('p-1')]);
    const job = await eventuallyIn(r, 'process', 'p-1', 'failed');
    expect(handedBack(lines)).toHaveLength(2);
    expect(lines.filter((line) => line['msg'] === 'job not handed back; its attempt counts')).toHaveLength(1);
    expect(job.failedReason).toContain('server closed the connection unexpectedly');
    expect([job.attemptsMade, job.attemptsStarted, job.data['storeHandBacks']]).toEqual([1, 3, 2]);
  });

  it('does not resume workers closed during a hold', async () => {
    const store = new StoreSwitch();
    const stored: string[] = [];
    store.down = true;
    const { runner: r } = await start(
      handlersWith({
        process: async (payload) => {
          store.write();
          stored.push(payload.batchId);
        },
      }),
      store.probe,
      // Held back long enough to see it delayed before it is promoted.
      { storeOutage: { probeTimeoutMs: 200, firstRecheckMs: 2000, maxRecheckMs: 4000 } },
    );
    await enqueueStageJobs(r.queues, 'process', [processJob('p-1')]);
    await eventuallyIn(r, 'process', 'p-1', 'delayed');
    await eventually(() => r.workers.every(({ worker }) => worker.isPaused()), 'workers held');
    await r.close();
    store.down = false;
    const probesAtClose = store.probes;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(store.probes).toBe(probesAtClose);
    expect(r.workers.every(({ worker }) => !worker.isRunning())).toBe(true);
    expect(stored).toEqual([]);
  });
});
