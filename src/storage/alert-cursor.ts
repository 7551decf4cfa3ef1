/** The opaque keyset cursor of listAlerts: the last alert's sort key (createdAt, id). */
import { decodeKeyCursor, encodeKeyCursor } from './key-cursor.js';

export interface AlertSortKey {
  createdAt: string;
  id: string;
}

export function encodeAlertCursor(key: AlertSortKey): string {
  return encodeKeyCursor([key.createdAt, key.id]);
}

export function decodeAlertCursor(cursor: string): AlertSortKey {
  const [createdAt, id] = decodeKeyCursor(cursor, ['createdAt', 'id']) as [string, string];
  return { createdAt, id };
}
