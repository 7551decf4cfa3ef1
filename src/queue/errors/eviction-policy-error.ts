/** Redis may evict keys, which would silently lose jobs: the runtime refuses to start. */
export class EvictionPolicyError extends Error {
  readonly code = 'redis_eviction_policy';
  constructor(
    readonly found: string,
    readonly serverLabel: string,
  ) {
    super(
      `Redis at ${serverLabel} runs with maxmemory-policy "${found}", so it may evict keys under memory pressure ` +
        'and BullMQ jobs would vanish without a trace. CareVoice needs "noeviction" (Redis then refuses writes ' +
        'when full, which the queue reports as an error instead of losing work). Fix it now with ' +
        '`redis-cli CONFIG SET maxmemory-policy noeviction` (and `CONFIG REWRITE` to keep it), or permanently ' +
        'with the line `maxmemory-policy noeviction` in redis.conf, then start CareVoice again.',
    );
    this.name = 'EvictionPolicyError';
  }
}

/** Neither CONFIG GET nor INFO told us the policy (both disabled or unreadable). */
export class EvictionPolicyUnknownError extends Error {
  readonly code = 'redis_eviction_policy_unknown';
  constructor(
    readonly serverLabel: string,
    reason: string,
  ) {
    super(
      `Could not read maxmemory-policy from Redis at ${serverLabel} (${reason}). CareVoice needs ` +
        '"noeviction"; allow CONFIG GET or INFO for this user, or check the server by hand with ' +
        '`redis-cli CONFIG GET maxmemory-policy`.',
    );
    this.name = 'EvictionPolicyUnknownError';
  }
}
