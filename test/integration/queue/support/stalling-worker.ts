/**
 * A worker process that takes one `process` job and never finishes it, so a test can kill it with
 * SIGKILL mid-job. Reads REDIS_URL and CAREVOICE_TEST_PREFIX; prints `STARTED <jobId>` when the job runs.
 */
import { createWorkerConnection } from '../../../../src/queue/connections.js';
import { createStageRegistry } from '../../../../src/queue/registry.js';
import { startStageRunner } from '../../../../src/queue/stage-runner.js';
import { handlersWith, quietLogger } from './redis-kit.js';

const prefix = process.env['CAREVOICE_TEST_PREFIX'];
if (!prefix) throw new Error('CAREVOICE_TEST_PREFIX is required');
const connection = createWorkerConnection({ name: `${prefix}:stalling-worker` });
await startStageRunner({
  connection,
  prefix,
  registry: createStageRegistry(
    handlersWith({
      process: async (_payload, helpers) => {
        process.stdout.write(`STARTED ${helpers.jobId}\n`);
        await new Promise(() => {});
      },
    }),
  ),
  sources: [],
  stages: ['process'],
  logger: quietLogger(),
  lockDurationMs: 1500,
  stalledIntervalMs: 500,
});
