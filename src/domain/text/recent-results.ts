/**
 * Remembers the results of a pure function of one string for the last few strings it was given. One
 * comment's analysis splits and tokenises the same text and the same sentences several times over (the
 * whole comment, then each sentence that carries a theme; trust, tumour and safety passes over one
 * text), and those repeats are mostly the very same string object, so a short list compared with
 * `===` finds them without hashing every new sentence into a Map.
 * The analyser forgets everything at the start of each comment (`forgetRecentResults`), so one comment
 * never reuses the work of another and a throughput figure is what a stream of unseen comments gets.
 * Results are shared between callers: treat them as read-only.
 */

const forgetters: (() => void)[] = [];

export function rememberRecent<R>(compute: (text: string) => R, capacity = 16): (text: string) => R {
  const texts: (string | undefined)[] = new Array(capacity).fill(undefined);
  const results: (R | undefined)[] = new Array(capacity).fill(undefined);
  let next = 0;
  forgetters.push(() => {
    texts.fill(undefined);
    results.fill(undefined);
    next = 0;
  });
  return (text: string): R => {
    for (let i = 0; i < capacity; i++) if (texts[i] === text) return results[i] as R;
    const result = compute(text);
    texts[next] = text;
    results[next] = result;
    next = (next + 1) % capacity;
    return result;
  };
}

/** Forgets every remembered result: called before each new comment. */
export function forgetRecentResults(): void {
  for (const forget of forgetters) forget();
}
