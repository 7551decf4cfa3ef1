/**
 * Replicated hand-overs against a real primary and replica (private redis-server processes on spare
 * ports, the replica following through a proxy the test can cut). With the replica there, adding
 * goes on once it has the jobs; cut off or gone, adding fails with the shortfall and the jobs stay
 * on the primary for the retry, which waits for them too, even from a fresh connection.
 */
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueStageJobs } from '../../../src/queue/enqueue.js';
import { ReplicationShortfallError } from '../../../src/queue/errors/replication-shortfall-error.js';
import { QueueSet } from '../../../src/queue/queue-set.js';
import type { RunningRedisServer } from '../../../src/queue/redis-server-process.js';
import { replicaShortfallWarning } from '../../../src/queue/replica-wait.js';
import { resolveRuntimeOptions } from '../../../src/queue/runtime-options.js';
import type { CuttableProxy } from '../../support/cuttable-proxy.js';
import { type ReplicatedRedis, startReplicatedRedis } from '../../support/replicated-redis.js';
import { eventually } from './support/redis-kit.js';

const PREFIX = 'replica-wait';
const REPLICATED = { replicated: true };
let servers: ReplicatedRedis;
let primary: RunningRedisServer;
let link: CuttableProxy;
let replica: RunningRedisServer;
let connection: Redis;
const clients: Redis[] = [];

const exportJob = (id: string) => ({ id, payload: { date: '2024-06-01' } });
/** Long enough for a replica that is there to answer on a loaded machine; the cases that must fall short wait it out. */
const WAIT_MS = 2000;
const queuesOn = (redis: Redis, replicas: number) =>
  new QueueSet(
    redis,
    resolveRuntimeOptions({ prefix: PREFIX, replicaWait: { replicas, timeoutMs: WAIT_MS } }),
    pino({ level: 'silent' }),
  );

function client(server: RunningRedisServer): Redis {
  const opened = new Redis(server.url, { maxRetriesPerRequest: null });
  // A client of the replica that the last case stops goes on reconnecting; that is expected.
  opened.on('error', () => undefined);
  clients.push(opened);
  return opened;
}

const jobOn = async (server: RunningRedisServer, id: string) =>
  (await client(server).exists(`${PREFIX}:export:${id}`)) === 1;

beforeAll(async () => {
  servers = await startReplicatedRedis();
  ({ primary, link, replica } = servers);
  connection = client(primary);
});
afterAll(async () => {
  for (const opened of clients) opened.disconnect();
  await servers?.close();
});

describe('a replicated hand-over', () => {
  it('goes on once the replica has the jobs', async () => {
    const queues = queuesOn(connection, 1);
    await enqueueStageJobs(queues, 'export', [exportJob('with-replica')], REPLICATED);
    // WAIT returned 1: the replica has applied the write (replication is in order).
    expect(await jobOn(replica, 'with-replica')).toBe(true);
    await queues.close();
  });

  it('fails with the shortfall when fewer replicas answer, and leaves the jobs on the primary', async () => {
    const queues = queuesOn(connection, 2);
    const adding = enqueueStageJobs(queues, 'export', [exportJob('one-short')], REPLICATED);
    await expect(adding).rejects.toBeInstanceOf(ReplicationShortfallError);
    await expect(adding).rejects.toMatchObject({
      wanted: 2,
      acknowledged: 1,
      message: expect.stringContaining(
        'reached 1 of the 2 replica(s) asked for (redis.waitForReplicas) within 2000 ms',
      ),
    });
    expect(await jobOn(primary, 'one-short')).toBe(true);
    await queues.close();
  });

  it('waits, on a retry from a fresh connection, for the adds it repeats', async () => {
    link.cut('silent');
    const first = queuesOn(connection, 1);
    await expect(enqueueStageJobs(first, 'export', [exportJob('retried')], REPLICATED)).rejects.toMatchObject({
      acknowledged: 0,
    });
    // The retry adds nothing new, yet its WAIT is not met while the replica lacks the first adds:
    // BullMQ records the repeated add as an event, a write of the retry's own connection.
    const retry = queuesOn(client(primary), 1);
    await expect(enqueueStageJobs(retry, 'export', [exportJob('retried')], REPLICATED)).rejects.toMatchObject({
      acknowledged: 0,
    });
    link.heal();
    await enqueueStageJobs(retry, 'export', [exportJob('retried')], REPLICATED);
    expect(await jobOn(replica, 'retried')).toBe(true);
    await first.close();
    await retry.close();
  });

  it('does not trust a wait across a reconnect', async () => {
    const redis = client(primary);
    const queues = queuesOn(redis, 1);
    const since = queues.connectionGeneration;
    await queues.get('export').add('export', { date: '2024-06-01' }, { jobId: 'reconnected' });
    redis.disconnect(true);
    await new Promise((resolve) => redis.once('ready', resolve));
    // The new connection has written nothing, so its WAIT would be met at once and vouch for nothing.
    await expect(queues.confirmReplicated(since)).rejects.toThrow('the connection to Redis closed meanwhile');
    await queues.close();
  });

  it('waits for nothing unless the hand-over asks, or when no replicas are asked for', async () => {
    await replica.stop();
    await eventually(
      async () => (await replicaShortfallWarning(connection, 1, 'the primary')) !== undefined,
      'the replica gone',
    );
    expect(await replicaShortfallWarning(connection, 1, 'the primary')).toContain(
      'has 0 replica(s) connected, and redis.waitForReplicas asks for 1',
    );
    const waiting = queuesOn(connection, 1);
    await expect(enqueueStageJobs(waiting, 'export', [exportJob('no-replica')], REPLICATED)).rejects.toMatchObject({
      acknowledged: 0,
    });
    expect(await jobOn(primary, 'no-replica')).toBe(true);
    await enqueueStageJobs(waiting, 'export', [exportJob('not-replicated')]);
    const none = queuesOn(connection, 0);
    await enqueueStageJobs(none, 'export', [exportJob('none-asked')], REPLICATED);
    await none.close();
    expect(await jobOn(primary, 'not-replicated')).toBe(true);
    expect(await jobOn(primary, 'none-asked')).toBe(true);
    await waiting.close();
  });
});
