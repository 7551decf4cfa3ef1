import { describe, expect, it } from 'vitest';
import { persistenceWarning, readPersistence } from '../../../src/queue/persistence-check.js';
import type { RedisCommandRunner } from '../../../src/queue/preflight.js';

/** Answers CONFIG GET <name> from `settings`, or throws as a Redis with CONFIG renamed away does. */
function fakeRedis(settings: Record<string, string> | Error): RedisCommandRunner {
  return {
    async call(_command, _get, name) {
      if (settings instanceof Error) throw settings;
      const value = name === undefined ? undefined : settings[name];
      return value === undefined ? [] : [name, value];
    },
  };
}

describe('Redis persistence check', () => {
  it('reads appendonly and appendfsync, and leaves out what CONFIG does not tell', async () => {
    expect(await readPersistence(fakeRedis({ appendonly: 'yes', appendfsync: 'always' }))).toEqual({
      appendOnly: true,
      appendFsync: 'always',
    });
    expect(await readPersistence(fakeRedis({ appendonly: 'no', appendfsync: 'everysec' }))).toEqual({
      appendOnly: false,
      appendFsync: 'everysec',
    });
    expect(await readPersistence(fakeRedis(new Error("ERR unknown command 'CONFIG'")))).toEqual({});
  });

  it('says nothing when every acknowledged job is synced, or when the settings are unknown', () => {
    expect(persistenceWarning({ appendOnly: true, appendFsync: 'always' }, 'r:1')).toBeUndefined();
    expect(persistenceWarning({}, 'r:1')).toBeUndefined();
    expect(persistenceWarning({ appendOnly: true }, 'r:1')).toBeUndefined();
  });

  it('warns without an append-only file, naming the loss and the fix', () => {
    const warning = persistenceWarning({ appendOnly: false, appendFsync: 'everysec' }, 'r:1');
    expect(warning).toContain('Redis at r:1 keeps no append-only file');
    expect(warning).toContain('not fetched again');
    expect(warning).toContain('`appendfsync always`');
  });

  it('warns when the append-only file is synced less often than every write', () => {
    for (const policy of ['everysec', 'no']) {
      const warning = persistenceWarning({ appendOnly: true, appendFsync: policy }, 'r:1');
      expect(warning).toContain(`appendfsync "${policy}"`);
      expect(warning).toContain('host crashes');
      expect(warning).toContain('CONFIG SET appendfsync always');
    }
  });
});
