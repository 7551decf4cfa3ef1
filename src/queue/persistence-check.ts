import { configValueFromReply, infoValue, type RedisCommandRunner } from './preflight.js';

/**
 * Start-up check of how Redis keeps queued jobs on disk. The collect stage moves a source's cursor in
 * the store once Redis has acknowledged the page's process jobs, so a job Redis acknowledged and then
 * lost is a batch of comments never fetched again. Redis loses acknowledged writes when it keeps no
 * append-only file (everything since its last snapshot, if it takes any, when it crashes), or when it
 * syncs that file less often than at every write (`appendfsync everysec`: the last second or two
 * when its host crashes, and even when only the process does while a slow disk holds back its writes).
 * Replicas are another matter: a failover can lose acknowledged writes whatever these settings say.
 */

export interface RedisPersistence {
  /** `appendonly` (from CONFIG GET, else INFO persistence), or undefined when neither tells. */
  appendOnly?: boolean;
  /** `appendfsync` (`always`, `everysec` or `no`), or undefined when CONFIG GET is not allowed. */
  appendFsync?: string;
  /** `no-appendfsync-on-rewrite`: no syncs at all while the file is rewritten, whatever `appendfsync` says. */
  noFsyncOnRewrite?: boolean;
}

async function configValue(redis: RedisCommandRunner, name: string): Promise<string | undefined> {
  try {
    return configValueFromReply(await redis.call('CONFIG', 'GET', name), name)?.toLowerCase();
  } catch {
    // CONFIG is often disabled or renamed on managed Redis: INFO may still tell part of it.
    return undefined;
  }
}

/** `aof_enabled` from `INFO persistence`, or undefined. */
async function aofEnabledFromInfo(redis: RedisCommandRunner): Promise<boolean | undefined> {
  try {
    const info = await redis.call('INFO', 'persistence');
    const enabled = typeof info === 'string' ? infoValue(info, 'aof_enabled') : undefined;
    return enabled === undefined ? undefined : enabled === '1';
  } catch {
    return undefined;
  }
}

export async function readPersistence(redis: RedisCommandRunner): Promise<RedisPersistence> {
  const appendOnly = await configValue(redis, 'appendonly');
  const appendFsync = await configValue(redis, 'appendfsync');
  const noFsyncOnRewrite = await configValue(redis, 'no-appendfsync-on-rewrite');
  const persistence: RedisPersistence = {};
  const aof = appendOnly !== undefined ? appendOnly === 'yes' : await aofEnabledFromInfo(redis);
  if (aof !== undefined) persistence.appendOnly = aof;
  if (appendFsync !== undefined) persistence.appendFsync = appendFsync;
  if (noFsyncOnRewrite !== undefined) persistence.noFsyncOnRewrite = noFsyncOnRewrite === 'yes';
  return persistence;
}

const FIX =
  'Run Redis with `appendonly yes`, `appendfsync always` and `no-appendfsync-on-rewrite no`, as ' +
  'docker-compose.yml does: `redis-cli CONFIG SET appendonly yes` and `CONFIG SET appendfsync always` ' +
  'change a running server, and the same lines in redis.conf (or on its command line) keep them.';

/** Why these settings can lose queued comments, or undefined when they cannot (or are unknown). */
export function persistenceWarning(persistence: RedisPersistence, serverLabel: string): string | undefined {
  const lost = 'including batches of comments whose source has already moved on, which are not fetched again. ';
  if (persistence.appendOnly === false) {
    return (
      `Redis at ${serverLabel} keeps no append-only file: if it crashes, the jobs queued since its last ` +
      `snapshot are lost (all of them if it takes none), ${lost}${FIX}`
    );
  }
  if (persistence.appendOnly !== true) return undefined;
  if (persistence.appendFsync !== undefined && persistence.appendFsync !== 'always') {
    return (
      `Redis at ${serverLabel} syncs its append-only file with appendfsync "${persistence.appendFsync}": if ` +
      `its host crashes (power loss, kernel panic), the jobs of the last second or two before it can be lost, ${lost}${FIX}`
    );
  }
  if (persistence.noFsyncOnRewrite === true) {
    return (
      `Redis at ${serverLabel} runs with no-appendfsync-on-rewrite "yes": while it rewrites its append-only ` +
      `file it syncs nothing, and a crash of its host then can lose the jobs of the last seconds, ${lost}${FIX}`
    );
  }
  return undefined;
}

/** Said at start-up when the file is on but how often it is synced cannot be read. */
export function persistenceUnchecked(persistence: RedisPersistence): boolean {
  return persistence.appendOnly === true && persistence.appendFsync === undefined;
}
