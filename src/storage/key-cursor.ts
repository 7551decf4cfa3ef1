/**
 * Opaque keyset cursors: base64url of the last row's sort key as a JSON array of strings. Opaque so
 * callers cannot depend on the order's columns; every list that pages by keyset shares this form.
 */
import { InvalidPageCursorError } from './errors/invalid-page-cursor-error.js';

export function encodeKeyCursor(parts: readonly string[]): string {
  return Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
}

/** The key's parts, in the order of `names` (which also word the error for a cursor of another shape). */
export function decodeKeyCursor(cursor: string, names: readonly string[]): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidPageCursorError(cursor, 'not base64url-encoded JSON');
  }
  if (!Array.isArray(parsed) || parsed.length !== names.length || !parsed.every((part) => typeof part === 'string')) {
    throw new InvalidPageCursorError(cursor, `expected [${names.join(', ')}]`);
  }
  return parsed as string[];
}
