/**
 * The opaque keyset cursor of listAlerts: base64url of the last alert's sort key (createdAt, id).
 */
import { InvalidPageCursorError } from './errors/invalid-page-cursor-error.js';

export interface AlertSortKey {
  createdAt: string;
  id: string;
}

export function encodeAlertCursor(key: AlertSortKey): string {
  return Buffer.from(JSON.stringify([key.createdAt, key.id]), 'utf8').toString('base64url');
}

export function decodeAlertCursor(cursor: string): AlertSortKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidPageCursorError(cursor, 'not base64url-encoded JSON');
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || !parsed.every((part) => typeof part === 'string')) {
    throw new InvalidPageCursorError(cursor, 'expected [createdAt, id]');
  }
  const [createdAt, id] = parsed as [string, string];
  return { createdAt, id };
}
