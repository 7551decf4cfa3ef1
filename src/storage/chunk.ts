/** Splits `items` into consecutive slices of at most `size` (size ≥ 1). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`chunk size must be a positive integer, got ${size}`);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Splits `items` into consecutive slices whose sizes are powers of two, largest first, none above
 * `max` (≥ 1): 560 items and a max of 1,000 give 512, 32 and 16. However many items a batch has,
 * its slices come in a few sizes, so a statement compiled per row count serves every batch.
 */
export function chunkInPowersOfTwo<T>(items: readonly T[], max: number): T[][] {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`max slice size must be a positive integer, got ${max}`);
  let size = 1;
  while (size * 2 <= max) size *= 2;
  const out: T[][] = [];
  let at = 0;
  while (at < items.length) {
    while (size > items.length - at) size /= 2;
    out.push(items.slice(at, at + size));
    at += size;
  }
  return out;
}

/** Groups items by a string key, keeping first-seen key order. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
