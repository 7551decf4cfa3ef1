/**
 * API keys: `cvk_<id>_<secret>`. The id is public (listed, logged, the rate limit's key); only the
 * SHA-256 of the whole key is stored, so a leaked database does not leak working keys.
 */
import { createHash, randomBytes } from 'node:crypto';

const KEY_PATTERN = /^cvk_([0-9a-f]{12})_[A-Za-z0-9_-]{43}$/;

export interface NewApiKey {
  id: string;
  /** The key itself: shown once, never stored. */
  key: string;
  keyHash: string;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** A fresh key from 32 random bytes. @param random source of bytes, injectable for tests. */
export function generateApiKey(random: (size: number) => Buffer = randomBytes): NewApiKey {
  const id = random(6).toString('hex');
  const key = `cvk_${id}_${random(32).toString('base64url')}`;
  return { id, key, keyHash: hashApiKey(key) };
}

/** The key from an `Authorization: Bearer …` header; undefined when absent or not shaped like a key. */
export function bearerKey(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  const key = match?.[1];
  return key !== undefined && KEY_PATTERN.test(key) ? key : undefined;
}
