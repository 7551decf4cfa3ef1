/** The opaque keyset cursor of listTriangulation: the last row's key (odsCode, tumourGroup, theme). */
import { decodeKeyCursor, encodeKeyCursor } from './key-cursor.js';

export type TriangulationSortKey = [odsCode: string, tumourGroup: string, theme: string];

export function encodeTriangulationCursor(key: TriangulationSortKey): string {
  return encodeKeyCursor(key);
}

export function decodeTriangulationCursor(cursor: string): TriangulationSortKey {
  return decodeKeyCursor(cursor, ['odsCode', 'tumourGroup', 'theme']) as TriangulationSortKey;
}
