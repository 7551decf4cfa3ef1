import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWorkerConnection } from '../../../src/queue/connections.js';
import { enqueueStageJobs } from '../../../src/queue/enqueue.js';
import { type RunningRedisServer, startRedisServer } from '../../../src/queue/redis-server-process.js';
import { createStageRegistry } from '../../../src/queue/registry.js';
import { createGracefulShutdown } from '../../../src/queue/shutdown.js';
import { startStageRunner } from '../../../src/queue/stage-runner.js';
import {
  createRedisKit,
  eventually,
  freshPrefix,
  handlersWith,
  quietLogger,
  type RedisKit,
} from './support/redis-kit.js';

describe('graceful shutdown', () => {
  let dir: string;
  let server: RunningRedisServer | undefined;
  let kit: RedisKit | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cv-shutdown-'));
    server = undefined;
    kit = undefined;
  });
  afterEach(async () => {
    await kit?.cleanup();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finishes within its grace period even when Redis has gone away', async () => {
    // A private server we can kill; the shared Redis is never disturbed.
    server = await startRedisServer({ dir, appendOnly: false });
    const connection = createWorkerConnection({ url: server.url, name: 'shutdown-test' });
    connection.on('error', () => {});
    const runner = await startStageRunner({
      connection,
      prefix: freshPrefix(),
      registry: createStageRegistry(handlersWith({})),
      sources: ['alpha'],
      logger: quietLogger(),
    });
    for (const { worker } of runner.workers) worker.on('error', () => {});
    process.kill(server.pid, 'SIGKILL');
    await eventually(() => connection.status !== 'ready', 'connection notices Redis is gone');

    const exit = vi.fn();
    const graceMs = 1500;
    const started = Date.now();
    const report = await createGracefulShutdown(
      { workers: [runner], connections: [connection] },
      { graceMs, logger: quietLogger(), exit },
    ).shutdown('test');
    // Bounded by the grace period (plus one second for the last step), whatever Redis does.
    expect(Date.now() - started).toBeLessThan(graceMs + 1000);
    expect(report.durationMs).toBeLessThan(graceMs + 1000);
    expect(connection.status).toBe('end');
    // worker.close() waits on Redis and is cut off by the clock; connections close at once.
    expect(report.timedOut).not.toContain('connections');
    expect(exit).not.toHaveBeenCalled();
  });

  it('on SIGTERM lets the running job finish, closes everything in order, and exits 0', async () => {
    const redis = createRedisKit();
    kit = redis;
    let finished = false;
    let release: () => void = () => {};
    const runner = await startStageRunner({
      connection: redis.connection,
      prefix: redis.prefix,
      registry: createStageRegistry(
        handlersWith({
          aggregate: () =>
            new Promise((resolve) => {
              release = () => {
                finished = true;
                resolve('done');
              };
            }),
        }),
      ),
      sources: [],
      logger: quietLogger(),
    });
    await enqueueStageJobs(runner.queues, 'aggregate', [{ id: 'agg-1', payload: {} }]);
    await eventually(
      async () => (await runner.queues.get('aggregate').getJobCounts('active'))['active'] === 1,
      'job running',
    );

    const exited = new Promise<number>((resolve) => {
      const graceful = createGracefulShutdown(
        { workers: [runner], connections: [redis.connection] },
        { graceMs: 5000, logger: quietLogger(), exit: resolve, signals: ['SIGUSR2'] },
      );
      const uninstall = graceful.install();
      process.emit('SIGUSR2', 'SIGUSR2');
      setTimeout(() => release(), 200);
      void graceful.shutdown('same run').then(uninstall);
    });
    expect(await exited).toBe(0);
    expect(finished).toBe(true);
    expect(redis.connection.status).toBe('end');
  });
});
