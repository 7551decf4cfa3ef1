import { HttpClient } from './http-client.js';
import type { RateLimitPolicy } from './rate-limit-policy.js';

/** HTTP options every web source accepts. */
export interface CommonHttpOptions {
  /** Whole-request budget in ms. @defaultValue 15000 */
  timeoutMs?: number;
  /** Largest accepted body in bytes. @defaultValue 5 MiB */
  maxBodyBytes?: number;
  /** @defaultValue CareVoice's User-Agent */
  userAgent?: string;
  /** Replaces the built-in fetch (tests, proxies). @defaultValue globalThis.fetch */
  fetch?: typeof fetch;
}

/** Options without undefined values, so spreading them never erases a default. */
export function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}

export function createSourceClient(
  source: string,
  options: CommonHttpOptions,
  extra: { rateLimit?: RateLimitPolicy; minIntervalMs?: number } = {},
): HttpClient {
  const { timeoutMs, maxBodyBytes, userAgent, fetch } = options;
  return new HttpClient({ source, ...definedOnly({ timeoutMs, maxBodyBytes, userAgent, fetch }), ...extra });
}
