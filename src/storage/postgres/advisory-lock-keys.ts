/**
 * Advisory lock keys: one per purpose and schema, so tenants sharing a server do not wait for each
 * other, and a key means the same thing in every process that opens the schema.
 */
import { createHash } from 'node:crypto';

function advisoryLockKey(purpose: string, schema: string | undefined): string {
  const digest = createHash('sha256')
    .update(`carevoice:${purpose}:${schema ?? ''}`)
    .digest();
  return digest.readBigInt64BE(0).toString();
}

/** Held by every transaction that writes comments, to commit. */
export function commentWriteLockKey(schema: string | undefined): string {
  return advisoryLockKey('comment-writes', schema);
}

/** Held while one process analyses the schema's tables, so no two analyse the same table at once. */
export function plannerStatisticsLockKey(schema: string | undefined): string {
  return advisoryLockKey('planner-statistics', schema);
}
