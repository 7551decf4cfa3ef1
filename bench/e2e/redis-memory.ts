import type { Redis } from 'ioredis';

/** One field of `INFO memory`, in bytes. */
export async function redisMemoryField(redis: Redis, field: 'used_memory' | 'used_memory_peak'): Promise<number> {
  const info = await redis.info('memory');
  const match = new RegExp(`^${field}:(\\d+)`, 'm').exec(info);
  if (!match) throw new Error(`INFO memory has no ${field}`);
  return Number(match[1]);
}

/**
 * Samples `used_memory` while a run goes on. Redis is shared, so the run's own footprint is the
 * highest sample minus the level before the run; `used_memory_peak` is server-wide since start.
 */
export class RedisMemorySampler {
  #baseline = 0;
  #highest = 0;

  constructor(private readonly redis: Redis) {}

  async start(): Promise<void> {
    this.#baseline = await redisMemoryField(this.redis, 'used_memory');
    this.#highest = this.#baseline;
  }

  async sample(): Promise<void> {
    this.#highest = Math.max(this.#highest, await redisMemoryField(this.redis, 'used_memory'));
  }

  /** Highest sampled growth over the baseline, in MB. */
  get peakGrowthMb(): number {
    return (this.#highest - this.#baseline) / 2 ** 20;
  }
}

/** Deletes every key under a BullMQ prefix (SCAN + UNLINK), so a run leaves nothing in a shared Redis. */
export async function deletePrefix(redis: Redis, prefix: string): Promise<number> {
  let removed = 0;
  let cursor = '0';
  // The prefix is a hash tag such as `{cvbench-1a2b}`; glob characters in it are escaped.
  const pattern = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}:*`;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) removed += await redis.unlink(...keys);
  } while (cursor !== '0');
  return removed;
}
