import { createHash } from 'node:crypto';

/**
 * The text form that duplicate detection compares: Unicode NFC, lower case, every run of whitespace
 * collapsed to one space, trimmed. Two comments that differ only in case or spacing are one text.
 */
export function normaliseForDedupe(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

/** SHA-256 (hex) of the dedupe-normalised text: the exact-duplicate key. */
export function contentHash(text: string): string {
  return contentHashOfNormalised(normaliseForDedupe(text));
}

/** `contentHash` for text already through `normaliseForDedupe` (saves normalising twice). */
export function contentHashOfNormalised(normalised: string): string {
  return createHash('sha256').update(normalised, 'utf8').digest('hex');
}
