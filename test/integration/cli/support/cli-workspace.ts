import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

/**
 * A throwaway place for a CLI test: a temp working folder (store, exports, inbox) and a fresh Redis
 * key prefix on the shared Redis. Cleanup deletes every key under the prefix and the folder.
 */

/** The shared Redis; REDIS_URL overrides. */
export const TEST_REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** A fixed 40-character key, so runs do not warn about the development author-hash key. */
const AUTHOR_HASH_KEY = 'cli-test-author-hash-key-0123456789abcdef';

export interface CliWorkspace {
  dir: string;
  prefix: string;
  dataDir: string;
  exportDir: string;
  inboxDir: string;
  sqlitePath: string;
  /** The environment a user would set for this workspace, plus `extra`. */
  env(extra?: Record<string, string>): Record<string, string>;
  /** Names of Redis clients still connected under the prefix (waits up to 2 s for them to go). */
  openConnections(): Promise<string[]>;
  cleanup(): Promise<void>;
}

export function freshPrefix(): string {
  return `{cvtest-${randomBytes(5).toString('hex')}}`;
}

/** SCAN + UNLINK of `<prefix>:*`. Braces are literal in a MATCH pattern; only * ? [ ] \ are escaped. */
export async function deleteKeysUnder(redis: Redis, prefix: string): Promise<number> {
  const pattern = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}:*`;
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    if (keys.length > 0) deleted += await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
  return deleted;
}

export async function clientsNamedWith(redis: Redis, prefix: string): Promise<string[]> {
  let names: string[] = [];
  for (let i = 0; i < 40; i++) {
    const list = (await redis.call('CLIENT', 'LIST')) as string;
    names = list
      .split('\n')
      .map((line) => /(?:^| )name=(\S*)/.exec(line)?.[1] ?? '')
      .filter((name) => name.includes(prefix));
    if (names.length === 0) return [];
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return names;
}

export async function createCliWorkspace(): Promise<CliWorkspace> {
  const dir = await mkdtemp(join(tmpdir(), 'carevoice-cli-'));
  const prefix = freshPrefix();
  const dataDir = join(dir, 'data');
  const exportDir = join(dir, 'exports');
  const inboxDir = join(dir, 'inbox');
  const withAdmin = async <T>(work: (redis: Redis) => Promise<T>): Promise<T> => {
    const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
    try {
      return await work(redis);
    } finally {
      redis.disconnect();
    }
  };
  return {
    dir,
    prefix,
    dataDir,
    exportDir,
    inboxDir,
    sqlitePath: join(dataDir, 'carevoice.sqlite'),
    env: (extra = {}) => ({
      REDIS_URL: TEST_REDIS_URL,
      CAREVOICE_REDIS_PREFIX: prefix,
      // Tests use the shared Redis only; never a private redis-server in the temp folder.
      CAREVOICE_START_LOCAL_REDIS: 'false',
      CAREVOICE_DATA_DIR: dataDir,
      CAREVOICE_EXPORT_DIR: exportDir,
      CAREVOICE_INBOX_DIR: inboxDir,
      CAREVOICE_AUTHOR_HASH_KEY: AUTHOR_HASH_KEY,
      LOG_LEVEL: 'warn',
      ...extra,
    }),
    openConnections: () => withAdmin((redis) => clientsNamedWith(redis, prefix)),
    cleanup: async () => {
      await withAdmin((redis) => deleteKeysUnder(redis, prefix));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
