import { describe, expect, it } from 'vitest';
import { linkRelation } from '../../../../src/connectors/http/link-header.js';
import { trustOdsCode } from '../../../../src/connectors/http/ods-code.js';
import { compareIds } from '../../../../src/connectors/http/paging/marks.js';
import {
  pauseAfterQuotaSpent,
  pauseAfterRefusal,
  RATE_LIMIT_POLICIES,
} from '../../../../src/connectors/http/rate-limit-policy.js';
import { parseReset, parseRetryAfter } from '../../../../src/connectors/http/retry-after.js';

const now = new Date('2026-03-01T12:00:00Z');

describe('Retry-After', () => {
  it('reads delta-seconds and HTTP-dates', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Sun, 01 Mar 2026 12:01:30 GMT', now)).toBe(90_000);
    // A date already past means "now", never a negative pause.
    expect(parseRetryAfter('Sun, 01 Mar 2026 11:00:00 GMT', now)).toBe(0);
  });

  it('ignores values it cannot read', () => {
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('-5', now)).toBeNull();
    expect(parseRetryAfter('1.5', now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
  });
});

describe('reset headers', () => {
  it('reads the three published styles', () => {
    expect(parseReset('42', 'delta-seconds', now)).toBe(42_000);
    expect(parseReset('41.5', 'delta-seconds', now)).toBe(41_500);
    expect(parseReset(String(now.getTime() / 1000 + 300), 'epoch-seconds', now)).toBe(300_000);
    expect(parseReset('2026-03-01T12:05:00.000Z', 'iso-instant', now)).toBe(300_000);
    expect(parseReset('', 'epoch-seconds', now)).toBeNull();
    expect(parseReset('later', 'iso-instant', now)).toBeNull();
  });

  it('prefers Retry-After, then the reset header, then the default pause', () => {
    const both = new Headers({ 'retry-after': '10', 'x-rate-limit-reset': String(now.getTime() / 1000 + 300) });
    expect(pauseAfterRefusal(both, RATE_LIMIT_POLICIES.x, now)).toBe(10_000);
    both.delete('retry-after');
    expect(pauseAfterRefusal(both, RATE_LIMIT_POLICIES.x, now)).toBe(300_000);
    expect(pauseAfterRefusal(new Headers(), RATE_LIMIT_POLICIES.x, now)).toBe(60_000);
    expect(pauseAfterRefusal(new Headers(), { defaultPauseMs: 5_000 }, now)).toBe(5_000);
  });

  it('pauses before the next request only when the quota is spent', () => {
    const spent = new Headers({ 'x-ratelimit-remaining': '0.0', 'x-ratelimit-reset': '250' });
    expect(pauseAfterQuotaSpent(spent, RATE_LIMIT_POLICIES.reddit, now)).toBe(250_000);
    const left = new Headers({ 'x-ratelimit-remaining': '12.0', 'x-ratelimit-reset': '250' });
    expect(pauseAfterQuotaSpent(left, RATE_LIMIT_POLICIES.reddit, now)).toBeNull();
    expect(pauseAfterQuotaSpent(spent, RATE_LIMIT_POLICIES.retryAfterOnly, now)).toBeNull();
  });
});

describe('small readers', () => {
  it('finds a relation in a Link header', () => {
    const header =
      '<https://m.example/api/v1/timelines/tag/nhs?max_id=110>; rel="next", <https://m.example/api/v1/timelines/tag/nhs?min_id=120>; rel="prev"';
    expect(linkRelation(header, 'next')).toBe('https://m.example/api/v1/timelines/tag/nhs?max_id=110');
    expect(linkRelation(header, 'prev')).toBe('https://m.example/api/v1/timelines/tag/nhs?min_id=120');
    expect(linkRelation(header, 'last')).toBeNull();
    expect(linkRelation(null, 'next')).toBeNull();
  });

  it('maps ODS site codes to their trust and leaves other codes alone', () => {
    expect(trustOdsCode('rrv03')).toBe('RRV');
    expect(trustOdsCode('RBV')).toBe('RBV');
    expect(trustOdsCode('F84096')).toBeUndefined();
    expect(trustOdsCode('E06000001')).toBeUndefined();
    expect(trustOdsCode(undefined)).toBeUndefined();
  });

  it('orders growing ids by length, then by character', () => {
    expect(compareIds('z', '10')).toBeLessThan(0);
    expect(compareIds('113000000000000010', '113000000000000009')).toBeGreaterThan(0);
    expect(compareIds('abc', 'abc')).toBe(0);
  });
});
