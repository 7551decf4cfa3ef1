/**
 * Jobs added while the configured replicas must have them: a real primary and replica
 * (private redis-server processes on spare ports). With the replica there, adding goes on once it
 * has the jobs; with it gone, adding fails with the shortfall, and the jobs stay on the primary for
 * the retry to find.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueStageJobs } from '../../../src/queue/enqueue.js';
import { ReplicationShortfallError } from '../../../src/queue/errors/replication-shortfall-error.js';
import { QueueSet } from '../../../src/queue/queue-set.js';
import { type RunningRedisServer, startRedisServer } from '../../../src/queue/redis-server-process.js';
import { resolveRuntimeOptions } from '../../../src/queue/runtime-options.js';
import { eventually } from './support/redis-kit.js';

const PREFIX = 'replica-wait';
let dir: string;
let primary: RunningRedisServer;
let replica: RunningRedisServer;
let connection: Redis;

const exportJob = (id: string) => ({ id, payload: { date: '2024-06-01' } });
const queuesWaitingFor = (replicas: number, timeoutMs = 500) =>
  new QueueSet(
    connection,
    resolveRuntimeOptions({ prefix: PREFIX, replicaWait: { replicas, timeoutMs } }),
    pino({ level: 'silent' }),
  );

async function jobOn(server: RunningRedisServer, id: string): Promise<boolean> {
  const client = new Redis(server.url, { maxRetriesPerRequest: 1 });
  try {
    return (await client.exists(`${PREFIX}:export:${id}`)) === 1;
  } finally {
    client.disconnect();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'carevoice-replica-wait-'));
  primary = await startRedisServer({ dir: join(dir, 'primary'), appendOnly: false });
  replica = await startRedisServer({
    dir: join(dir, 'replica'),
    appendOnly: false,
    extraArgs: ['--replicaof', '127.0.0.1', String(primary.port)],
  });
  connection = new Redis(primary.url, { maxRetriesPerRequest: null });
  const replicaClient = new Redis(replica.url, { maxRetriesPerRequest: 1 });
  try {
    await eventually(
      async () => /master_link_status:up/.test(await replicaClient.info('replication')),
      'the replica in sync with the primary',
    );
  } finally {
    replicaClient.disconnect();
  }
});
afterAll(async () => {
  connection?.disconnect();
  await replica?.stop();
  await primary?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('adding jobs with replicas to wait for', () => {
  it('goes on once the replica has the jobs', async () => {
    const queues = queuesWaitingFor(1);
    await enqueueStageJobs(queues, 'export', [exportJob('with-replica')]);
    // WAIT returned 1: the replica has applied the write (replication is in order).
    expect(await jobOn(replica, 'with-replica')).toBe(true);
    await queues.close();
  });

  it('fails with the shortfall when fewer replicas answer, and leaves the jobs on the primary', async () => {
    const queues = queuesWaitingFor(2);
    const adding = enqueueStageJobs(queues, 'export', [exportJob('one-short')]);
    await expect(adding).rejects.toBeInstanceOf(ReplicationShortfallError);
    await expect(adding).rejects.toMatchObject({
      wanted: 2,
      acknowledged: 1,
      message: expect.stringContaining('reached 1 of the 2 replica(s) asked for (redis.waitForReplicas) within 500 ms'),
    });
    expect(await jobOn(primary, 'one-short')).toBe(true);
    await queues.close();
  });

  it('fails once the replica is gone, and waits for none when asked for none', async () => {
    await replica.stop();
    const waiting = queuesWaitingFor(1);
    await expect(enqueueStageJobs(waiting, 'export', [exportJob('no-replica')])).rejects.toMatchObject({
      acknowledged: 0,
    });
    expect(await jobOn(primary, 'no-replica')).toBe(true);
    const notWaiting = queuesWaitingFor(0);
    await enqueueStageJobs(notWaiting, 'export', [exportJob('not-waiting')]);
    expect(await jobOn(primary, 'not-waiting')).toBe(true);
    await waiting.close();
    await notWaiting.close();
  });
});
