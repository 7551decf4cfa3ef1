import { createHash } from 'node:crypto';

/** SHA-256 (hex) of a raw page body: the page's identity in provenance and in job ids. */
export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}
