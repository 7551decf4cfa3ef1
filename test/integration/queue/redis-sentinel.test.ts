/**
 * Connections made from a redis+sentinel:// URL against a real Sentinel, primary and replica (private
 * redis-server processes on spare ports): they find the primary by name, and when it is killed and
 * the sentinel promotes the replica, the same connections, and the BullMQ worker and queue on them,
 * go on with the new primary without being made again.
 */
import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeConnection, createProducerConnection, createWorkerConnection } from '../../../src/queue/connections.js';
import { redisAnswers } from '../../../src/queue/redis-ping.js';
import { freePort } from '../../../src/queue/redis-server-process.js';
import { type RunningSentinel, startSentinel } from '../../support/redis-sentinel.js';
import { type ReplicatedRedis, startReplicatedRedis } from '../../support/replicated-redis.js';
import { eventually } from './support/redis-kit.js';

const PREFIX = 'sentinel-test';
let servers: ReplicatedRedis;
let sentinel: RunningSentinel;
const connections: Redis[] = [];

beforeAll(async () => {
  servers = await startReplicatedRedis();
  sentinel = await startSentinel({ primaryPort: servers.primary.port });
});
afterAll(async () => {
  for (const connection of connections) await closeConnection(connection);
  await sentinel?.stop();
  await servers?.close();
});

function opened(connection: Redis): Redis {
  connection.on('error', () => undefined);
  connections.push(connection);
  return connection;
}

/**
 * Adds 20 jobs, each tried again until the queue's connection takes it: a producer fails fast
 * while it reconnects to a new primary, and its caller (an API request, a CLI) retries.
 */
async function addEach(queue: Queue, idPrefix: string, after: string): Promise<string[]> {
  const ids = Array.from({ length: 20 }, (_, i) => `${idPrefix}-${i}`);
  for (const [i, jobId] of ids.entries()) {
    await eventually(
      () =>
        queue.add('job', { i }, { jobId }).then(
          () => true,
          () => false,
        ),
      `adding a job after ${after}`,
      20_000,
    );
  }
  return ids;
}

describe('Redis behind Sentinel', () => {
  it('answers a probe through the sentinel, and a probe of sentinels that are not there says no', async () => {
    expect(await redisAnswers(sentinel.url, 2000)).toBe(true);
    const nobody = `redis+sentinel://127.0.0.1:${await freePort()}/${sentinel.primaryName}`;
    // One sweep of the sentinels, then no: not the probe's own 10 s bound running out.
    const started = Date.now();
    expect(await redisAnswers(nobody, 10_000)).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('follows failovers, the primary killed and then demoted alive: the same worker and queue go on with each promoted replica', async () => {
    const workerConnection = opened(createWorkerConnection({ url: sentinel.url, name: `${PREFIX}:worker` }));
    const producer = opened(createProducerConnection({ url: sentinel.url, name: `${PREFIX}:producer` }));
    await eventually(() => producer.status === 'ready', 'the producer connected through the sentinel');
    expect((await producer.call('CONFIG', 'GET', 'port')) as string[]).toEqual(['port', String(servers.primary.port)]);

    const queue = new Queue('jobs', { connection: producer, prefix: PREFIX });
    const done = new Set<string>();
    const worker = new Worker(
      'jobs',
      async (job) => {
        done.add(job.id as string);
      },
      { connection: workerConnection, prefix: PREFIX },
    );
    // The failover's connection errors are expected; the case checks what follows them.
    worker.on('error', () => undefined);
    queue.on('error', () => undefined);
    try {
      for (let i = 0; i < 20; i++) await queue.add('job', { i }, { jobId: `before-${i}` });
      await eventually(() => done.size === 20, 'the jobs before the failover done');
      // The jobs on the replica too (the producer's writes; completions may be lost with the
      // primary, and a job then runs again, which the Set of done ids allows).
      expect(await producer.call('WAIT', '1', '5000')).toBe(1);

      await servers.primary.crash();
      await eventually(
        async () => (await sentinel.primaryPort()) === servers.replica.port,
        'the sentinel promoting the replica',
        30_000,
      );
      const added = await addEach(queue, 'after', 'the failover');
      await eventually(() => added.every((id) => done.has(id)), 'the jobs after the failover done', 30_000);
      expect(done.size).toBe(40);
      expect((await producer.call('CONFIG', 'GET', 'port')) as string[]).toEqual([
        'port',
        String(servers.replica.port),
      ]);
      expect(await workerConnection.call('CONFIG', 'GET', 'port')).toEqual(['port', String(servers.replica.port)]);

      // A failover the sentinel is asked for, its primary alive.
      const third = await servers.addReplica(servers.replica);
      // A candidate: in step, and seen so by the sentinel (which reads its replicas' INFO every 10 s).
      await eventually(
        async () =>
          (await sentinel.replicas()).some(
            (r) => r['port'] === String(third.port) && r['flags'] === 'slave' && r['master-link-status'] === 'ok',
          ),
        'the sentinel seeing the new replica in step',
        30_000,
      );
      await eventually(
        () =>
          sentinel.failover().then(
            () => true,
            () => false,
          ),
        'the sentinel taking the failover on',
        20_000,
      );
      await eventually(
        async () => (await sentinel.primaryPort()) === third.port,
        'the sentinel promoting the new replica',
        30_000,
      );
      // The old primary, alive, stays a primary until the sentinel reconfigures it (up to its 10 s
      // INFO period) and would take writes meanwhile, to be lost: the sentinels' +switch-master
      // moves every connection at once, those that have only read since included.
      // A connection reconnecting meanwhile fails fast (the producer) or waits (the worker's).
      const portOf = (connection: Redis) =>
        (connection.call('CONFIG', 'GET', 'port') as Promise<string[]>).then(
          (reply) => reply[1],
          () => undefined,
        );
      await eventually(
        async () =>
          (await portOf(workerConnection)) === String(third.port) && (await portOf(producer)) === String(third.port),
        'the connections moved to the new primary on +switch-master',
        5_000,
      );
      const addedAfterDemotion = await addEach(queue, 'demoted', 'the second failover');
      await eventually(
        () => addedAfterDemotion.every((id) => done.has(id)),
        'the jobs after the second failover done',
        30_000,
      );
    } finally {
      await worker.close();
      await queue.close();
    }
  });
});
