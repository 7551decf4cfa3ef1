import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_REDIS_URL } from '../../../src/queue/connections.js';
import { RedisUnavailableError } from '../../../src/queue/errors/redis-unavailable-error.js';
import { ensureRedis, observedRedisUrl } from '../../../src/queue/local-redis.js';
import { redisAnswers } from '../../../src/queue/redis-ping.js';
import { freePort } from '../../../src/queue/redis-server-process.js';
import { quietLogger, TEST_REDIS_URL } from './support/redis-kit.js';

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'cv-local-redis-'));
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe('ensureRedis', () => {
  it('starts a private noeviction, append-only server synced at every write under <dataDir>/redis and stops it', async () => {
    const redis = await ensureRedis({ dataDir, logger: quietLogger(), redisUrl: '' });
    try {
      expect(redis.privateServer).toBe(true);
      expect(redis.url).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
      const client = new Redis(redis.url);
      try {
        expect(await client.call('CONFIG', 'GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
        expect(await client.call('CONFIG', 'GET', 'appendonly')).toEqual(['appendonly', 'yes']);
        expect(await client.call('CONFIG', 'GET', 'appendfsync')).toEqual(['appendfsync', 'always']);
        expect(await client.call('CONFIG', 'GET', 'dir')).toEqual(['dir', join(dataDir, 'redis')]);
      } finally {
        client.disconnect();
      }
    } finally {
      await redis.stop();
    }
    expect(await redisAnswers(redis.url, 300)).toBe(false);
    expect(existsSync(join(dataDir, 'redis', 'carevoice-redis.json'))).toBe(false);
  });

  it('uses REDIS_URL when it answers, and starts nothing', async () => {
    const redis = await ensureRedis({ dataDir, logger: quietLogger(), redisUrl: TEST_REDIS_URL });
    expect(redis).toMatchObject({ url: TEST_REDIS_URL, privateServer: false });
    await redis.stop();
    expect(existsSync(join(dataDir, 'redis'))).toBe(false);
  });

  it('starts a private server when REDIS_URL does not answer', async () => {
    const deadUrl = `redis://127.0.0.1:${await freePort()}`;
    const redis = await ensureRedis({ dataDir, logger: quietLogger(), redisUrl: deadUrl });
    try {
      expect(redis.privateServer).toBe(true);
      expect(redis.url).not.toBe(deadUrl);
      expect(await redisAnswers(redis.url)).toBe(true);
    } finally {
      await redis.stop();
    }
  });

  it('never starts a private server in place of sentinels that do not answer: that would split the process from the fleet', async () => {
    const sentinels = `redis+sentinel://:hidden-pw@127.0.0.1:${await freePort()}/carevoice-primary`;
    const error = await ensureRedis({ dataDir, logger: quietLogger(), redisUrl: sentinels }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedisUnavailableError);
    expect((error as Error).message).toContain('names sentinels, and none of them led to a primary that answers');
    expect((error as Error).message).not.toContain('hidden-pw');
    expect(existsSync(join(dataDir, 'redis'))).toBe(false);
    expect(await observedRedisUrl({ dataDir, redisUrl: sentinels, startLocal: true })).toBe(sentinels);
  });

  it('takes over a private server left running by an earlier process instead of starting a second one on the same files', async () => {
    const first = await ensureRedis({ dataDir, logger: quietLogger(), redisUrl: '' });
    // The earlier process "died" without calling stop(): its server and record are still there.
    const second = await ensureRedis({ dataDir, logger: quietLogger(), redisUrl: '' });
    try {
      expect(second.url).toBe(first.url);
    } finally {
      await second.stop();
      await first.stop();
    }
    expect(await redisAnswers(first.url, 300)).toBe(false);
  });

  it('without a redis-server binary, explains on one screen how to get Redis', async () => {
    const error = await ensureRedis({
      dataDir,
      logger: quietLogger(),
      redisUrl: '',
      binary: 'redis-server-that-does-not-exist',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RedisUnavailableError);
    const message = (error as Error).message;
    for (const hint of [
      'apt-get install redis-server',
      'brew install redis',
      'docker compose up -d redis',
      'REDIS_URL',
    ]) {
      expect(message).toContain(hint);
    }
    expect(message.split('\n').length).toBeLessThanOrEqual(24);
  });
});

describe('observedRedisUrl', () => {
  it('finds the private server running for a data folder, and the default address once it has stopped', async () => {
    const redis = await ensureRedis({ dataDir, logger: quietLogger(), redisUrl: '' });
    try {
      expect(await observedRedisUrl({ dataDir, redisUrl: undefined, startLocal: true })).toBe(redis.url);
      // A silent REDIS_URL is passed over for the private server, as `start` would.
      const deadUrl = `redis://127.0.0.1:${await freePort()}`;
      expect(await observedRedisUrl({ dataDir, redisUrl: deadUrl, startLocal: true })).toBe(redis.url);
      // Where no private server may be started, only the configured address counts.
      expect(await observedRedisUrl({ dataDir, redisUrl: undefined, startLocal: false })).toBe(DEFAULT_REDIS_URL);
    } finally {
      await redis.stop();
    }
    expect(await observedRedisUrl({ dataDir, redisUrl: undefined, startLocal: true })).toBe(DEFAULT_REDIS_URL);
  });

  it('takes a malformed record for no server, and a live port under another pid for none either', async () => {
    mkdirSync(join(dataDir, 'redis'));
    const record = join(dataDir, 'redis', 'carevoice-redis.json');
    for (const text of ['null', '{"pid":1}', '{"pid":1,"port":"x"}', '{"pid":', '[]']) {
      writeFileSync(record, text);
      expect(await observedRedisUrl({ dataDir, redisUrl: undefined, startLocal: true })).toBe(DEFAULT_REDIS_URL);
    }
    writeFileSync(record, JSON.stringify({ pid: 1, port: Number(new URL(TEST_REDIS_URL).port || 6379) }));
    expect(await observedRedisUrl({ dataDir, redisUrl: undefined, startLocal: true })).toBe(DEFAULT_REDIS_URL);
    // ensureRedis starts its own server past such a record, and replaces it.
    const redis = await ensureRedis({ dataDir, logger: quietLogger(), redisUrl: '' });
    try {
      expect(await observedRedisUrl({ dataDir, redisUrl: undefined, startLocal: true })).toBe(redis.url);
    } finally {
      await redis.stop();
    }
  });

  it('uses REDIS_URL when it answers, and leaves a stale record alone', async () => {
    mkdirSync(join(dataDir, 'redis'));
    const record = join(dataDir, 'redis', 'carevoice-redis.json');
    writeFileSync(record, JSON.stringify({ pid: 1, port: await freePort() }));
    expect(await observedRedisUrl({ dataDir, redisUrl: TEST_REDIS_URL, startLocal: true })).toBe(TEST_REDIS_URL);
    expect(await observedRedisUrl({ dataDir, redisUrl: undefined, startLocal: true })).toBe(DEFAULT_REDIS_URL);
    expect(existsSync(record)).toBe(true);
  });
});
