import type { Logger } from 'pino';
import type { Config } from '../src/config/load-config.js';
import { DEFAULT_REDIS_URL, redactUrl } from '../src/queue/connections.js';
import { type EnsuredRedis, ensureRedis, RedisUnavailableError } from '../src/queue/index.js';
import { redisAnswers } from '../src/queue/redis-ping.js';

/**
 * Where this process finds Redis. Single-machine commands (`start`, `run --once`) may start a
 * private redis-server when REDIS_URL is unset or silent; scale-out workers never do, because a
 * private Redis would split them from the rest of the fleet.
 */
export async function redisEndpoint(
  config: Config,
  logger: Logger,
  options: { mayStartLocal: boolean },
): Promise<EnsuredRedis> {
  if (options.mayStartLocal && config.redis.startLocal) {
    return ensureRedis({
      dataDir: config.dataDir,
      logger,
      ...(config.redis.url ? { redisUrl: config.redis.url } : {}),
    });
  }
  const url = config.redis.url ?? DEFAULT_REDIS_URL;
  if (!(await redisAnswers(url, 2000))) {
    throw new RedisUnavailableError(
      `Redis at ${redactUrl(url)} does not answer. Set REDIS_URL to a running Redis (maxmemory-policy noeviction).`,
    );
  }
  return { url, privateServer: false, stop: async () => {} };
}
