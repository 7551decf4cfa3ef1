/**
 * High-water marks. Snowflake-style ids (Reddit base-36, Mastodon and X decimal) grow with time, so
 * a longer id is newer and equal lengths compare as strings; ISO-8601 instants compare as strings.
 */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareIsoInstants(a: string, b: string): number {
  return Date.parse(a) - Date.parse(b);
}

/** The newer of two marks (either may be null). */
export function newerMark(
  a: string | null | undefined,
  b: string | null | undefined,
  compare: (a: string, b: string) => number,
): string | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return compare(a, b) >= 0 ? a : b;
}
