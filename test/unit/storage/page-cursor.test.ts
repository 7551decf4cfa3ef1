import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidPageCursorError } from '../../../src/storage/errors/invalid-page-cursor-error.js';
import { decodePageCursor, encodePageCursor } from '../../../src/storage/page-cursor.js';

describe('page cursor', () => {
  it('round-trips any sort key through a URL-safe string', () => {
    fc.assert(
      fc.property(fc.record({ period: fc.string(), source: fc.string(), externalId: fc.string() }), (key) => {
        const cursor = encodePageCursor(key);
        expect(cursor).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(decodePageCursor(cursor)).toEqual(key);
      }),
    );
  });

  it.each([
    ['not JSON', 'bm90IGpzb24'],
    ['a JSON object', Buffer.from('{"period":"2024-01"}').toString('base64url')],
    ['a short array', Buffer.from('["2024-01","sample"]').toString('base64url')],
    ['an array with a number', Buffer.from('["2024-01","sample",3]').toString('base64url')],
  ])('rejects %s with a specific error', (_what, cursor) => {
    expect(() => decodePageCursor(cursor)).toThrow(InvalidPageCursorError);
  });
});
