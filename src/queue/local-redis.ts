import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { redactUrl, redisUrlFromEnv } from './connections.js';
import { RedisUnavailableError } from './errors/redis-unavailable-error.js';
import { redisAnswers } from './redis-ping.js';
import { startRedisServer } from './redis-server-process.js';

/**
 * The embedded default: use REDIS_URL when it answers, otherwise start a private `redis-server`
 * (noeviction, append-only, files under `<dataDir>/redis`) for the life of this process.
 */

export interface EnsureRedisOptions {
  /** CareVoice's data folder; the private server keeps its files in `<dataDir>/redis`. */
  dataDir: string;
  logger: Logger;
  /** Redis to try first; an empty string ignores REDIS_URL. @defaultValue REDIS_URL */
  redisUrl?: string;
  /** @defaultValue `redis-server` on PATH */
  binary?: string;
}

export interface EnsuredRedis {
  url: string;
  /** True when this process started (or took over) the server and `stop()` will end it. */
  privateServer: boolean;
  /** Stops the private server; does nothing for an external Redis. */
  stop(): Promise<void>;
}

interface ServerRecord {
  pid: number;
  port: number;
}

export async function ensureRedis(options: EnsureRedisOptions): Promise<EnsuredRedis> {
  const { logger } = options;
  const configured = options.redisUrl ?? redisUrlFromEnv();
  if (configured) {
    if (await redisAnswers(configured, 1500)) {
      return { url: configured, privateServer: false, stop: async () => {} };
    }
    logger.warn({ url: redactUrl(configured) }, 'REDIS_URL does not answer; starting a private redis-server instead');
  }
  const dir = join(options.dataDir, 'redis');
  const recordFile = join(dir, 'carevoice-redis.json');
  const adopted = await adoptLeftover(recordFile);
  if (adopted) {
    logger.info({ url: adopted.url }, 'reusing the private redis-server left running by an earlier process');
    return adopted;
  }
  let server: Awaited<ReturnType<typeof startRedisServer>>;
  try {
    server = await startRedisServer({ dir, ...(options.binary ? { binary: options.binary } : {}) });
  } catch (error) {
    if (configured && error instanceof RedisUnavailableError) {
      throw new RedisUnavailableError(`REDIS_URL (${redactUrl(configured)}) does not answer, and ${error.detail}`);
    }
    throw error;
  }
  writeFileSync(recordFile, JSON.stringify({ pid: server.pid, port: server.port } satisfies ServerRecord));
  logger.info({ url: server.url, dir }, 'started a private redis-server');
  return {
    url: server.url,
    privateServer: true,
    async stop() {
      await server.stop();
      rmSync(recordFile, { force: true });
    },
  };
}

/**
 * A private server from a process that died without stopping it still owns the AOF in `dir`;
 * starting a second one there would corrupt it, so that server is taken over instead.
 */
async function adoptLeftover(recordFile: string): Promise<EnsuredRedis | undefined> {
  if (!existsSync(recordFile)) return undefined;
  let record: ServerRecord;
  try {
    record = JSON.parse(readFileSync(recordFile, 'utf8')) as ServerRecord;
  } catch {
    rmSync(recordFile, { force: true });
    return undefined;
  }
  const url = `redis://127.0.0.1:${record.port}`;
  if (!(await redisAnswers(url, 500)) || (await serverPid(url)) !== record.pid) {
    rmSync(recordFile, { force: true });
    return undefined;
  }
  return {
    url,
    privateServer: true,
    async stop() {
      try {
        process.kill(record.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
      for (let i = 0; i < 100 && (await redisAnswers(url, 200)); i++) await new Promise((r) => setTimeout(r, 50));
      rmSync(recordFile, { force: true });
    },
  };
}

async function serverPid(url: string): Promise<number | undefined> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => {});
  try {
    await redis.connect();
    const match = /^process_id:(\d+)/m.exec(await redis.info('server'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  } finally {
    redis.disconnect();
  }
}
