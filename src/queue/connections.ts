import { Redis, type RedisOptions } from 'ioredis';
import { isSentinelUrl, redactSentinelUrl, SentinelUrlProblem, sentinelOptionsFromUrl } from './sentinel-url.js';

/**
 * Redis connections for the queue runtime. The only place that reads REDIS_URL.
 *
 * Two roles, because they fail differently on purpose:
 * - `worker`: retries every command until Redis comes back (`maxRetriesPerRequest: null`, which
 *   BullMQ requires for its blocking connections), so a Redis restart pauses work instead of failing jobs.
 * - `producer`: the HTTP/CLI side fails fast (`enableOfflineQueue: false`) so a request answers 503
 *   instead of hanging while Redis is down.
 */

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export type ConnectionRole = 'worker' | 'producer';

export class InvalidRedisUrlError extends Error {
  readonly code = 'invalid_redis_url';
  constructor(url: string, reason: string) {
    super(
      `REDIS_URL "${redactUrl(url)}" is not usable: ${reason}. Expected redis://[user:password@]host[:port][/db], rediss://… or redis+sentinel://[user:password@]host[:port][,host[:port]…]/primary-name[/db]`,
    );
    this.name = 'InvalidRedisUrlError';
  }
}

/** REDIS_URL from the environment, or undefined when unset or blank. */
export function redisUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env['REDIS_URL']?.trim();
  return value ? value : undefined;
}

/** Hides the passwords (the servers', and a sentinel URL's sentinelPassword) so a URL can be logged. */
export function redactUrl(url: string): string {
  if (isSentinelUrl(url)) return redactSentinelUrl(url);
  return url.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@');
}

/**
 * Parses a redis:// or rediss:// URL into ioredis options (host, port, db, credentials, TLS), or a
 * redis+sentinel:// URL into options that find the primary through the sentinels (sentinel-url.ts).
 */
export function redisOptionsFromUrl(url: string): RedisOptions {
  if (isSentinelUrl(url)) {
    try {
      return sentinelOptionsFromUrl(url);
    } catch (error) {
      if (error instanceof SentinelUrlProblem) throw new InvalidRedisUrlError(url, error.message);
      throw error;
    }
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InvalidRedisUrlError(url, 'it is not a URL');
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new InvalidRedisUrlError(url, `the scheme is "${parsed.protocol}", not redis:, rediss: or redis+sentinel:`);
  }
  const port = parsed.port ? Number(parsed.port) : 6379;
  const dbPath = parsed.pathname.replace(/^\//, '');
  const db = dbPath === '' ? 0 : /^\d+$/.test(dbPath) ? Number(dbPath) : Number.NaN;
  if (!Number.isInteger(db)) throw new InvalidRedisUrlError(url, `the database "${dbPath}" is not a number`);
  const options: RedisOptions = { host: parsed.hostname || '127.0.0.1', port, db };
  if (parsed.username) options.username = decodeURIComponent(parsed.username);
  if (parsed.password) options.password = decodeURIComponent(parsed.password);
  if (parsed.protocol === 'rediss:') options.tls = { servername: parsed.hostname };
  return options;
}

export interface ConnectionOptions {
  /** Redis URL. @defaultValue REDIS_URL, else `redis://127.0.0.1:6379` */
  url?: string;
  /** Name shown by `CLIENT LIST`, so an operator (or a leak check) can tell whose connection it is. */
  name?: string;
  /** Give up connecting after this many ms per attempt. @defaultValue 5000 */
  connectTimeoutMs?: number;
}

/** ioredis options for a role; exported so tests can check them without connecting. */
export function connectionOptionsFor(role: ConnectionRole, options: ConnectionOptions = {}): RedisOptions {
  const url = options.url ?? redisUrlFromEnv() ?? DEFAULT_REDIS_URL;
  const base: RedisOptions = {
    ...redisOptionsFromUrl(url),
    connectTimeout: options.connectTimeoutMs ?? 5000,
    lazyConnect: false,
  };
  if (options.name) base.connectionName = options.name;
  if (role === 'worker') return { ...base, maxRetriesPerRequest: null, enableOfflineQueue: true };
  return {
    ...base,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    // Reconnect in the background, but never queue commands meanwhile: callers get an error at once.
    retryStrategy: (times) => Math.min(times * 200, 2000),
  };
}

/** A connection for workers and everything running inside a worker process. */
export function createWorkerConnection(options: ConnectionOptions = {}): Redis {
  return new Redis(connectionOptionsFor('worker', options));
}

/** A fail-fast connection for the HTTP API and CLI commands that only read or enqueue. */
export function createProducerConnection(options: ConnectionOptions = {}): Redis {
  return new Redis(connectionOptionsFor('producer', options));
}

/**
 * Closes a connection without waiting forever: QUIT when Redis answers, otherwise (or after
 * `timeoutMs`) a hard disconnect. Resolves once the socket is closed (`status` is `end`).
 * @param timeoutMs @defaultValue 1000
 */
export async function closeConnection(redis: Redis, timeoutMs = 1000): Promise<void> {
  if (redis.status === 'end') return;
  if (redis.status !== 'ready') {
    // Not connected (Redis gone or never reached): nothing to say goodbye to.
    disconnectNow(redis);
    return;
  }
  const ended = new Promise<'ended'>((resolve) => redis.once('end', () => resolve('ended')));
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    // QUIT failing means the socket is already going; the disconnect below makes the end final.
    redis.quit().catch(() => disconnectNow(redis));
    if ((await Promise.race([ended, timedOut])) === 'timeout') disconnectNow(redis);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Drops the connection at once, without QUIT. ioredis leaves a connection that was between
 * reconnect attempts as 'reconnecting' for good (no socket, no timer left), so it is marked
 * ended here, as BullMQ does for its own connections.
 */
export function disconnectNow(redis: Redis): void {
  redis.disconnect();
  const mutable = redis as unknown as { status: string };
  if (mutable.status !== 'end') mutable.status = 'end';
}
