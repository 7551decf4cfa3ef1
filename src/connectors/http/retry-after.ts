/**
 * Reads how long a source asked us to wait. `Retry-After` is either delta-seconds or an HTTP-date
 * (RFC 9110 §10.2.3); sources also publish their own reset headers in three styles.
 */

/** How a source's reset header counts: seconds from now (Reddit), epoch seconds (X, Bluesky) or an
 *  ISO-8601 instant (Mastodon). */
export type ResetStyle = 'delta-seconds' | 'epoch-seconds' | 'iso-instant';

/** Milliseconds to wait from `now` for a Retry-After value; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: Date): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/[a-z]/i.test(text)) return null;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now.getTime());
}

/** Milliseconds until a reset header's moment; null when absent or unreadable. */
export function parseReset(value: string | null, style: ResetStyle, now: Date): number | null {
  if (value === null || value.trim() === '') return null;
  const text = value.trim();
  if (style === 'iso-instant') {
    const at = Date.parse(text);
    return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
  }
  const number = Number(text);
  if (!Number.isFinite(number) || number < 0) return null;
  if (style === 'delta-seconds') return Math.ceil(number * 1000);
  return Math.max(0, Math.ceil(number * 1000 - now.getTime()));
}
