import { describe, expect, it } from 'vitest';
import { persistenceUnchecked, persistenceWarning, readPersistence } from '../../../src/queue/persistence-check.js';
import type { RedisCommandRunner } from '../../../src/queue/preflight.js';

/**
 * Answers CONFIG GET <name> from `config` (or throws, as a Redis with CONFIG renamed away does) and
 * INFO persistence from `info` (or throws when it is undefined).
 */
function fakeRedis(config: Record<string, string> | Error, info?: string): RedisCommandRunner {
  return {
    async call(command, _section, name) {
      if (command === 'INFO') {
        if (info === undefined) throw new Error("ERR unknown command 'INFO'");
        return info;
      }
      if (config instanceof Error) throw config;
      const value = name === undefined ? undefined : config[name];
      return value === undefined ? [] : [name, value];
    },
  };
}

const NO_CONFIG = new Error("ERR unknown command 'CONFIG'");

describe('Redis persistence check', () => {
  it('reads appendonly, appendfsync and no-appendfsync-on-rewrite from CONFIG GET', async () => {
    const settings = { appendonly: 'yes', appendfsync: 'always', 'no-appendfsync-on-rewrite': 'no' };
    expect(await readPersistence(fakeRedis(settings))).toEqual({
      appendOnly: true,
      appendFsync: 'always',
      noFsyncOnRewrite: false,
    });
    expect(await readPersistence(fakeRedis({ appendonly: 'no', appendfsync: 'everysec' }))).toEqual({
      appendOnly: false,
      appendFsync: 'everysec',
    });
  });

  it('falls back to INFO for the append-only file when CONFIG is not allowed, and leaves out what neither tells', async () => {
    expect(await readPersistence(fakeRedis(NO_CONFIG, '# Persistence\r\nloading:0\r\naof_enabled:0\r\n'))).toEqual({
      appendOnly: false,
    });
    expect(await readPersistence(fakeRedis(NO_CONFIG, '# Persistence\r\naof_enabled:1\r\n'))).toEqual({
      appendOnly: true,
    });
    expect(await readPersistence(fakeRedis(NO_CONFIG))).toEqual({});
  });

  it('says nothing when every acknowledged job is synced, or when nothing is known', () => {
    expect(
      persistenceWarning({ appendOnly: true, appendFsync: 'always', noFsyncOnRewrite: false }, 'r:1'),
    ).toBeUndefined();
    expect(persistenceWarning({}, 'r:1')).toBeUndefined();
    expect(persistenceWarning({ appendOnly: true }, 'r:1')).toBeUndefined();
  });

  it('warns without an append-only file, naming the loss and the fix', () => {
    const warning = persistenceWarning({ appendOnly: false }, 'r:1');
    expect(warning).toContain('Redis at r:1 keeps no append-only file');
    expect(warning).toContain('not fetched again');
    expect(warning).toContain('`appendfsync always`');
  });

  it('warns when the append-only file is synced less often than every write, or not while rewritten', () => {
    for (const policy of ['everysec', 'no']) {
      const warning = persistenceWarning({ appendOnly: true, appendFsync: policy }, 'r:1');
      expect(warning).toContain(`appendfsync "${policy}"`);
      expect(warning).toContain('host crashes');
      expect(warning).toContain('CONFIG SET appendfsync always');
    }
    const rewrite = persistenceWarning({ appendOnly: true, appendFsync: 'always', noFsyncOnRewrite: true }, 'r:1');
    expect(rewrite).toContain('no-appendfsync-on-rewrite "yes"');
  });

  it('tells when the file is on but how often it is synced cannot be read', () => {
    expect(persistenceUnchecked({ appendOnly: true })).toBe(true);
    expect(persistenceUnchecked({ appendOnly: true, appendFsync: 'always' })).toBe(false);
    expect(persistenceUnchecked({ appendOnly: false })).toBe(false);
    expect(persistenceUnchecked({})).toBe(false);
  });
});
