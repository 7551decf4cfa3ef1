import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { enqueueStageJobs } from '../../../src/queue/enqueue.js';
import { createStageRegistry } from '../../../src/queue/registry.js';
import { type StageRunner, startStageRunner } from '../../../src/queue/stage-runner.js';
import { createRedisKit, eventually, handlersWith, quietLogger, type RedisKit } from './support/redis-kit.js';

let kit: RedisKit;
let runner: StageRunner | undefined;
let child: ChildProcess | undefined;
beforeEach(() => {
  kit = createRedisKit();
});
afterEach(async () => {
  child?.kill('SIGKILL');
  await runner?.close();
  await kit.cleanup();
});

it("a killed worker's job is picked up by another worker and completed once", async () => {
  const script = fileURLToPath(new URL('./support/stalling-worker.ts', import.meta.url));
  child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, REDIS_URL: kit.url, CAREVOICE_TEST_PREFIX: kit.prefix },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let childOutput = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    childOutput += chunk.toString();
  });
  const childExited = new Promise((resolve) => child!.once('exit', resolve));

  // Only the producer side here: this process's worker starts after the kill, so the child takes the job.
  const producer = await startStageRunner({
    connection: kit.connection,
    prefix: kit.prefix,
    registry: createStageRegistry(handlersWith({})),
    sources: [],
    stages: [],
    logger: quietLogger(),
  });
  await enqueueStageJobs(producer.queues, 'process', [
    { id: 'p-stall', payload: { source: 'alpha', batchId: 'b', comments: [{ externalId: '1' }] } },
  ]);
  await producer.close();
  await eventually(() => childOutput.includes('STARTED p-stall'), 'the child took the job', 20_000);
  child.kill('SIGKILL');
  await childExited;

  const completions: number[] = [];
  const stalled: string[] = [];
  runner = await startStageRunner({
    connection: kit.connection,
    prefix: kit.prefix,
    registry: createStageRegistry(
      handlersWith({ process: async (_payload, helpers) => void completions.push(helpers.attempt) }),
    ),
    sources: [],
    stages: ['process'],
    logger: quietLogger(),
    lockDurationMs: 1500,
    stalledIntervalMs: 500,
  });
  runner.workers[0]!.worker.on('stalled', (jobId) => stalled.push(jobId));
  const queue = runner.queues.get('process');
  await eventually(
    async () => (await (await queue.getJob('p-stall'))?.getState()) === 'completed',
    'job completed',
    15_000,
  );
  // Give a second stall check the chance to (wrongly) run it again.
  await new Promise((resolve) => setTimeout(resolve, 700));
  expect(stalled).toEqual(['p-stall']);
  expect(completions).toEqual([1]);
  expect(await queue.getJobCounts('completed', 'failed', 'waiting', 'active')).toEqual({
    completed: 1,
    failed: 0,
    waiting: 0,
    active: 0,
  });
});
