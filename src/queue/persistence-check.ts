import type { RedisCommandRunner } from './preflight.js';

/**
 * Start-up check of how Redis keeps queued jobs on disk. The collect stage moves a source's cursor in
 * the store once Redis has acknowledged the page's process jobs, so a job Redis acknowledged and then
 * lost is a batch of comments never fetched again. Redis loses acknowledged writes when it keeps no
 * append-only file (all of them at a restart), or when it syncs that file less often than every write
 * (`appendfsync everysec`: up to a second of them when its host crashes; a crash of the redis-server
 * process alone loses nothing, since the file's writes are already with the kernel).
 */

export interface RedisPersistence {
  /** `appendonly`, or undefined when CONFIG GET is not allowed. */
  appendOnly?: boolean;
  /** `appendfsync` (`always`, `everysec` or `no`), or undefined when CONFIG GET is not allowed. */
  appendFsync?: string;
}

async function configValue(redis: RedisCommandRunner, name: string): Promise<string | undefined> {
  try {
    const reply = await redis.call('CONFIG', 'GET', name);
    return Array.isArray(reply) && reply.length >= 2 ? String(reply[1]) : undefined;
  } catch {
    // CONFIG is often disabled or renamed on managed Redis: the settings are then unknown, not wrong.
    return undefined;
  }
}

export async function readPersistence(redis: RedisCommandRunner): Promise<RedisPersistence> {
  const appendOnly = await configValue(redis, 'appendonly');
  const appendFsync = await configValue(redis, 'appendfsync');
  const persistence: RedisPersistence = {};
  if (appendOnly !== undefined) persistence.appendOnly = appendOnly.toLowerCase() === 'yes';
  if (appendFsync !== undefined) persistence.appendFsync = appendFsync.toLowerCase();
  return persistence;
}

const FIX =
  'Run Redis with `appendonly yes` and `appendfsync always` (`redis-cli CONFIG SET appendonly yes`, ' +
  '`CONFIG SET appendfsync always`, then `CONFIG REWRITE` to keep them), as docker-compose.yml does.';

/** Why these settings can lose queued comments, or undefined when they cannot (or are unknown). */
export function persistenceWarning(persistence: RedisPersistence, serverLabel: string): string | undefined {
  if (persistence.appendOnly === false) {
    return (
      `Redis at ${serverLabel} keeps no append-only file: if it restarts, every queued job is lost, ` +
      'including batches of comments whose source has already moved on, which are not fetched again. ' +
      FIX
    );
  }
  if (
    persistence.appendOnly === true &&
    persistence.appendFsync !== undefined &&
    persistence.appendFsync !== 'always'
  ) {
    return (
      `Redis at ${serverLabel} syncs its append-only file with appendfsync "${persistence.appendFsync}": if its ` +
      'host crashes (power loss, kernel panic), the jobs of the last moments before it can be lost, including ' +
      'batches of comments whose source has already moved on, which are not fetched again. ' +
      FIX
    );
  }
  return undefined;
}
