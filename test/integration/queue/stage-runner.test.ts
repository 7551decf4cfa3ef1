import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type StageHandlers, UnrecoverableStageError } from '../../../src/pipeline/stage.js';
import { enqueueStageJobs } from '../../../src/queue/enqueue.js';
import { InvalidEnqueueError } from '../../../src/queue/errors/invalid-enqueue-error.js';
import { createStageRegistry } from '../../../src/queue/registry.js';
import { type StageRunner, type StageRunnerOptions, startStageRunner } from '../../../src/queue/stage-runner.js';
import { queueDepths } from '../../../src/queue/status.js';
import {
  capturingLogger,
  createRedisKit,
  eventually,
  handlersWith,
  quietLogger,
  type RedisKit,
} from './support/redis-kit.js';

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

async function start(handlers: StageHandlers, options: Partial<StageRunnerOptions> = {}): Promise<StageRunner> {
  runner = await startStageRunner({
    connection: kit.connection,
    prefix: kit.prefix,
    registry: createStageRegistry(handlers),
    sources: ['alpha'],
    logger: quietLogger(),
    backoffDelayMs: 20,
    ...options,
  });
  return runner;
}

const comment = (id: string) => ({ externalId: id });

/** Names of the connections under this test's prefix (CLIENT LIST). */
async function clientNames(): Promise<string[]> {
  const list = (await kit.connection.call('CLIENT', 'LIST')) as string;
  return list
    .split('\n')
    .map((line) => /(?:^| )name=(\S*)/.exec(line)?.[1] ?? '')
    .filter((name) => name.startsWith(kit.prefix));
}

