import { describe, expect, it } from 'vitest';
import { DataVersionWatch } from '../../../src/api/response-cache/data-version-watch.js';
import type { DataVersions } from '../../../src/storage/data-versions.js';

function fakeStore() {
  let version = 1;
  let reads = 0;
  return {
    bump: () => void version++,
    get reads() {
      return reads;
    },
    read: async (): Promise<DataVersions> => {
      reads++;
      return { aggregates: `a${version}`, triangulation: 't', api_keys: 'k' };
    },
  };
}

describe('DataVersionWatch', () => {
  it('re-reads the versions at most once per interval, however many callers ask', async () => {
    const store = fakeStore();
    let now = 0;
    const watch = new DataVersionWatch(store.read, 1000, () => now);
    expect((await watch.current()).aggregates).toBe('a1');
    store.bump();
    now = 999;
    for (let i = 0; i < 10; i++) expect((await watch.current()).aggregates).toBe('a1');
    expect(store.reads).toBe(1);
    now = 1000;
    expect((await watch.current()).aggregates).toBe('a2');
    expect(store.reads).toBe(2);
  });

  it('shares one read among concurrent callers', async () => {
    const store = fakeStore();
    const watch = new DataVersionWatch(store.read, 1000, () => 0);
    const answers = await Promise.all(Array.from({ length: 20 }, () => watch.current()));
    expect(new Set(answers.map((a) => a.aggregates))).toEqual(new Set(['a1']));
    expect(store.reads).toBe(1);
  });

  it('does not keep a failed read: the next caller tries again', async () => {
    let fail = true;
    const watch = new DataVersionWatch(
      async () => {
        if (fail) throw new Error('store unreachable');
        return { aggregates: 'a', triangulation: 't', api_keys: 'k' };
      },
      1000,
      () => 0,
    );
    await expect(watch.current()).rejects.toThrow(/store unreachable/);
    fail = false;
    expect((await watch.current()).aggregates).toBe('a');
  });
});
