import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { DEFAULT_REDIS_URL, redactUrl, redisUrlFromEnv } from './connections.js';
import { RedisUnavailableError } from './errors/redis-unavailable-error.js';
import { redisAnswers } from './redis-ping.js';
import { startRedisServer } from './redis-server-process.js';
import { isSentinelUrl } from './sentinel-url.js';

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

/** How long REDIS_URL has to answer before a private server is used instead. */
const CONFIGURED_ANSWER_MS = 1500;

/** Written by the process that started a private server: which server owns `<dataDir>/redis`. */
const RECORD_FILE = 'carevoice-redis.json';

interface ServerRecord {
  pid: number;
  port: number;
}

export async function ensureRedis(options: EnsureRedisOptions): Promise<EnsuredRedis> {
  const { logger } = options;
  const configured = options.redisUrl ?? redisUrlFromEnv();
  if (configured) {
    if (await redisAnswers(configured, CONFIGURED_ANSWER_MS)) {
      return { url: configured, privateServer: false, stop: async () => {} };
    }
    // The sentinels' primary may be mid-failover; a private server would split this process from the fleet.
    if (isSentinelUrl(configured)) {
      throw new RedisUnavailableError(
        `REDIS_URL (${redactUrl(configured)}) names sentinels, and none of them led to a primary that answers`,
      );
    }
    logger.warn({ url: redactUrl(configured) }, 'REDIS_URL does not answer; starting a private redis-server instead');
  }
  const dir = join(options.dataDir, 'redis');
  const recordFile = join(dir, RECORD_FILE);
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

/** The private server recorded in `recordFile`, if it is still that server answering there. */
async function recordedServer(recordFile: string): Promise<(ServerRecord & { url: string }) | undefined> {
  if (!existsSync(recordFile)) return undefined;
  let record: ServerRecord;
  try {
    record = JSON.parse(readFileSync(recordFile, 'utf8')) as ServerRecord;
  } catch {
    return undefined;
  }
  // Anything else in the file (hand-edited, truncated) names no server.
  if (!Number.isInteger(record?.pid) || !Number.isInteger(record?.port)) return undefined;
  const url = `redis://127.0.0.1:${record.port}`;
  if (!(await redisAnswers(url, 500)) || (await serverPid(url)) !== record.pid) return undefined;
  return { ...record, url };
}

/**
 * A private server from a process that died without stopping it still owns the AOF in `dir`;
 * starting a second one there would corrupt it, so that server is taken over instead.
 */
async function adoptLeftover(recordFile: string): Promise<EnsuredRedis | undefined> {
  const record = await recordedServer(recordFile);
  if (!record) {
    rmSync(recordFile, { force: true });
    return undefined;
  }
  const { url, pid } = record;
  return {
    url,
    privateServer: true,
    async stop() {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
      for (let i = 0; i < 100 && (await redisAnswers(url, 200)); i++) await new Promise((r) => setTimeout(r, 50));
      rmSync(recordFile, { force: true });
    },
  };
}

/**
 * The Redis a read-only command (`status`, `sources list`) should look at: the one `start` or
 * `run --once` uses with the same settings. REDIS_URL when it answers; else, where a private server
 * may be started, the one running for `dataDir`; else REDIS_URL or the default address, where
 * scale-out processes look. Starts nothing and leaves every file alone.
 */
export async function observedRedisUrl(options: {
  dataDir: string;
  redisUrl: string | undefined;
  startLocal: boolean;
}): Promise<string> {
  const { redisUrl, startLocal } = options;
  if (redisUrl && (!startLocal || isSentinelUrl(redisUrl) || (await redisAnswers(redisUrl, CONFIGURED_ANSWER_MS)))) {
    return redisUrl;
  }
  if (startLocal) {
    const running = await recordedServer(join(options.dataDir, 'redis', RECORD_FILE));
    if (running) return running.url;
  }
  return redisUrl ?? DEFAULT_REDIS_URL;
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
