/** The opaque keyset cursor of listComments: the last row's sort key (period, source, externalId). */
import { decodeKeyCursor, encodeKeyCursor } from './key-cursor.js';

export interface CommentSortKey {
  period: string;
  source: string;
  externalId: string;
}

export function encodePageCursor(key: CommentSortKey): string {
  return encodeKeyCursor([key.period, key.source, key.externalId]);
}

export function decodePageCursor(cursor: string): CommentSortKey {
  const [period, source, externalId] = decodeKeyCursor(cursor, ['period', 'source', 'externalId']) as [
    string,
    string,
    string,
  ];
  return { period, source, externalId };
}
