/**
 * The opaque keyset cursor of listComments: base64url of the last row's sort key
 * (period, source, externalId). Opaque so callers cannot depend on the order's columns.
 */
import { InvalidPageCursorError } from './errors/invalid-page-cursor-error.js';

export interface CommentSortKey {
  period: string;
  source: string;
  externalId: string;
}

export function encodePageCursor(key: CommentSortKey): string {
  return Buffer.from(JSON.stringify([key.period, key.source, key.externalId]), 'utf8').toString('base64url');
}

export function decodePageCursor(cursor: string): CommentSortKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidPageCursorError(cursor, 'not base64url-encoded JSON');
  }
  if (!Array.isArray(parsed) || parsed.length !== 3 || !parsed.every((part) => typeof part === 'string')) {
    throw new InvalidPageCursorError(cursor, 'expected [period, source, externalId]');
  }
  const [period, source, externalId] = parsed as [string, string, string];
  return { period, source, externalId };
}
