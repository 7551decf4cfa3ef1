import type { Redis } from 'ioredis';

/**
 * A small Redis set of the queue names this deployment has used, under the same prefix (so the
 * same Cluster slot). Status and scheduler clean-up need it to find the collect queue of a source
 * that is no longer configured.
 */
export function knownQueuesKey(prefix: string): string {
  return `${prefix}:meta:known-queues`;
}

export async function rememberQueues(redis: Redis, prefix: string, names: readonly string[]): Promise<void> {
  if (names.length > 0) await redis.sadd(knownQueuesKey(prefix), ...names);
}

export async function knownQueues(redis: Redis, prefix: string): Promise<string[]> {
  return (await redis.smembers(knownQueuesKey(prefix))).sort();
}
