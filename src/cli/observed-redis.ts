import type { Config } from '../config/load-config.js';
import { observedRedisUrl } from '../queue/local-redis.js';

/** The Redis a read-only command looks at: the one `start` / `run --once` would use here, a private one included. */
export function observedRedisUrlFor(config: Config): Promise<string> {
  return observedRedisUrl({ dataDir: config.dataDir, redisUrl: config.redis.url, startLocal: config.redis.startLocal });
}
