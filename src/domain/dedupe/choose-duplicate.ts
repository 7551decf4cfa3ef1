import { hammingDistance } from './simhash.js';

/**
 * The duplicate rule, pure: which earlier comment (if any) a comment repeats. The caller gathers
 * the pool (stored candidates plus earlier items of the same batch) and what each one duplicates.
 */

export interface DedupeOptions {
  /**
   * Normalised texts shorter than this are never duplicates: "Nothing." from 197 people is 197 comments.
   * @defaultValue 40
   */
  minLength: number;
  /**
   * Largest SimHash Hamming distance still counted as a near-duplicate.
   * @defaultValue 3
   */
  maxHammingDistance: number;
}

export const DEFAULT_DEDUPE_OPTIONS: DedupeOptions = { minLength: 40, maxHammingDistance: 3 };

export interface DedupeSubject {
  /** Natural key `source:externalId`. */
  key: string;
  contentHash: string;
  simhash: string;
  /** Length of the dedupe-normalised text. */
  normalisedLength: number;
}

export interface PoolEntry {
  key: string;
  contentHash: string;
  simhash: string;
  /** What this earlier comment itself duplicates, when known (null: it is an original). */
  duplicateOf: string | null;
}

/** Whether `entry` matches `subject` by content hash or SimHash distance (ignoring who is earlier). */
export function isDuplicateMatch(subject: DedupeSubject, entry: PoolEntry, options: DedupeOptions): boolean {
  if (entry.key === subject.key || subject.normalisedLength < options.minLength) return false;
  if (entry.contentHash === subject.contentHash) return true;
  return hammingDistance(entry.simhash, subject.simhash) <= options.maxHammingDistance;
}

/**
 * The natural key of the original this comment duplicates, or null. An exact match beats a near
 * one, then the smaller distance, then the smaller key (so the answer never depends on pool order).
 * Chains resolve to their original; an entry that already duplicates the subject is skipped, so
 * two comments never point at each other.
 */
export function chooseDuplicateOf(
  subject: DedupeSubject,
  pool: Iterable<PoolEntry>,
  options: DedupeOptions = DEFAULT_DEDUPE_OPTIONS,
): string | null {
  let best: { entry: PoolEntry; distance: number } | null = null;
  for (const entry of pool) {
    if (entry.duplicateOf === subject.key || !isDuplicateMatch(subject, entry, options)) continue;
    const distance = entry.contentHash === subject.contentHash ? -1 : hammingDistance(entry.simhash, subject.simhash);
    if (best === null || distance < best.distance || (distance === best.distance && entry.key < best.entry.key)) {
      best = { entry, distance };
    }
  }
  if (best === null) return null;
  const original = best.entry.duplicateOf ?? best.entry.key;
  return original === subject.key ? null : original;
}
