import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliWorkspace, createCliWorkspace, TEST_REDIS_URL } from '../integration/cli/support/cli-workspace.js';
import { eventually } from '../integration/queue/support/redis-kit.js';
import { type CuttableProxy, startCuttableProxy } from '../support/cuttable-proxy.js';
import { expectRunning, killStillRunning, type NodeCli, stopAll } from './support/node-cli.js';
import { timedCase } from './support/outcomes.js';
import {
  activeProcessJobs,
  dropGoodLines,
  enqueueFrom,
  expectEachStoredOnce,
  fileCollect,
  firstStored,
  SMALL_BATCHES,
  startFileWorker,
  storedCount,
  unfinishedOf,
  writeConfig,
} from './support/pipeline-harness.js';
import { createPostgresSchema, type PostgresSchema } from './support/postgres-schema.js';

/**
 * A network partition: one worker cut off from Redis in the middle of a batch while another still
 * reaches it. The cut worker's locks expire, the other worker takes its batches over, and when the
 * cut heals the first worker's late commands (a lock renewal, a job completion) reach Redis after
 * the batch has been run elsewhere.
 */

const COMMENTS = 3000;
/** Longer than the lock (FAST_STALL: 1.5 s) and the stalled check after it (0.5 s). */
const PARTITION_MS = 4000;

let ws: CliWorkspace;
let pgSchema: PostgresSchema;
let proxy: CuttableProxy;
const started: NodeCli[] = [];

beforeAll(async () => {
  ws = await createCliWorkspace();
  pgSchema = await createPostgresSchema();
  proxy = await startCuttableProxy(TEST_REDIS_URL);
});
afterAll(async () => {
  await killStillRunning(started);
  await proxy.close();
  await ws.cleanup();
  await pgSchema.drop();
});

const worker = (configPath: string, redisUrl: string): NodeCli =>
  startFileWorker(ws, configPath, started, { REDIS_URL: redisUrl, DATABASE_URL: pgSchema.databaseUrl });

describe('a worker cut off from Redis', () => {
  it('mid-batch, while another worker still reaches Redis: every comment stored once, no job failed', async () => {
    await timedCase(
      'worker partitioned from Redis',
      `${COMMENTS} comments in batches of 50, PostgreSQL store; the first worker reaches Redis through a proxy that stops passing bytes either way (nothing closed) while it has a batch active; a second worker, connected directly, is started; the cut heals after ${PARTITION_MS / 1000} s`,
      async () => {
        const configPath = await writeConfig(ws, { queue: SMALL_BATCHES });
        await dropGoodLines(ws, 'partition', COMMENTS);
        const cutOff = worker(configPath, proxy.through(TEST_REDIS_URL));
        await cutOff.waitForStderr('"msg":"started"', 45_000);
        await enqueueFrom(TEST_REDIS_URL, ws.prefix, 'collect', [fileCollect('partition')]);
        await firstStored(pgSchema.storeOptions, [cutOff]);
        // Cut while the first worker, the only one yet, holds a batch: read back after the cut, so a
        // completion in flight when it fell is not taken for a batch cut short.
        let cutShort: string[] = [];
        for (let attempt = 0; cutShort.length === 0; attempt++) {
          if (attempt > 0) {
            proxy.heal();
            await new Promise((resolve) => setTimeout(resolve, 100 + 50 * attempt));
          }
          if (attempt === 50) throw new Error('the first worker never held a batch when the cut fell');
          proxy.cut();
          await new Promise((resolve) => setTimeout(resolve, 200));
          cutShort = await activeProcessJobs(TEST_REDIS_URL, ws.prefix);
        }
        const atCut = await storedCount(pgSchema.storeOptions);
        const cutAt = Date.now();
        const direct = worker(configPath, TEST_REDIS_URL);
        await direct.waitForStderr('"msg":"started"', 45_000);
        await eventually(
          async () => {
            expectRunning(direct);
            return (await unfinishedOf(TEST_REDIS_URL, ws.prefix, cutShort)).length === 0;
          },
          'the batches cut short completed by the second worker',
          30_000,
        );
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, PARTITION_MS - (Date.now() - cutAt))));
        proxy.heal();

        const stored = await expectEachStoredOnce(
          TEST_REDIS_URL,
          ws.prefix,
          pgSchema.storeOptions,
          'partition',
          COMMENTS,
          [cutOff, direct],
        );
        // The second worker found the cut worker's batches stalled and ran them again.
        for (const jobId of cutShort) expect(direct.stderr()).toContain(`"jobId":"${jobId}","msg":"job stalled`);
        // The cut worker's late word on them, once its bytes flowed again, was refused: the lock was no longer its.
        const refused = cutShort.filter((jobId) => cutOff.stderr().includes(`Missing lock for job ${jobId}.`));
        expect(refused).toEqual(cutShort);
        // Both workers go on once the cut heals.
        expect(cutOff.child.exitCode).toBeNull();
        expect(direct.child.exitCode).toBeNull();
        await stopAll([cutOff, direct]);
        return `${atCut} stored when the cut fell, ${cutShort.length} batch(es) held by the cut worker; the second worker found them stalled and completed them; after the cut healed, Redis refused the cut worker's late completion of ${refused.length} of them (missing lock); ${stored}/${COMMENTS} stored, 0 missing, 0 repeated, 0 failed jobs, both workers still running`;
      },
    );
  });
});
