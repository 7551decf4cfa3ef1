import type { ParsedItem } from '../../connector.js';

/** One item of a newest-first page, with what the walk needs to know to stop. */
export interface MarkedItem {
  parsed: ParsedItem;
  /** The item's high-water mark (id or instant); absent for items that could not be read. */
  mark?: string | undefined;
  /** When it was posted (ISO-8601), for the backfill window. */
  postedAt?: string | undefined;
}

export interface NewestFirstSlice {
  items: ParsedItem[];
  /** The newest mark on the page. */
  newestMark: string | null;
  /** True when the page reached an item already collected or older than the window: stop the walk. */
  reachedKnown: boolean;
}

/**
 * Keeps a newest-first page's items down to the first one at or below the stored mark, or older than
 * the backfill window; everything after it is older still, so the walk ends there.
 */
export function takeNewerThan(
  entries: readonly MarkedItem[],
  mark: string | null,
  since: Date,
  compare: (a: string, b: string) => number,
): NewestFirstSlice {
  const items: ParsedItem[] = [];
  let newestMark: string | null = null;
  for (const entry of entries) {
    if (entry.mark !== undefined) {
      const known = mark !== null && compare(entry.mark, mark) <= 0;
      const tooOld = entry.postedAt !== undefined && Date.parse(entry.postedAt) < since.getTime();
      if (known || tooOld) return { items, newestMark, reachedKnown: true };
      if (newestMark === null || compare(entry.mark, newestMark) > 0) newestMark = entry.mark;
    }
    items.push(entry.parsed);
  }
  return { items, newestMark, reachedKnown: false };
}
