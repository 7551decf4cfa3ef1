/**
 * A Map used as a least-recently-used cache: a Map iterates in insertion order, so re-inserting a
 * key on every use keeps the least recently used first, and that is the one dropped.
 */

/** Sets `key` to `value` as the most recently used entry, dropping the least recently used past `capacity`. */
export function setMostRecent<K, V>(map: Map<K, V>, key: K, value: V, capacity: number): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > capacity) map.delete(map.keys().next().value as K);
}
