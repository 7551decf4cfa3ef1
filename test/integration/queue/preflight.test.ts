import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EvictionPolicyError } from '../../../src/queue/errors/eviction-policy-error.js';
import { assertNoEviction, readEvictionPolicy } from '../../../src/queue/preflight.js';
import { type RunningRedisServer, startRedisServer } from '../../../src/queue/redis-server-process.js';
import { createStageRegistry } from '../../../src/queue/registry.js';
import { startStageRunner } from '../../../src/queue/stage-runner.js';
import { capturingLogger, freshPrefix, handlersWith, openConnectionsFor, quietLogger } from './support/redis-kit.js';

// Private servers on spare ports: the shared Redis's configuration is never touched.
let dir: string;
let evicting: RunningRedisServer;
let noConfig: RunningRedisServer;
let syncedEverySecond: RunningRedisServer;
let syncedAlways: RunningRedisServer;
let noConfigWithAof: RunningRedisServer;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cv-preflight-'));
  [evicting, noConfig, syncedEverySecond, syncedAlways, noConfigWithAof] = await Promise.all([
    startRedisServer({ dir: join(dir, 'lru'), maxmemoryPolicy: 'allkeys-lru', appendOnly: false }),
    // CONFIG renamed away, as on many managed services: the check must fall back to INFO.
    startRedisServer({
      dir: join(dir, 'no-config'),
      appendOnly: false,
      extraArgs: ['--rename-command', 'CONFIG', '""'],
    }),
    startRedisServer({ dir: join(dir, 'everysec'), appendFsync: 'everysec' }),
    // The default, as `carevoice start` runs its private server.
    startRedisServer({ dir: join(dir, 'always') }),
    startRedisServer({ dir: join(dir, 'no-config-aof'), extraArgs: ['--rename-command', 'CONFIG', '""'] }),
  ]);
});
afterAll(async () => {
  await Promise.all([
    evicting?.stop(),
    noConfig?.stop(),
    syncedEverySecond?.stop(),
    syncedAlways?.stop(),
    noConfigWithAof?.stop(),
  ]);
  rmSync(dir, { recursive: true, force: true });
});

describe('preflight', () => {
  it('refuses a Redis that may evict keys, saying what it found and how to fix it', async () => {
    const redis = new Redis(evicting.url);
    try {
      const error = await assertNoEviction(redis, `127.0.0.1:${evicting.port}`).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EvictionPolicyError);
      const message = (error as Error).message;
      expect(message).toContain('"allkeys-lru"');
      expect(message).toContain('redis-cli CONFIG SET maxmemory-policy noeviction');
      expect(message).toContain('maxmemory-policy noeviction` in redis.conf');
    } finally {
      redis.disconnect();
    }
  });

  it('keeps the stage runner from starting any worker on such a Redis', async () => {
    const prefix = freshPrefix();
    const connection = new Redis(evicting.url, { maxRetriesPerRequest: null });
    try {
      await expect(
        startStageRunner({
          connection,
          prefix,
          registry: createStageRegistry(handlersWith({})),
          sources: ['alpha'],
          logger: quietLogger(),
        }),
      ).rejects.toThrow(EvictionPolicyError);
      // No worker (BullMQ names their connections after the prefix) was left behind.
      expect(await openConnectionsFor(connection, prefix)).toEqual([]);
    } finally {
      connection.disconnect();
    }
  });

  it('falls back to INFO when CONFIG is disabled', async () => {
    const redis = new Redis(noConfig.url);
    try {
      await expect(redis.call('CONFIG', 'GET', 'maxmemory-policy')).rejects.toThrow(/unknown command/i);
      expect(await readEvictionPolicy(redis)).toBe('noeviction');
      await expect(assertNoEviction(redis)).resolves.toBeUndefined();
    } finally {
      redis.disconnect();
    }
  });

  it('warns at start-up when Redis can lose acknowledged jobs, and not when every write is synced', async () => {
    const persistenceLines = async (server: RunningRedisServer, code = 'redis_persistence') => {
      const connection = new Redis(server.url, { maxRetriesPerRequest: null });
      const { logger, lines } = capturingLogger();
      try {
        const runner = await startStageRunner({
          connection,
          prefix: freshPrefix(),
          registry: createStageRegistry(handlersWith({})),
          sources: ['alpha'],
          logger,
        });
        await runner.close();
        return lines.filter((line) => line['code'] === code).map((line) => String(line['msg']));
      } finally {
        connection.disconnect();
      }
    };
    const [warning, ...more] = await persistenceLines(syncedEverySecond);
    expect(warning).toContain(`Redis at 127.0.0.1:${syncedEverySecond.port} syncs its append-only file`);
    expect(warning).toContain('appendfsync "everysec"');
    expect(more).toEqual([]);
    expect(await persistenceLines(syncedAlways)).toEqual([]);
    // Without CONFIG, INFO still tells that this one keeps no append-only file.
    const [withoutConfig] = await persistenceLines(noConfig);
    expect(withoutConfig).toContain('keeps no append-only file');
    // With the file on and CONFIG not allowed, how often it is synced is unknown, and said so.
    expect(await persistenceLines(noConfigWithAof)).toEqual([]);
    const [unchecked] = await persistenceLines(noConfigWithAof, 'redis_persistence_unchecked');
    expect(unchecked).toContain('is not checked');
  });
});
