/**
 * What the API key guard asks of the store (whether any key exists, and the record of a key's hash)
 * read once per change of the store's API keys data version rather than once per request: on
 * PostgreSQL that per-request query halved the rate of small cached answers (docs/BENCHMARKS.md,
 * "API keys read once per version"). Every write to `api_keys` changes the version in its
 * transaction, by trigger (migration 015), and the versions are re-read at most once per interval
 * (DataVersionWatch, `api.dataVersionCheckMs`), so a new or revoked key takes effect within that
 * interval on every API process.
 */

import type { ApiKeyRecord } from '../../storage/api-key-types.js';
import type { Store } from '../../storage/store.js';
import type { DataVersionWatch } from '../response-cache/data-version-watch.js';

/**
 * Hashes remembered per version, unknown ones included: enough for every key a deployment has, and
 * a bound on what a client sending made-up keys can make the process hold (a few MB). The least
 * recently used goes first, so a flood of made-up keys does not push out the keys in use.
 */
export const MAX_REMEMBERED_KEYS = 10_000;

export class ApiKeyLookup {
  readonly #store: Pick<Store, 'countApiKeys' | 'findApiKeyByHash'>;
  readonly #versions: DataVersionWatch;
  #version: string | undefined;
  #anyKey: Promise<boolean> | undefined;
  /** Least recently used first: a Map iterates in insertion order, and a hit is inserted again. */
  readonly #records = new Map<string, Promise<ApiKeyRecord | null>>();

  constructor(store: Pick<Store, 'countApiKeys' | 'findApiKeyByHash'>, versions: DataVersionWatch) {
    this.#store = store;
    this.#versions = versions;
  }

  /** Whether any key was ever created (revoked ones count), as of the current version. */
  async anyKeyExists(): Promise<boolean> {
    await this.#forgetIfChanged();
    if (!this.#anyKey) {
      const counting = this.#store.countApiKeys().then((count) => count > 0);
      this.#anyKey = counting;
      // A failed read (the store unreachable) is not kept: the next request asks again.
      counting.catch(() => {
        if (this.#anyKey === counting) this.#anyKey = undefined;
      });
    }
    return this.#anyKey;
  }

  /** The record of the key with this hash, null if there is none, as of the current version. */
  async find(keyHash: string): Promise<ApiKeyRecord | null> {
    await this.#forgetIfChanged();
    let record = this.#records.get(keyHash);
    if (record) {
      this.#records.delete(keyHash);
      this.#records.set(keyHash, record);
    } else {
      const finding = this.#store.findApiKeyByHash(keyHash);
      record = finding;
      if (this.#records.size >= MAX_REMEMBERED_KEYS) this.#records.delete(this.#records.keys().next().value!);
      this.#records.set(keyHash, finding);
      finding.catch(() => {
        if (this.#records.get(keyHash) === finding) this.#records.delete(keyHash);
      });
    }
    return record;
  }

  /** Drops what was read under an earlier version of the keys. */
  async #forgetIfChanged(): Promise<void> {
    const version = (await this.#versions.current()).api_keys;
    if (version === this.#version) return;
    this.#version = version;
    this.#anyKey = undefined;
    this.#records.clear();
  }
}
