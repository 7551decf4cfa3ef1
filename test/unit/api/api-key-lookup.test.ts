import { describe, expect, it } from 'vitest';
import { ApiKeyLookup, MAX_REMEMBERED_KEYS } from '../../../src/api/auth/api-key-lookup.js';
import { DataVersionWatch } from '../../../src/api/response-cache/data-version-watch.js';
import type { ApiKeyRecord } from '../../../src/storage/api-key-types.js';
import { apiKeyRecord } from '../../support/api-key-record.js';

const record = (keyHash: string, revokedAt: string | null = null): ApiKeyRecord =>
  apiKeyRecord({ id: keyHash.slice(0, 12), keyHash, revokedAt });

/** Keys in memory with a version that changes on every write, as the store's does. */
function fakeKeys() {
  const keys = new Map<string, ApiKeyRecord>();
  const calls = { count: 0, find: 0 };
  let version = 0;
  let failing = false;
  const store = {
    countApiKeys: async () => {
      calls.count++;
      if (failing) throw new Error('store unreachable');
      return keys.size;
    },
    findApiKeyByHash: async (hash: string) => {
      calls.find++;
      if (failing) throw new Error('store unreachable');
      return keys.get(hash) ?? null;
    },
  };
  // An interval of 0: every call re-reads the version, so only the version decides what is kept.
  const versions = new DataVersionWatch(
    async () => ({ aggregates: 'a', triangulation: 't', api_keys: `k${version}` }),
    0,
  );
  return {
    lookup: new ApiKeyLookup(store, versions),
    calls,
    write(key: ApiKeyRecord) {
      keys.set(key.keyHash, key);
      version++;
    },
    failing(value: boolean) {
      failing = value;
    },
  };
}

describe('ApiKeyLookup', () => {
  it('asks the store once per version of the keys, and again once it changes', async () => {
    const keys = fakeKeys();
    expect(await keys.lookup.anyKeyExists()).toBe(false);
    expect(await keys.lookup.anyKeyExists()).toBe(false);
    expect(await keys.lookup.find('a')).toBeNull();
    expect(await keys.lookup.find('a')).toBeNull();
    expect(keys.calls).toEqual({ count: 1, find: 1 });

    keys.write(record('a'));
    expect(await keys.lookup.anyKeyExists()).toBe(true);
    expect(await keys.lookup.find('a')).toEqual(record('a'));
    expect(await keys.lookup.find('a')).toEqual(record('a'));
    expect(keys.calls).toEqual({ count: 2, find: 2 });

    keys.write(record('a', '2026-11-28T01:00:00.000Z'));
    expect((await keys.lookup.find('a'))?.revokedAt).toBe('2026-11-28T01:00:00.000Z');
  });

  it('does not keep a failed read: the next request asks again', async () => {
    const keys = fakeKeys();
    keys.write(record('a'));
    keys.failing(true);
    await expect(keys.lookup.anyKeyExists()).rejects.toThrow('store unreachable');
    await expect(keys.lookup.find('a')).rejects.toThrow('store unreachable');
    keys.failing(false);
    expect(await keys.lookup.anyKeyExists()).toBe(true);
    expect(await keys.lookup.find('a')).toEqual(record('a'));
  });

  it(`remembers at most ${MAX_REMEMBERED_KEYS} hashes, dropping the least recently used`, async () => {
    const keys = fakeKeys();
    keys.write(record('in-use'));
    await keys.lookup.find('in-use');
    for (let i = 0; i < MAX_REMEMBERED_KEYS; i++) {
      await keys.lookup.find(`made-up-${i}`);
      // The key in use is asked for now and then, between the made-up ones, and stays.
      if (i % 1000 === 0) await keys.lookup.find('in-use');
    }
    expect(keys.calls.find).toBe(MAX_REMEMBERED_KEYS + 1);
    await keys.lookup.find('in-use');
    await keys.lookup.find(`made-up-${MAX_REMEMBERED_KEYS - 1}`);
    expect(keys.calls.find).toBe(MAX_REMEMBERED_KEYS + 1);
    // The oldest made-up one went to make room.
    await keys.lookup.find('made-up-0');
    expect(keys.calls.find).toBe(MAX_REMEMBERED_KEYS + 2);
  });
});
