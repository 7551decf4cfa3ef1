/**
 * A least-recently-used map bounded by the bytes of what it holds, not by its number of entries:
 * one trust's every score cell is ~375 KB while its overall score is ~3 KB, so a count bound would
 * either waste memory or hold too little.
 */
export class ByteLru<V> {
  readonly #maxBytes: number;
  readonly #sizeOf: (value: V) => number;
  // A Map iterates in insertion order: re-inserting on each hit keeps the least recently used first.
  readonly #entries = new Map<string, { value: V; bytes: number }>();
  #bytes = 0;

  /** `sizeOf` must count the key's share too if keys can be large; 0 `maxBytes` holds nothing. */
  constructor(maxBytes: number, sizeOf: (value: V) => number) {
    if (!Number.isInteger(maxBytes) || maxBytes < 0) {
      throw new RangeError(`maxBytes must be a non-negative integer, got ${maxBytes}`);
    }
    this.#maxBytes = maxBytes;
    this.#sizeOf = sizeOf;
  }

  get bytes(): number {
    return this.#bytes;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value;
  }

  /** Stores `value`, evicting the least recently used until it fits; a value larger than the whole
   *  bound is not stored (returns false), so one huge answer cannot empty the cache. */
  set(key: string, value: V): boolean {
    this.delete(key);
    const bytes = this.#sizeOf(value) + key.length;
    if (bytes > this.#maxBytes) return false;
    for (const [oldest, entry] of this.#entries) {
      if (this.#bytes + bytes <= this.#maxBytes) break;
      this.#entries.delete(oldest);
      this.#bytes -= entry.bytes;
    }
    this.#entries.set(key, { value, bytes });
    this.#bytes += bytes;
    return true;
  }

  delete(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    this.#bytes -= entry.bytes;
  }

  /** Drops every entry whose key matches, e.g. all answers computed from a superseded data version. */
  deleteWhere(matches: (key: string) => boolean): void {
    for (const key of [...this.#entries.keys()]) if (matches(key)) this.delete(key);
  }
}
