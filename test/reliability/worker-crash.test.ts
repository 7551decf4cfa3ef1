import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliWorkspace, createCliWorkspace, TEST_REDIS_URL } from '../integration/cli/support/cli-workspace.js';
import { eventually } from '../integration/queue/support/redis-kit.js';
import { killStillRunning, type NodeCli, stopAll } from './support/node-cli.js';
import { timedCase } from './support/outcomes.js';
import {
  activeProcessJobs,
  dropGoodLines,
  enqueueFrom,
  expectEachStoredOnce,
  FAST_STALL,
  fileCollect,
  firstStored,
  SMALL_BATCHES,
  type StoreTarget,
  startFileWorker,
  unfinishedOf,
  writeConfig,
} from './support/pipeline-harness.js';
import { createPostgresSchema, type PostgresSchema } from './support/postgres-schema.js';
import { killTree } from './support/process-tree.js';

/** Worker processes that die hard (kill -9) or are asked to stop (SIGTERM) in the middle of their work. */

const COMMENTS = 3000;
const GRACE_MS = 300;
/** For the SIGTERM case: no grace at all, so the running batch is always cut short and must be finished elsewhere. */
const NO_GRACE_MS = 0;

let ws: CliWorkspace;
let pgSchema: PostgresSchema;
const started: NodeCli[] = [];

beforeAll(async () => {
  ws = await createCliWorkspace();
  pgSchema = await createPostgresSchema();
});
afterAll(async () => {
  await killStillRunning(started);
  await ws.cleanup();
  await pgSchema.drop();
});

/** The PostgreSQL store: its writes yield to the event loop, so a signal can land inside a batch. */
const pgEnv = () => ({ DATABASE_URL: pgSchema.databaseUrl });

describe('a worker process killed or stopped mid-batch', () => {
  it.each([
    { name: 'kill -9 mid-batch', store: 'SQLite' },
    { name: 'kill -9 mid-batch, PostgreSQL', store: 'PostgreSQL' },
  ] as const)('$name, then a new worker: every comment stored exactly once', async (c) => {
    // Its own prefix, inbox and store: no job id, file or comment of another case is seen.
    const caseWs = await createCliWorkspace();
    const caseConfig = await writeConfig(caseWs, { queue: { ...SMALL_BATCHES, shutdownGraceMs: GRACE_MS } });
    let caseSchema: PostgresSchema | undefined;
    try {
      caseSchema = c.store === 'PostgreSQL' ? await createPostgresSchema() : undefined;
      const target: StoreTarget = caseSchema ? caseSchema.storeOptions : caseWs.sqlitePath;
      const env: Record<string, string> = caseSchema ? { DATABASE_URL: caseSchema.databaseUrl } : {};
      const caseWorker = () => startFileWorker(caseWs, caseConfig, started, env);
      await timedCase(
        c.name,
        `${COMMENTS} comments in batches of 50, ${c.store} store; SIGKILL the worker process tree once some but not all are stored; start a second worker`,
        async () => {
          await dropGoodLines(caseWs, 'crash', COMMENTS);
          const first = caseWorker();
          await first.waitForStderr('"msg":"started"', 45_000);
          await enqueueFrom(TEST_REDIS_URL, caseWs.prefix, 'collect', [fileCollect('crash')]);
          const atKill = await firstStored(target, [first]);
          killTree(first.child.pid!);
          const killed = await first.exited;
          expect(killed.signal).toBe('SIGKILL');
          expect(atKill).toBeLessThan(COMMENTS);

          const second = caseWorker();
          await second.waitForStderr('"msg":"started"', 45_000);
          const stored = await expectEachStoredOnce(TEST_REDIS_URL, caseWs.prefix, target, 'crash', COMMENTS, [second]);
          expect(stored).toBe(COMMENTS);
          await stopAll([second]);
          return `${atKill} stored at the kill; after the restart ${stored}/${COMMENTS} stored, 0 missing, 0 repeated, 0 failed jobs`;
        },
      );
    } finally {
      // A failed case's worker still runs: stop it before its folder and schema go.
      await killStillRunning(started);
      await caseWs.cleanup();
      await caseSchema?.drop();
    }
  });

  it('SIGTERM mid-job: the worker exits within its grace period and the job completes in another worker', async () => {
    await timedCase(
      'SIGTERM mid-job',
      `${COMMENTS} comments in batches of 500, PostgreSQL store (async writes, so a batch can be caught mid-write); SIGTERM the worker while a batch is active (shutdownGraceMs ${NO_GRACE_MS}, so the batch is cut short); start a second worker`,
      async () => {
        const bigBatches = await writeConfig(
          ws,
          {
            queue: { processBatchSize: 500, concurrency: { process: 1 }, shutdownGraceMs: NO_GRACE_MS, ...FAST_STALL },
          },
          'big-batches.json',
        );
        await dropGoodLines(ws, 'term', COMMENTS);
        const first = startFileWorker(ws, bigBatches, started, pgEnv());
        await first.waitForStderr('"msg":"started"', 45_000);
        await enqueueFrom(TEST_REDIS_URL, ws.prefix, 'collect', [fileCollect('term')]);
        await eventually(
          async () => (await activeProcessJobs(TEST_REDIS_URL, ws.prefix)).length > 0,
          'a process batch is active',
          30_000,
        );
        const signalledAt = Date.now();
        first.child.kill('SIGTERM');
        const stopped = await first.exited;
        const stopMs = Date.now() - signalledAt;
        // The grace bounds the wait for running jobs; the rest is closing connections and exiting node.
        expect(stopMs, stopped.stderr).toBeLessThan(NO_GRACE_MS + 3_000);
        expect({ code: stopped.code, signal: stopped.signal }).toEqual({ code: 1, signal: null });
        // Exit code 1 because the running batch outlived the grace period: the shutdown reports it unclean.
        expect(stopped.stderr).toContain('"timedOut":["workers"');
        // Jobs still marked active after the exit are the ones the worker abandoned mid-batch.
        const interrupted = await activeProcessJobs(TEST_REDIS_URL, ws.prefix);
        expect(interrupted.length).toBeGreaterThan(0);

        const second = startFileWorker(ws, bigBatches, started, pgEnv());
        await second.waitForStderr('"msg":"started"', 45_000);
        const stored = await expectEachStoredOnce(TEST_REDIS_URL, ws.prefix, pgSchema.storeOptions, 'term', COMMENTS, [
          second,
        ]);
        expect(await unfinishedOf(TEST_REDIS_URL, ws.prefix, interrupted)).toEqual([]);
        await stopAll([second]);
        return `stopped in ${stopMs} ms (exit code ${stopped.code}, shutdown reported the workers step timed out); ${interrupted.length} batch(es) abandoned mid-run and completed by the second worker; ${stored}/${COMMENTS} stored once`;
      },
    );
  });
});
