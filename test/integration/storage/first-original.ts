/** The duplicate decision the journal tests race: one comment at a time, each a copy of the first candidate's original. */
import { expect } from 'vitest';
import type { ProcessedComment } from '../../../src/domain/model.js';
import type { ResolveDuplicates } from '../../../src/storage/store.js';

/** Marks each comment a duplicate of its first candidate's original, or an original when it has none. */
export const keepFirstOriginal: ResolveDuplicates = async (lookup, kept) => {
  const decided = new Map<string, string | null>();
  for (const c of kept) {
    const [first] = await lookup.findDuplicateCandidates([c.simhash], 3);
    decided.set(`${c.source}:${c.externalId}`, first === undefined ? null : (first.duplicateOf ?? first.key));
  }
  return decided;
};

/** Exactly one of `stored` is an original, and every other one names it. */
export function expectOneOriginal(stored: readonly (ProcessedComment | null)[]): void {
  const originals = stored.filter((c) => c?.duplicateOf === null);
  expect(originals).toHaveLength(1);
  const originalKey = `${originals[0]!.source}:${originals[0]!.externalId}`;
  for (const c of stored) if (c !== originals[0]) expect(c?.duplicateOf).toBe(originalKey);
}
