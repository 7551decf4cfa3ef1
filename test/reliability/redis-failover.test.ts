import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningRedisServer } from '../../src/queue/redis-server-process.js';
import { type CliWorkspace, createCliWorkspace } from '../integration/cli/support/cli-workspace.js';
import { eventually } from '../integration/queue/support/redis-kit.js';
import { type ReplicatedRedis, startReplicatedRedis } from '../support/replicated-redis.js';
import { killStillRunning, type NodeCli, startNodeCli, stderrLinesWith, stopAll } from './support/node-cli.js';
import { timedCase } from './support/outcomes.js';
import {
  dropGoodLines,
  enqueueFrom,
  expectEachStoredOnce,
  fileCollect,
  fileSourceEnv,
  SMALL_BATCHES,
  startFileWorker,
  storedCount,
  writeConfig,
} from './support/pipeline-harness.js';

/**
 * A Redis failover that loses what the primary acknowledged last: a primary and a replica (private
 * redis-server processes, neither keeping an append-only file, so the replica is the only copy)
 * that replicates through a proxy. The proxy stops passing bytes as a collect run starts, the run
 * goes on at the primary, the primary is killed and the proxy closed with what it held back, so
 * the replica never sees the primary's last writes; the replica is promoted, a new replica of it
 * started, and a new worker started on it. A collect job moves its source's
 * cursor in the store once its page's process jobs are added; with `redis.waitForReplicas` it waits
 * until the replica has them first, so the cursor never moves past jobs the replica lacks.
 */

const COMMENTS = 3000;
/** How long the run goes on at the primary while the replica is cut off, before the crash. */
const AHEAD_MS = 1500;

let ws: CliWorkspace;
let servers: ReplicatedRedis | undefined;
const started: NodeCli[] = [];

beforeAll(async () => {
  ws = await createCliWorkspace();
});
afterAll(async () => {
  await killStillRunning(started);
  await servers?.close();
  await ws.cleanup();
});

async function withClient<T>(server: RunningRedisServer, work: (client: Redis) => Promise<T>): Promise<T> {
  const client = new Redis(server.url, { maxRetriesPerRequest: 1 });
  try {
    return await work(client);
  } finally {
    client.disconnect();
  }
}

describe('a Redis failover', () => {
  it('the primary killed while its replica lags, the replica promoted: every comment stored once', async () => {
    await timedCase(
      'Redis failover',
      `${COMMENTS} comments in pages of 50 and batches of 50, SQLite store; a primary and a replica (no append-only files); redis.waitForReplicas 1; a collect-only worker on the primary; the replica cut off from the primary (a proxy on the replication link stops passing bytes) as the collect run starts, the primary killed with SIGKILL ${AHEAD_MS / 1000} s later and the held-back bytes dropped, the replica promoted (REPLICAOF NO ONE), a new replica of it started, and a new worker started on it`,
      async () => {
        servers = await startReplicatedRedis();
        const { primary, link, replica: promoted } = servers;
        const configPath = await writeConfig(ws, {
          queue: SMALL_BATCHES,
          redis: { waitForReplicas: 1, replicaWaitMs: 300 },
          sources: { file: { pageSize: 50 } },
        });
        await dropGoodLines(ws, 'failover', COMMENTS);
        // Collect only, as the container stack runs it: the page's process jobs wait in Redis.
        const first = startNodeCli(
          ['worker', 'collect'],
          ws.dir,
          fileSourceEnv(ws, configPath, { REDIS_URL: primary.url }),
        );
        started.push(first);
        await first.waitForStderr('"msg":"started"', 45_000);
        await enqueueFrom(primary.url, ws.prefix, 'collect', [fileCollect('failover')]);
        // The run's first job on the replica too, then nothing more reaches it.
        const firstJobKey = `${ws.prefix}:collect-file:${fileCollect('failover').id}`;
        await withClient(promoted, (client) =>
          eventually(async () => (await client.exists(firstJobKey)) === 1, 'the first collect job on the replica'),
        );
        link.cut('silent');
        // The run goes on at the primary for a while, and its first page falls short of the replica.
        await Promise.all([
          new Promise((resolve) => setTimeout(resolve, AHEAD_MS)),
          first.waitForStderr('redis_replication_shortfall', 15_000),
        ]);
        await primary.crash();
        first.child.kill('SIGKILL');
        await first.exited;
        const atCrash = await storedCount(ws.sqlitePath);
        // What the proxy held back goes with it: the replica has only what it had at the cut.
        await link.close();
        await withClient(promoted, (client) => client.call('REPLICAOF', 'NO', 'ONE'));
        // With fewer replicas than asked for, every collect job falls short and waits for its retry:
        // a replica rejoins, as Sentinel turns the old primary into one when its host is back.
        await servers.addReplica(promoted);

        const second = startFileWorker(ws, configPath, started, { REDIS_URL: promoted.url });
        const stored = await expectEachStoredOnce(promoted.url, ws.prefix, ws.sqlitePath, 'failover', COMMENTS, [
          second,
        ]);
        // The cut was felt: collect attempts fell short of the replica and ran again.
        const shortfalls = stderrLinesWith(first, 'redis_replication_shortfall');
        expect(shortfalls.length).toBeGreaterThan(0);
        await stopAll([second]);
        return `${atCrash} stored when the primary was killed; ${shortfalls.length} collect attempt(s) at the primary fell short of the replica and ran again; on the promoted replica a new worker went on: ${stored}/${COMMENTS} stored, 0 missing, 0 repeated, 0 failed jobs`;
      },
    );
  });
});
