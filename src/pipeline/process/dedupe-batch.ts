import { DuplicateCandidateIndex } from '../../domain/dedupe/candidate-index.js';
import type { DedupeOptions, DedupeSubject, PoolEntry } from '../../domain/dedupe/choose-duplicate.js';
import { chooseDuplicateOf, isDuplicateMatch } from '../../domain/dedupe/choose-duplicate.js';
import { contentHashOfNormalised, normaliseForDedupe } from '../../domain/dedupe/content-hash.js';
import { simhash } from '../../domain/dedupe/simhash.js';
import type { RedactedComment } from '../../domain/model.js';
import type { DuplicateCandidate, DuplicateLookup } from '../../storage/store.js';

/**
 * Duplicate decisions for one batch, in batch order: stored comments and earlier items of the same
 * batch are the pool. Re-processing a stored comment with unchanged text keeps its earlier answer,
 * so the result never depends on how often a page was fetched.
 */

export interface DedupeKeys extends DedupeSubject {
  source: string;
  externalId: string;
}

export function naturalKey(source: string, externalId: string): string {
  return `${source}:${externalId}`;
}

export function dedupeKeysOf(comment: RedactedComment): DedupeKeys {
  const normalised = normaliseForDedupe(comment.text);
  return {
    source: comment.source,
    externalId: comment.externalId,
    key: naturalKey(comment.source, comment.externalId),
    contentHash: contentHashOfNormalised(normalised),
    simhash: simhash(normalised),
    normalisedLength: normalised.length,
  };
}

/**
 * Returns duplicateOf per natural key for `items`, which must be in batch order. `lookup` is the
 * store as the write transaction sees it (Store.upsertComments' resolveDuplicates), so no concurrent
 * batch can store a matching original between this decision and its write.
 */
export async function dedupeBatch(
  lookup: DuplicateLookup,
  items: readonly DedupeKeys[],
  options: DedupeOptions,
): Promise<Map<string, string | null>> {
  const result = new Map<string, string | null>();
  // Exact duplicates are among these too: the same normalised text gives the same SimHash.
  const candidates = await lookup.findDuplicateCandidates(
    [...new Set(items.map((item) => item.simhash))],
    options.maxHammingDistance,
  );

  // Band indexes: each item is checked against its band neighbours only, not every candidate.
  const storedPool = new DuplicateCandidateIndex<DuplicateCandidate>(options.maxHammingDistance);
  const storedByKey = new Map<string, DuplicateCandidate>();
  for (const candidate of candidates) {
    storedPool.add(candidate);
    if (!storedByKey.has(candidate.key)) storedByKey.set(candidate.key, candidate);
  }
  const batchPool = new DuplicateCandidateIndex<PoolEntry>(options.maxHammingDistance);
  for (const item of items) {
    const self = storedByKey.get(item.key);
    let duplicateOf: string | null;
    if (self && self.contentHash === item.contentHash) {
      duplicateOf = self.duplicateOf; // unchanged text: keep the stored answer
    } else if (item.normalisedLength < options.minLength) {
      duplicateOf = null; // too short to be anyone's duplicate
    } else {
      const pool: PoolEntry[] = [];
      for (const candidate of storedPool.candidatesFor(item)) {
        if (isDuplicateMatch(item, candidate, options)) pool.push(candidate);
      }
      for (const entry of batchPool.candidatesFor(item)) if (entry.key !== item.key) pool.push(entry);
      duplicateOf = chooseDuplicateOf(item, pool, options);
    }
    result.set(item.key, duplicateOf);
    batchPool.add({ key: item.key, contentHash: item.contentHash, simhash: item.simhash, duplicateOf });
  }
  return result;
}
