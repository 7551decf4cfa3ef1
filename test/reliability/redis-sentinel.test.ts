import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliWorkspace, createCliWorkspace } from '../integration/cli/support/cli-workspace.js';
import { eventually } from '../integration/queue/support/redis-kit.js';
import { type RunningSentinel, type RunningSentinels, startSentinels } from '../support/redis-sentinel.js';
import { type ReplicatedRedis, startReplicatedRedis } from '../support/replicated-redis.js';
import { expectRunning, killStillRunning, type NodeCli, stopAll } from './support/node-cli.js';
import { timedCase } from './support/outcomes.js';
import {
  dropGoodLines,
  enqueueFrom,
  expectEachStoredOnce,
  fileCollect,
  firstStored,
  SMALL_BATCHES,
  startFileWorker,
  storedCount,
  writeConfig,
} from './support/pipeline-harness.js';

/**
 * A Redis failover that Sentinel carries out, with the worker finding the new primary itself: a
 * worker given a redis+sentinel:// URL listing three sentinels, its primary and the first sentinel
 * it would ask killed mid-run, the other two promoting the replica. Nobody restarts the worker or
 * tells it where the new primary is.
 */

const COMMENTS = 3000;

let ws: CliWorkspace;
let servers: ReplicatedRedis | undefined;
let sentinels: RunningSentinels | undefined;
const started: NodeCli[] = [];

beforeAll(async () => {
  ws = await createCliWorkspace();
});
afterAll(async () => {
  await killStillRunning(started);
  await sentinels?.stop();
  await servers?.close();
  await ws.cleanup();
});

describe('a Redis failover behind Sentinel', () => {
  it('the primary and a sentinel killed mid-run, the replica promoted by the others: the same worker goes on, every comment stored once', async () => {
    await timedCase(
      'Redis failover behind Sentinel',
      `${COMMENTS} comments in pages and batches of 50, SQLite store; a primary, a replica and three sentinels (down after 1 s without an answer, quorum 2); redis.waitForReplicas 1; one worker on REDIS_URL=redis+sentinel:// listing the three; the primary and the first sentinel listed killed with SIGKILL once some are stored; a new replica of the promoted one started, as Sentinel makes the old primary one when its host is back; the worker is not restarted`,
      async () => {
        servers = await startReplicatedRedis();
        const { primary, replica: promoted } = servers;
        sentinels = await startSentinels(3, { primaryPort: primary.port });
        const [firstListed, survivor] = sentinels.sentinels as [RunningSentinel, RunningSentinel];
        const configPath = await writeConfig(ws, {
          queue: SMALL_BATCHES,
          redis: { waitForReplicas: 1, replicaWaitMs: 300 },
          sources: { file: { pageSize: 50 } },
        });
        await dropGoodLines(ws, 'sentinel', COMMENTS);
        const worker = startFileWorker(ws, configPath, started, { REDIS_URL: sentinels.url });
        await worker.waitForStderr('"msg":"started"', 45_000);
        await enqueueFrom(primary.url, ws.prefix, 'collect', [fileCollect('sentinel')]);
        await firstStored(ws.sqlitePath, [worker]);

        await Promise.all([primary.crash(), firstListed.crash()]);
        const killedAt = Date.now();
        const atKill = await storedCount(ws.sqlitePath);
        await eventually(
          async () => (await survivor.primaryPort()) === promoted.port,
          'the sentinel promoting the replica',
          30_000,
        );
        const promotedAfterMs = Date.now() - killedAt;
        // With no replica, every collect job would fall short of redis.waitForReplicas and retry.
        await servers.addReplica(promoted);

        const stored = await expectEachStoredOnce(promoted.url, ws.prefix, ws.sqlitePath, 'sentinel', COMMENTS, [
          worker,
        ]);
        const drainedAfterMs = Date.now() - killedAt;
        expectRunning(worker);
        expect(atKill).toBeLessThan(COMMENTS);
        await stopAll([worker]);
        return `${atKill} stored when the primary and the first sentinel were killed; the two sentinels left had promoted the replica ${(promotedAfterMs / 1000).toFixed(1)} s later; the same worker found it and went on: ${stored}/${COMMENTS} stored ${(drainedAfterMs / 1000).toFixed(1)} s after the kill, 0 missing, 0 repeated, 0 failed jobs`;
      },
    );
  });
});
