import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * A single-key Redis lock (SET NX PX with a random token, released only by its holder) so that
 * several processes starting together take turns at work that must not interleave.
 */

export class LockTimeoutError extends Error {
  readonly code = 'lock_timeout';
  constructor(key: string, waitedMs: number) {
    super(`waited ${waitedMs} ms for the Redis lock "${key}"; another process holds it (it expires by itself)`);
    this.name = 'LockTimeoutError';
  }
}

export interface LockOptions {
  /** The lock expires after this long even if its holder dies. @defaultValue 30000 */
  ttlMs?: number;
  /** Give up waiting for the lock after this long. @defaultValue 30000 */
  waitMs?: number;
  /** Pause between attempts. @defaultValue 50 */
  retryMs?: number;
}

const RELEASE_SCRIPT =
  "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

export async function withRedisLock<T>(
  redis: Redis,
  key: string,
  fn: () => Promise<T>,
  options: LockOptions = {},
): Promise<T> {
  const ttlMs = options.ttlMs ?? 30_000;
  const waitMs = options.waitMs ?? 30_000;
  const retryMs = options.retryMs ?? 50;
  const token = randomUUID();
  const started = Date.now();
  while ((await redis.set(key, token, 'PX', ttlMs, 'NX')) !== 'OK') {
    if (Date.now() - started >= waitMs) throw new LockTimeoutError(key, Date.now() - started);
    await new Promise((resolve) => setTimeout(resolve, retryMs));
  }
  try {
    return await fn();
  } finally {
    await redis.eval(RELEASE_SCRIPT, 1, key, token);
  }
}
