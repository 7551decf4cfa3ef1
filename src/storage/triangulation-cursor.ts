/** The opaque keyset cursor of listTriangulation: base64url of the last row's key (odsCode, tumourGroup, theme). */
import { InvalidPageCursorError } from './errors/invalid-page-cursor-error.js';

export type TriangulationSortKey = [odsCode: string, tumourGroup: string, theme: string];

export function encodeTriangulationCursor(key: TriangulationSortKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeTriangulationCursor(cursor: string): TriangulationSortKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidPageCursorError(cursor, 'not base64url-encoded JSON');
  }
  if (!Array.isArray(parsed) || parsed.length !== 3 || !parsed.every((part) => typeof part === 'string')) {
    throw new InvalidPageCursorError(cursor, 'expected [odsCode, tumourGroup, theme]');
  }
  return parsed as TriangulationSortKey;
}
