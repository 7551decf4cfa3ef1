/**
 * Remembers the results of a pure function of one string for the strings seen lately. One comment's
 * analysis splits and tokenises the same text and the same sentences several times over (the whole
 * comment, then each sentence that carries a theme); this turns the repeats into one Map lookup.
 * The memory is forgotten whole once it holds `capacity` strings, so it stays small whatever the input.
 * Results are shared between callers: treat them as read-only.
 */
export function rememberRecent<R>(compute: (text: string) => R, capacity = 256): (text: string) => R {
  let recent = new Map<string, R>();
  return (text: string): R => {
    let result = recent.get(text);
    if (result === undefined) {
      result = compute(text);
      if (recent.size >= capacity) recent = new Map();
      recent.set(text, result);
    }
    return result;
  };
}