describe('stage runner', () => {
  it('gives replicated hand-overs a connection of their own where collect runs, warns of missing replicas, and closes it', async () => {
    const { logger, lines } = capturingLogger();
    const handed: string[] = [];
    const r = await start(
      handlersWith({
        collect: async (_payload, helpers) => {
          await helpers.enqueue(
            'process',
            [{ id: 'p-replicated', payload: { source: 'alpha', batchId: 'b', comments: [comment('c')] } }],
            {
              replicated: true,
            },
          );
          handed.push('replicated');
        },
      }),
      { logger, attempts: 1, replicaWait: { replicas: 1, timeoutMs: 100 } },
    );
    // This Redis has no replicas: every replicated hand-over falls short, and the runner says so at start.
    expect(lines.some((line) => line['code'] === 'redis_replicas_short')).toBe(true);
    expect(await clientNames()).toContain(`${kit.prefix}:test-kit:replicated`);
    await enqueueStageJobs(r.queues, 'collect', [
      { id: 'c-1', source: 'alpha', payload: { source: 'alpha', cursor: null, pageNumber: 0, runId: 'r' } },
    ]);
    const job = await eventuallyFailed(r, 'collect-alpha', 'c-1');
    expect(job.failedReason).toContain('reached 0 of the 1 replica(s) asked for');
    expect(handed).toEqual([]);
    // The wait went on that connection, the last command it sent.
    const list = (await kit.connection.call('CLIENT', 'LIST')) as string;
    const line = list.split('\n').find((l) => l.includes(`name=${kit.prefix}:test-kit:replicated `));
    expect(line).toContain('cmd=wait');
    await r.close();
    runner = undefined;
    expect(await clientNames()).not.toContain(`${kit.prefix}:test-kit:replicated`);

    // A process-only runner neither opens that connection nor warns.
    const processOnly = capturingLogger();
    await start(handlersWith({}), {
      logger: processOnly.logger,
      stages: ['process'],
      replicaWait: { replicas: 1, timeoutMs: 100 },
    });
    expect(await clientNames()).not.toContain(`${kit.prefix}:test-kit:replicated`);
    expect(processOnly.lines.some((line) => line['code'] === 'redis_replicas_short')).toBe(false);
  });

  it('fails a job with an invalid payload at once, without retries', async () => {
    let calls = 0;
    const r = await start(handlersWith({ process: async () => void calls++ }), { attempts: 5 });
    // Job data comes from Redis, so a producer outside CareVoice can put anything there.
    await r.queues.get('process').add('process', { source: 'alpha', batchId: 'b1', comments: [] }, { jobId: 'bad-1' });
    const job = await eventuallyFailed(r, 'process', 'bad-1');
    expect(calls).toBe(0);
    expect(job.attemptsMade).toBe(1);
    expect(job.failedReason).toMatch(/^invalid_payload: .*comments/);
  });

  it('maps UnrecoverableStageError to a failure without retries', async () => {
    let calls = 0;
    const r = await start(
      handlersWith({
        aggregate: async () => {
          calls++;
          throw new UnrecoverableStageError('bad_period', 'period 2024-13 does not exist');
        },
      }),
      { attempts: 4 },
    );
    await enqueueStageJobs(r.queues, 'aggregate', [{ id: 'agg-1', payload: {} }]);
    const job = await eventuallyFailed(r, 'aggregate', 'agg-1');
    expect(calls).toBe(1);
    expect(job.failedReason).toBe('bad_period: period 2024-13 does not exist');
  });

  it('retries a failing job with exponential backoff, then succeeds', async () => {
    const seen: { attempt: number; at: number }[] = [];
    const r = await start(
      handlersWith({
        export: async (_payload, helpers) => {
          seen.push({ attempt: helpers.attempt, at: Date.now() });
          if (helpers.attempt < 3) throw new Error(`transient failure ${helpers.attempt}`);
          return 'written';
        },
      }),
      { attempts: 3, backoffDelayMs: 60 },
    );
    await enqueueStageJobs(r.queues, 'export', [{ id: 'export-2025-01-31', payload: { date: '2025-01-31' } }]);
    await eventually(
      async () => (await r.queues.get('export').getJob('export-2025-01-31'))?.finishedOn !== undefined,
      'export done',
    );
    const job = (await r.queues.get('export').getJob('export-2025-01-31'))!;
    expect(await job.getState()).toBe('completed');
    expect(job.returnvalue).toBe('written');
    expect(seen.map((s) => s.attempt)).toEqual([1, 2, 3]);
    // Exponential: the second wait is twice the first (60 ms, then 120 ms), never shorter.
    expect(seen[1]!.at - seen[0]!.at).toBeGreaterThanOrEqual(55);
    expect(seen[2]!.at - seen[1]!.at).toBeGreaterThanOrEqual(115);
  });

  it('runs a deterministic job id once however often it is enqueued', async () => {
    const processed: string[] = [];
    const r = await start(
      handlersWith({
        collect: async (payload, helpers) => {
          const batch = {
            source: payload.source,
            batchId: `${payload.runId}-p0`,
            comments: [comment('a'), comment('b')],
          };
          // A retried collect page enqueues the same batch again; the id makes that harmless.
          await helpers.enqueue('process', [{ id: `process-${batch.batchId}`, payload: batch }]);
          await helpers.enqueue('process', [{ id: `process-${batch.batchId}`, payload: batch }]);
        },
        process: async (payload) => void processed.push(payload.batchId),
      }),
    );
    const collectJob = { id: 'collect-alpha-r1-0', payload: { source: 'alpha', cursor: null, runId: 'r1' } };
    await enqueueStageJobs(r.queues, 'collect', [collectJob]);
    await enqueueStageJobs(r.queues, 'collect', [collectJob]);
    await eventually(() => processed.length > 0, 'batch processed');
    await eventually(
      async () => (await r.queues.get('process').getJobCounts('completed'))['completed'] === 1,
      'one process job',
    );
    expect(processed).toEqual(['r1-p0']);
    expect((await r.queues.get('collect-alpha').getJobCounts('completed'))['completed']).toBe(1);
  });

  it('refuses to enqueue a payload the stage would reject, or a job id BullMQ reserves', async () => {
    const r = await start(handlersWith({}));
    await expect(
      enqueueStageJobs(r.queues, 'export', [{ id: 'export-x', payload: { date: '31/01/2025' } }]),
    ).rejects.toThrow(InvalidEnqueueError);
    await expect(
      enqueueStageJobs(r.queues, 'export', [{ id: 'export:2025', payload: { date: '2025-01-31' } }]),
    ).rejects.toThrow(/contains ':'/);
    await expect(
      enqueueStageJobs(r.queues, 'collect', [
        { id: 'c1', source: 'beta', payload: { source: 'alpha', cursor: null, runId: 'r' } },
      ]),
    ).rejects.toThrow(/differs from payload source/);
  });

  it('rateLimited pauses only its own queue and hands the job back without failing it', async () => {
    const events: string[] = [];
    const starts: { attempt: number; at: number }[] = [];
    const r = await start(
      handlersWith({
        collect: async (payload, helpers) => {
          if (payload.source === 'alpha') {
            starts.push({ attempt: helpers.attempt, at: Date.now() });
            if (starts.length === 1) {
              events.push('alpha limited');
              return helpers.rateLimited(800);
            }
            events.push('alpha done');
            return;
          }
          events.push('beta done');
        },
      }),
      { sources: ['alpha', 'beta'], attempts: 1 },
    );
    let failures = 0;
    for (const { worker } of r.workers) worker.on('failed', () => void failures++);
    await enqueueStageJobs(r.queues, 'collect', [{ id: 'a1', payload: { source: 'alpha', cursor: null, runId: 'r' } }]);
    await eventually(() => events.includes('alpha limited'), 'alpha rate limited');
    await enqueueStageJobs(r.queues, 'collect', [{ id: 'b1', payload: { source: 'beta', cursor: null, runId: 'r' } }]);
    await eventually(() => events.includes('alpha done'), 'alpha retried after the pause');
    // beta ran while alpha's queue was paused; alpha's job ran again after the pause, still on attempt 1
    // (with attempts: 1, a counted failure would have failed it for good).
    expect(events).toEqual(['alpha limited', 'beta done', 'alpha done']);
    expect(starts.map((s) => s.attempt)).toEqual([1, 1]);
    expect(starts[1]!.at - starts[0]!.at).toBeGreaterThanOrEqual(700);
    expect(failures).toBe(0);
    expect(await (await r.queues.get('collect-alpha').getJob('a1'))!.getState()).toBe('completed');
  });

  it('logs job id, stage, source and batch size on every line of a job', async () => {
    const { logger, lines } = capturingLogger();
    const r = await start(
      handlersWith({
        process: async (_payload, helpers) => {
          helpers.log.info('scoring batch');
        },
      }),
      { logger },
    );
    await enqueueStageJobs(r.queues, 'process', [
      { id: 'p-1', payload: { source: 'alpha', batchId: 'b', comments: [comment('1'), comment('2'), comment('3')] } },
    ]);
    await eventually(() => lines.some((l) => l['msg'] === 'job completed'), 'job completed line');
    const jobLines = lines.filter((l) => l['jobId'] === 'p-1');
    expect(jobLines.map((l) => l['msg'])).toEqual(
      expect.arrayContaining(['job started', 'scoring batch', 'job completed']),
    );
    for (const line of jobLines)
      expect(line).toMatchObject({ jobId: 'p-1', stage: 'process', source: 'alpha', batchSize: 3 });
  });

  it('reports queue depths for every queue', async () => {
    const r = await start(handlersWith({}), { sources: ['alpha'], stages: ['collect'] });
    await enqueueStageJobs(r.queues, 'process', [
      { id: 'p-1', payload: { source: 'alpha', batchId: 'b', comments: [comment('1')] } },
      { id: 'p-2', payload: { source: 'alpha', batchId: 'c', comments: [comment('2')] }, delayMs: 60_000 },
    ]);
    const depths = await queueDepths({ connection: kit.connection, prefix: kit.prefix, sources: ['alpha', 'gamma'] });
    expect(depths.map((d) => d.name)).toEqual([
      'collect-alpha',
      'collect-gamma',
      'process',
      'aggregate',
      'export',
      'alert',
    ]);
    expect(depths.find((d) => d.name === 'process')).toEqual({
      name: 'process',
      waiting: 1,
      active: 0,
      delayed: 1,
      failed: 0,
      completed: 0,
    });
  });
});

async function eventuallyFailed(r: StageRunner, queue: string, id: string) {
  await eventually(async () => (await (await r.queues.get(queue).getJob(id))?.getState()) === 'failed', `${id} failed`);
  return (await r.queues.get(queue).getJob(id))!;
}
