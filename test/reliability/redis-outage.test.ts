import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, type RunningRedisServer, startRedisServer } from '../../src/queue/redis-server-process.js';
import { type CliWorkspace, createCliWorkspace } from '../integration/cli/support/cli-workspace.js';
import { killStillRunning, type NodeCli, startNodeCli, stopAll } from './support/node-cli.js';
import { timedCase } from './support/outcomes.js';
import {
  dropGoodLines,
  enqueueFrom,
  expectEachStoredOnce,
  fileCollect,
  firstStored,
  SMALL_BATCHES,
  type StoreTarget,
  startFileWorker,
  storedCount,
  writeConfig,
} from './support/pipeline-harness.js';
import { createPostgresSchema, type PostgresSchema } from './support/postgres-schema.js';
import { killTree } from './support/process-tree.js';

/**
 * A private redis-server (append-only file synced at every write, spare port) that the test stops,
 * kills and starts: Redis going away mid-run, coming back on the same files, and a Redis that may
 * evict keys.
 */

const COMMENTS = 3000;

let ws: CliWorkspace;
let redisDir: string;
let port: number;
let redis: RunningRedisServer | undefined;
let url: string;
const started: NodeCli[] = [];

beforeAll(async () => {
  ws = await createCliWorkspace();
  redisDir = await mkdtemp(join(tmpdir(), 'carevoice-redis-'));
  port = await freePort();
  url = `redis://127.0.0.1:${port}`;
});
afterAll(async () => {
  await killStillRunning(started);
  await redis?.stop();
  await ws.cleanup();
  await rm(redisDir, { recursive: true, force: true });
});

/** Starts (or restarts) the private Redis on the same port and folder, so its AOF is replayed. */
async function startRedis(maxmemoryPolicy = 'noeviction'): Promise<void> {
  redis = await startRedisServer({ dir: redisDir, port, maxmemoryPolicy });
}

function cli(args: string[]): NodeCli {
  const running = startNodeCli(args, ws.dir, ws.env({ REDIS_URL: url }));
  started.push(running);
  return running;
}

interface RestartCase {
  name: string;
  /** SIGTERM: Redis flushes its append-only file and exits; SIGKILL: a crash, nothing flushed on the way out. */
  signal: 'SIGTERM' | 'SIGKILL';
  store: 'SQLite' | 'PostgreSQL';
}

const RESTART_CASES: RestartCase[] = [
  { name: 'Redis restarted mid-run', signal: 'SIGTERM', store: 'SQLite' },
  { name: 'Redis killed mid-run', signal: 'SIGKILL', store: 'SQLite' },
  { name: 'Redis killed mid-run, PostgreSQL', signal: 'SIGKILL', store: 'PostgreSQL' },
];

describe('Redis stopped or killed mid-run', () => {
  it.each(RESTART_CASES)('$name: started again on the same folder and port, nothing lost or doubled', async (c) => {
    // Each case its own prefix, inbox and store, so no job id or file of another case is seen.
    const caseWs = await createCliWorkspace();
    let pgSchema: PostgresSchema | undefined;
    try {
      pgSchema = c.store === 'PostgreSQL' ? await createPostgresSchema() : undefined;
      const target: StoreTarget = pgSchema ? pgSchema.storeOptions : caseWs.sqlitePath;
      await timedCase(
        c.name,
        `${COMMENTS} comments in batches of 50, ${c.store} store; private redis-server (appendonly yes, appendfsync always) ${c.signal === 'SIGKILL' ? 'killed with SIGKILL' : 'stopped with SIGTERM'} once some are stored, restarted on the same dir and port 1 s later; the worker is not restarted`,
        async () => {
          if (!redis) await startRedis();
          const configPath = await writeConfig(caseWs, { queue: SMALL_BATCHES });
          await dropGoodLines(caseWs, 'outage', COMMENTS);
          const extra: Record<string, string> = {
            REDIS_URL: url,
            ...(pgSchema ? { DATABASE_URL: pgSchema.databaseUrl } : {}),
          };
          const worker = startFileWorker(caseWs, configPath, started, extra);
          await worker.waitForStderr('"msg":"started"');
          await enqueueFrom(url, caseWs.prefix, 'collect', [fileCollect('outage')]);
          const atStop = await firstStored(target, [worker]);
          if (c.signal === 'SIGKILL') await redis!.crash();
          else await redis!.stop();
          redis = undefined;
          await new Promise((resolve) => setTimeout(resolve, 1000));
          const duringOutage = await storedCount(target);
          await startRedis();

          const stored = await expectEachStoredOnce(url, caseWs.prefix, target, 'outage', COMMENTS, [worker]);
          expect(worker.child.exitCode).toBeNull();
          await stopAll([worker]);
          return `${atStop} stored when Redis ${c.signal === 'SIGKILL' ? 'was killed' : 'stopped'}, ${duringOutage} a second later; the same worker resumed on its own: ${stored}/${COMMENTS} stored, 0 missing, 0 repeated, 0 failed jobs`;
        },
      );
    } finally {
      // A failed case's worker still runs: stop it before its folder and schema go.
      await killStillRunning(started);
      await caseWs.cleanup();
      await pgSchema?.drop();
    }
  });
});

/** Clients under the prefix other than the process's own two (`:worker`, `:producer`): BullMQ's
 *  blocking worker connections, which must not exist after a refusal. */
async function bullWorkerClients(): Promise<string[]> {
  const admin = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    const list = (await admin.call('CLIENT', 'LIST')) as string;
    return list
      .split('\n')
      .map((line) => /(?:^| )name=(\S*)/.exec(line)?.[1] ?? '')
      .filter((name) => name.startsWith(ws.prefix))
      .filter((name) => name !== `${ws.prefix}:worker` && name !== `${ws.prefix}:producer`);
  } finally {
    admin.disconnect();
  }
}

describe('Redis that may evict keys', () => {
  it('workers refuse to start with a clear message', async () => {
    await timedCase(
      'evicting Redis',
      'private redis-server switched to maxmemory-policy allkeys-lru; start `carevoice worker process`',
      async () => {
        await redis?.stop();
        await startRedis('allkeys-lru');
        const worker = cli(['worker', 'process']);
        await worker.waitForStderr('maxmemory-policy "allkeys-lru"', 30_000);
        const message = worker.stderr().trim();
        expect(message).toContain('noeviction');
        expect(message).toContain('CONFIG SET maxmemory-policy noeviction');
        // Refused before any stage worker existed: no start-up log, no BullMQ worker connection.
        expect(message).not.toContain('"msg":"started"');
        expect(await bullWorkerClients()).toEqual([]);
        // The refused process must end by itself, with a failure code.
        const exitedAlone = await Promise.race([
          worker.exited.then(() => true),
          new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5_000)),
        ]);
        if (!exitedAlone) killTree(worker.child.pid!);
        const result = await worker.exited;
        expect(exitedAlone).toBe(true);
        expect(result.code).not.toBe(0);
        const line = message.split('\n').find((l) => l.includes('allkeys-lru')) ?? '';
        return `refused with: "${line.replace(/^carevoice: /, '').slice(0, 80)}…"; no worker connection opened; exited by itself with code ${result.code}`;
      },
    );
  });
});
