import { describe, expect, it } from 'vitest';
import {
  connectionOptionsFor,
  InvalidRedisUrlError,
  redactUrl,
  redisOptionsFromUrl,
  redisUrlFromEnv,
} from '../../../src/queue/connections.js';

describe('redis connections', () => {
  it('parses REDIS_URL in one place: host, port, db, credentials and TLS', () => {
    expect(redisOptionsFromUrl('redis://cache.internal:6380/2')).toEqual({ host: 'cache.internal', port: 6380, db: 2 });
    expect(redisOptionsFromUrl('rediss://worker:p%40ss@redis.example:6390')).toEqual({
      host: 'redis.example',
      port: 6390,
      db: 0,
      username: 'worker',
      password: 'p@ss',
      tls: { servername: 'redis.example' },
    });
    expect(() => redisOptionsFromUrl('http://x')).toThrow(InvalidRedisUrlError);
    expect(() => redisOptionsFromUrl('redis://x/abc')).toThrow(/database "abc"/);
    expect(() => redisOptionsFromUrl('not a url')).toThrow(/not a URL/);
  });

  it('reads a redis+sentinel:// URL as the sentinels to ask for a named primary', () => {
    const { reconnectOnError, ...options } = redisOptionsFromUrl(
      'redis+sentinel://worker:p%40ss@s1.internal,s2.internal:26380,[::1]:26381/cv%2Dprimary/3?sentinelPassword=sp',
    );
    expect(options).toEqual({
      sentinels: [
        { host: 's1.internal', port: 26379 },
        { host: 's2.internal', port: 26380 },
        { host: '::1', port: 26381 },
      ],
      name: 'cv-primary',
      db: 3,
      username: 'worker',
      password: 'p@ss',
      sentinelPassword: 'sp',
    });
    // A demoted primary's READONLY answer makes the connection ask the sentinels again and resend.
    expect(reconnectOnError?.(new Error("READONLY You can't write against a read only replica."))).toBe(2);
    expect(reconnectOnError?.(new Error('ERR wrong number of arguments'))).toBe(false);
    expect(redisOptionsFromUrl('redis+sentinel://:only-password@h/p')).toMatchObject({
      password: 'only-password',
      db: 0,
    });
    expect(redisOptionsFromUrl('redis+sentinel://h/p')).not.toHaveProperty('username');
  });

  it('says what is wrong with a sentinel URL, password hidden', () => {
    const wrong: [string, RegExp][] = [
      ['redis+sentinel://h1,h2', /names no primary/],
      ['redis+sentinel://h1,,h2/p', /"" is not a sentinel's host\[:port\]/],
      ['redis+sentinel://h1:99999/p', /port 99999 is out of range/],
      ['redis+sentinel://h1/p/x', /database "x" is not a number/],
      ['redis+sentinel://h1/p/0/more', /more than a primary's name and a database/],
      ['redis+sentinel://h1/p?tls=true', /parameter "tls" is not known/],
      ['redis+sentinel://u:%zz@h1/p', /password is not valid percent-encoding/],
    ];
    for (const [url, reason] of wrong) {
      expect(() => redisOptionsFromUrl(url), url).toThrow(InvalidRedisUrlError);
      expect(() => redisOptionsFromUrl(url), url).toThrow(reason);
    }
    expect(() => redisOptionsFromUrl('redis+sentinel://u:secret@h1/p/zz')).toThrow(/u:\*\*\*@/);
    expect(redactUrl('redis+sentinel://h1/p?sentinelUsername=a&sentinelPassword=s3cret')).toBe(
      'redis+sentinel://h1/p?sentinelUsername=a&sentinelPassword=***',
    );
  });

  it('never shows a password in an error or a log', () => {
    expect(redactUrl('redis://u:secret@host:1/0')).toBe('redis://u:***@host:1/0');
    expect(() => redisOptionsFromUrl('redis://u:secret@host/zz')).toThrow(/u:\*\*\*@/);
  });

  it('reads REDIS_URL, treating blank as unset', () => {
    expect(redisUrlFromEnv({ REDIS_URL: ' redis://h:1 ' })).toBe('redis://h:1');
    expect(redisUrlFromEnv({ REDIS_URL: '  ' })).toBeUndefined();
    expect(redisUrlFromEnv({})).toBeUndefined();
  });

  it('makes workers wait for Redis and producers fail fast', () => {
    const worker = connectionOptionsFor('worker', { url: 'redis://h:1', name: 'w' });
    expect(worker).toMatchObject({ host: 'h', port: 1, maxRetriesPerRequest: null, connectionName: 'w' });
    const producer = connectionOptionsFor('producer', { url: 'redis://h:1' });
    expect(producer).toMatchObject({ enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  });
});
