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
