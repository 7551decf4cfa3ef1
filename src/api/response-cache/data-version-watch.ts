/**
 * The store's data versions as this process last read them, re-read at most once per interval: a
 * cached answer may be served for up to `intervalMs` after another process committed new data, and
 * the store sees one tiny query per interval however many requests arrive.
 */
import type { DataVersions } from '../../storage/data-versions.js';

export class DataVersionWatch {
  readonly #read: () => Promise<DataVersions>;
  readonly #intervalMs: number;
  readonly #now: () => number;
  #last: { versions: DataVersions; readStartedAt: number } | undefined;
  #reading: Promise<DataVersions> | undefined;

  constructor(read: () => Promise<DataVersions>, intervalMs: number, now: () => number = () => performance.now()) {
    this.#read = read;
    this.#intervalMs = intervalMs;
    this.#now = now;
  }

  /**
   * Versions read no earlier than `intervalMs` ago (timed from the start of the read, so the bound
   * holds whatever the read took). Concurrent callers share one read; a failed read is not kept.
   */
  current(): Promise<DataVersions> {
    const now = this.#now();
    if (this.#last && now - this.#last.readStartedAt < this.#intervalMs) return Promise.resolve(this.#last.versions);
    if (!this.#reading) {
      this.#reading = this.#read()
        .then((versions) => {
          this.#last = { versions, readStartedAt: now };
          return versions;
        })
        .finally(() => {
          this.#reading = undefined;
        });
    }
    return this.#reading;
  }
}
