import { Redis } from 'ioredis';
import { redisOptionsFromUrl } from './connections.js';

/**
 * True when a Redis at `url` answers PING within `timeoutMs`. One attempt, no retries, and the
 * probe connection is always closed.
 * @param timeoutMs @defaultValue 1000
 */
export async function redisAnswers(url: string, timeoutMs = 1000): Promise<boolean> {
  const probe = new Redis({
    ...redisOptionsFromUrl(url),
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
    // Behind sentinels, one sweep of them: a probe that found none answering has its answer.
    sentinelRetryStrategy: () => null,
    // A one-shot probe has no failover to follow; the listener would open connections of its own.
    failoverDetector: false,
  });
  // The probe's failures are the answer; a listener keeps them from surfacing as unhandled errors.
  probe.on('error', () => {});
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const ping = probe
      .connect()
      .then(() => probe.ping())
      .then((reply) => reply === 'PONG')
      .catch(() => false);
    return await Promise.race([ping, timeout]);
  } finally {
    clearTimeout(timer);
    probe.disconnect();
  }
}
