/**
 * Remembers the results of a pure function of one string for the strings seen lately. One comment's
 * analysis splits and tokenises the same text and the same sentences several times over (the whole
 * comment, then each sentence that carries a theme); this turns the repeats into one Map lookup.
 * The analyser forgets everything at the start of each comment (`forgetRecentResults`), so one comment
 * never reuses the work of another and a throughput figure is what a stream of unseen comments gets;
 * elsewhere the memory is forgotten whole once it holds `capacity` strings, so it stays small.
 * Results are shared between callers: treat them as read-only.
 */

const memories: Map<string, unknown>[] = [];

export function rememberRecent<R>(compute: (text: string) => R, capacity = 256): (text: string) => R {
  const recent = new Map<string, R>();
  memories.push(recent);
  return (text: string): R => {
    let result = recent.get(text);
    if (result === undefined) {
      result = compute(text);
      if (recent.size >= capacity) recent.clear();
      recent.set(text, result);
    }
    return result;
  };
}

/** Forgets every remembered result: called before each new comment. */
export function forgetRecentResults(): void {
  for (const memory of memories) memory.clear();
}
