/**
 * Pool entries indexed by content hash and by the four 16-bit bands of their SimHash. Two hashes
 * within Hamming distance 3 share at least one band (pigeonhole), so a subject only needs checking
 * against its band neighbours, not the whole pool: per-item cost stays flat as the store grows.
 */

export interface IndexedEntry {
  contentHash: string;
  /** 16 hex digits. */
  simhash: string;
}

/** Largest distance the four-band index can answer exactly; beyond it every entry is a candidate. */
export const MAX_BANDED_DISTANCE = 3;

function bandKeys(simhash: string): string[] {
  const hex = simhash.toLowerCase();
  return [`0${hex.slice(0, 4)}`, `1${hex.slice(4, 8)}`, `2${hex.slice(8, 12)}`, `3${hex.slice(12, 16)}`];
}

export class DuplicateCandidateIndex<T extends IndexedEntry> {
  readonly #all: T[] = [];
  /** Positions in #all, ascending, per content-hash or band key. */
  readonly #buckets = new Map<string, number[]>();
  readonly #banded: boolean;

  /** @param maxHammingDistance the near-duplicate threshold the caller will apply */
  constructor(maxHammingDistance: number) {
    this.#banded = maxHammingDistance <= MAX_BANDED_DISTANCE;
  }

  get size(): number {
    return this.#all.length;
  }

  add(entry: T): void {
    const position = this.#all.push(entry) - 1;
    if (!this.#banded) return;
    for (const key of [`h${entry.contentHash}`, ...bandKeys(entry.simhash)]) {
      const bucket = this.#buckets.get(key);
      if (bucket) bucket.push(position);
      else this.#buckets.set(key, [position]);
    }
  }

  /**
   * Every entry that can match `subject` (same content hash, or within the distance), each once, in
   * the order added; possibly more, never fewer. The caller still applies the duplicate rule.
   */
  candidatesFor(subject: IndexedEntry): T[] {
    if (!this.#banded) return [...this.#all];
    const positions = new Set<number>();
    for (const key of [`h${subject.contentHash}`, ...bandKeys(subject.simhash)]) {
      for (const position of this.#buckets.get(key) ?? []) positions.add(position);
    }
    return [...positions].sort((a, b) => a - b).map((position) => this.#all[position]!);
  }
}
