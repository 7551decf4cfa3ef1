import { describe, expect, it } from 'vitest';
import { prefersGzip } from '../../../src/api/response-cache/accept-encoding.js';

describe('prefersGzip', () => {
  it.each([
    ['gzip, deflate, br, zstd', true],
    ['gzip', true],
    ['GZip;Q=0.8', true],
    ['x-gzip', true],
    ['*', true],
    ['identity, gzip', true],
    ['br;q=1, gzip;q=0.2', true],
    ['identity;q=0, gzip;q=0.1', true],
    [['deflate', 'gzip'], true],
    ['gzip;q=1.000, identity;q=0.', true],
    ['gzip, identity;q=0.5, identity;q=0.9', true],
    ['gzip, *;q=bad', true],
  ] as [string | string[], boolean][])('sends gzip for %j', (header, expected) => {
    expect(prefersGzip(header)).toBe(expected);
  });

  it.each([
    [undefined, 'no header: no stated preference'],
    ['', 'an empty header asks for no coding'],
    ['identity', 'only identity listed'],
    ['br, deflate', 'gzip not listed and no *'],
    ['gzip;q=0', 'gzip refused'],
    ['gzip;q=0, *', 'an explicit refusal outweighs *'],
    ['*;q=0.5, identity', 'identity listed heavier than what * gives gzip'],
    ['gzip;q=0.5, identity;q=1', 'identity preferred'],
    ['gzip;q=2', 'a weight above 1 is malformed: refused'],
    ['gzip;q=high', 'a weight that is not a number is malformed: refused'],
    ['gzip;q=0.0001', 'more than three decimals is malformed: refused'],
    ['gzip;q=abc, *', 'a malformed weight refuses gzip, whatever * allows'],
    ['gzip;q=0, gzip', 'listed twice: the lower weight holds'],
    ['x-gzip;q=0, gzip', 'x-gzip is gzip: the lower weight holds'],
    ['gzip;q=0;q=1', 'two weights in one entry: the lower holds'],
    ['*;q=abc', 'a malformed weight on * refuses gzip'],
    ['gzip;q=0.5, identity;q=1, identity;q=0.1', 'identity weighed twice: the higher holds'],
    ['gzip;q=0.5, identity;q=bad', 'a malformed identity weight counts as 1'],
    ['gzip;q=0.5, *;q=bad', 'identity covered by a malformed *: counts as 1'],
  ] as [string | undefined, string][])('sends no coding for %j (%s)', (header) => {
    expect(prefersGzip(header)).toBe(false);
  });
});
