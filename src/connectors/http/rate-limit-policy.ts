import { parseReset, parseRetryAfter, type ResetStyle } from './retry-after.js';

/**
 * Where a source publishes its quota. The client pauses the source (a `RateLimitedError`) on 429, on
 * 503 with Retry-After, and before sending when an earlier answer said the quota was used up.
 */
export interface RateLimitPolicy {
  /** Header with the requests left in the window, e.g. `x-ratelimit-remaining`; none when omitted. */
  remainingHeader?: string;
  /** Header saying when the window resets. */
  resetHeader?: string;
  /** How the reset header counts. @defaultValue 'delta-seconds' */
  resetStyle?: ResetStyle;
  /** Pause when a 429 says nothing about how long. @defaultValue 60000 */
  defaultPauseMs?: number;
}

export const DEFAULT_PAUSE_MS = 60_000;

/** Published quota headers per source family. */
export const RATE_LIMIT_POLICIES = {
  /** Reddit: `x-ratelimit-remaining` (float) and `x-ratelimit-reset` (seconds to the window's end). */
  reddit: { remainingHeader: 'x-ratelimit-remaining', resetHeader: 'x-ratelimit-reset', resetStyle: 'delta-seconds' },
  /** X API v2: `x-rate-limit-remaining` and `x-rate-limit-reset` (epoch seconds). */
  x: { remainingHeader: 'x-rate-limit-remaining', resetHeader: 'x-rate-limit-reset', resetStyle: 'epoch-seconds' },
  /** Mastodon: `X-RateLimit-Remaining` and `X-RateLimit-Reset` (ISO-8601 instant). */
  mastodon: { remainingHeader: 'x-ratelimit-remaining', resetHeader: 'x-ratelimit-reset', resetStyle: 'iso-instant' },
  /** Bluesky PDS/AppView: `ratelimit-remaining` and `ratelimit-reset` (epoch seconds). */
  bluesky: { remainingHeader: 'ratelimit-remaining', resetHeader: 'ratelimit-reset', resetStyle: 'epoch-seconds' },
  /** Only `Retry-After`. */
  retryAfterOnly: {},
} as const satisfies Record<string, RateLimitPolicy>;

/** How long to pause after a 429 / 503: Retry-After first, then the reset header, then the default. */
export function pauseAfterRefusal(headers: Headers, policy: RateLimitPolicy, now: Date): number {
  const retryAfter = parseRetryAfter(headers.get('retry-after'), now);
  if (retryAfter !== null) return retryAfter;
  const reset = policy.resetHeader
    ? parseReset(headers.get(policy.resetHeader), policy.resetStyle ?? 'delta-seconds', now)
    : null;
  return reset ?? policy.defaultPauseMs ?? DEFAULT_PAUSE_MS;
}

/** When an accepted answer says the quota is spent, the ms until it resets; otherwise null. */
export function pauseAfterQuotaSpent(headers: Headers, policy: RateLimitPolicy, now: Date): number | null {
  if (!policy.remainingHeader || !policy.resetHeader) return null;
  const remaining = Number(headers.get(policy.remainingHeader) ?? Number.NaN);
  if (!Number.isFinite(remaining) || remaining >= 1) return null;
  return parseReset(headers.get(policy.resetHeader), policy.resetStyle ?? 'delta-seconds', now);
}
