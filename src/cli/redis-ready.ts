import type { Redis } from 'ioredis';

/**
 * Waits until a connection is ready. A producer-role connection refuses commands while it is still
 * connecting (no offline queue), so a one-shot command must wait for `ready` before its first command.
 * Resolves false when Redis does not answer within `timeoutMs` or the connection ends.
 */
export function waitUntilReady(redis: Redis, timeoutMs: number): Promise<boolean> {
  if (redis.status === 'ready') return Promise.resolve(true);
  if (redis.status === 'end') return Promise.resolve(false);
  return new Promise((resolve) => {
    const finish = (ready: boolean) => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      redis.off('end', onEnd);
      resolve(ready);
    };
    const onReady = () => finish(true);
    const onEnd = () => finish(false);
    const timer = setTimeout(() => finish(false), timeoutMs);
    redis.once('ready', onReady);
    redis.once('end', onEnd);
  });
}
