import type { RedisOptions } from 'ioredis';
import { describe, expect, it } from 'vitest';
import {
  connectionOptionsFor,
  InvalidRedisUrlError,
  redactUrl,
  redisOptionsFromUrl,
  redisUrlFromEnv,
} from '../../../src/queue/connections.js';
import { describeSentinels } from '../../../src/queue/sentinel-url.js';

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
    const { reconnectOnError, failoverDetector, ...options } = redisOptionsFromUrl(
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
    // The sentinels' +switch-master drops the connection at once; should a write still reach a
    // demoted primary, its READONLY answer (on Redis 6 inside a script's error) does the same.
    expect(failoverDetector).toBe(true);
    expect(reconnectOnError?.(new Error("READONLY You can't write against a read only replica."))).toBe(2);
    expect(reconnectOnError?.(new Error("ERR Error running script (call to f_1): -READONLY You can't write"))).toBe(2);
    expect(reconnectOnError?.(new Error('ERR wrong number of arguments'))).toBe(false);
    expect(redisOptionsFromUrl('redis+sentinel://:only-password@h/p')).toMatchObject({
      password: 'only-password',
      db: 0,
    });
    expect(redisOptionsFromUrl('redis+sentinel://h/p')).not.toHaveProperty('username');
    // How messages name such a server; ioredis gives a one-server connection `sentinels: null`.
    expect(describeSentinels(redisOptionsFromUrl('redis+sentinel://s1,s2:26380/cv'))).toBe(
      'primary "cv" through sentinels s1:26379,s2:26380',
    );
    expect(describeSentinels({ host: 'h', sentinels: null } as unknown as RedisOptions)).toBeUndefined();
  });

  it('reads what a URL reader would: encoded credentials, any scheme case, + kept in a sentinel password', () => {
    expect(redisOptionsFromUrl('REDIS+SENTINEL://h1/p')).toMatchObject({ sentinels: [{ host: 'h1', port: 26379 }] });
    expect(redisOptionsFromUrl('redis+sentinel://u:a%2Fb%3Fc%40d@h1/p?sentinelPassword=x+y%26z')).toMatchObject({
      username: 'u',
      password: 'a/b?c@d',
      sentinelPassword: 'x+y&z',
    });
  });

  it('says what is wrong with a sentinel URL without quoting any piece of it', () => {
    const wrong: [string, RegExp][] = [
      ['redis+sentinel://h1,h2', /names no primary/],
      ['redis+sentinel://h1,,h2/p', /sentinel 2 is not a host\[:port\]/],
      ['redis+sentinel://h1:99999/p', /sentinel 1's port is out of range/],
      ['redis+sentinel://h1/p/x', /the database is not a number/],
      ['redis+sentinel://h1/p/1e1', /the database is not a number/],
      ['redis+sentinel://h1/p/0/more', /more than a primary's name and a database/],
      ['redis+sentinel://h1/p?tls=true', /a parameter is not one of sentinelUsername, sentinelPassword/],
      ['redis+sentinel://u:%zz@h1/p', /password is not valid percent-encoding/],
      ['redis+sentinel://h1/p#frag', /it has a fragment/],
    ];
    for (const [url, reason] of wrong) {
      expect(() => redisOptionsFromUrl(url), url).toThrow(InvalidRedisUrlError);
      expect(() => redisOptionsFromUrl(url), url).toThrow(reason);
    }
    // Unencoded '/', '?' or '@' in a password split it across the URL's parts: no part is quoted.
    for (const url of [
      'redis+sentinel://u:Qw/Zk@h/p',
      'redis+sentinel://u:Qw?Zk@h/p',
      'redis+sentinel://u:71/Zk@h/0',
    ]) {
      let message = '';
      try {
        redisOptionsFromUrl(url);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message, url).not.toMatch(/Qw|Zk|71/);
    }
  });

  it('hides every sentinel URL password in what it logs', () => {
    expect(redactUrl('redis+sentinel://u:s3cret@h1,h2:26380/p/2?sentinelUsername=a&sentinelPassword=t0p')).toBe(
      'redis+sentinel://u:***@h1:26379,h2:26380/p/2?sentinelUsername=a&sentinelPassword=***',
    );
    for (const url of [
      'redis+sentinel://h1/p?sentinelPassword=Qw&sentinelPassword=Zk',
      'redis+sentinel://h1/p?sentinel%50assword=Zk',
      'redis+sentinel://u:Qw@Zk@h1/p',
      'redis+sentinel://u:Qw/Zk@h1/p',
      'redis+sentinel://u:71/Zk@h/0',
    ]) {
      expect(redactUrl(url), url).not.toMatch(/Qw|Zk|71/);
    }
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
