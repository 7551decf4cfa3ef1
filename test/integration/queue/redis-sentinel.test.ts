/**
 * Connections made from a redis+sentinel:// URL against a real Sentinel, primary and replica (private
 * redis-server processes on spare ports): they find the primary by name, and when it is killed and
 * the sentinel promotes the replica, the same connections, and the BullMQ worker and queue on them,
 * go on with the new primary without being made again.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
let sentinelDir: string;
const connections: Redis[] = [];

beforeAll(async () => {
  servers = await startReplicatedRedis();
  sentinelDir = await mkdtemp(join(tmpdir(), 'carevoice-sentinel-'));
  sentinel = await startSentinel({ dir: sentinelDir, primaryPort: servers.primary.port });
});
afterAll(async () => {
  for (const connection of connections) await closeConnection(connection);
  await sentinel?.stop();
  await servers?.close();
  await rm(sentinelDir, { recursive: true, force: true });
});

function opened(connection: Redis): Redis {
  connection.on('error', () => undefined);
  connections.push(connection);
  return connection;
}

describe('Redis behind Sentinel', () => {
  it('answers a probe through the sentinel, and a probe of sentinels that are not there says no', async () => {
    expect(await redisAnswers(sentinel.url, 2000)).toBe(true);
    const nobody = `redis+sentinel://127.0.0.1:${await freePort()}/${sentinel.primaryName}`;
    const started = Date.now();
    expect(await redisAnswers(nobody, 2000)).toBe(false);
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('follows a failover: the same worker and queue go on with the promoted replica', async () => {
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
      // Everything so far on the replica too, so the failover loses nothing this case counts.
      expect(await producer.call('WAIT', '1', '5000')).toBe(1);

      await servers.primary.crash();
      await eventually(
        async () => (await sentinel.primaryPort()) === servers.replica.port,
        'the sentinel promoting the replica',
        30_000,
      );
      // The producer fails fast while it reconnects: the caller (an API request, a CLI) retries.
      const added: string[] = [];
      for (let i = 0; i < 20; i++) {
        await eventually(
          async () => {
            try {
              await queue.add('job', { i }, { jobId: `after-${i}` });
              return true;
            } catch {
              return false;
            }
          },
          'adding a job after the failover',
          20_000,
        );
        added.push(`after-${i}`);
      }
      await eventually(() => added.every((id) => done.has(id)), 'the jobs after the failover done', 30_000);
      expect(done.size).toBe(40);
      expect((await producer.call('CONFIG', 'GET', 'port')) as string[]).toEqual([
        'port',
        String(servers.replica.port),
      ]);
      expect(await workerConnection.call('CONFIG', 'GET', 'port')).toEqual(['port', String(servers.replica.port)]);
    } finally {
      await worker.close();
      await queue.close();
    }
  });
});
