import * as crypto from 'node:crypto';

// Replacing every maximal whitespace run by one space changes only runs that are not already a
// single space, which are exactly what this matches (a run of two or more, or one other whitespace
// character): the same result as /\s+/gu → ' ' without rewriting every ordinary space.
const WHITESPACE_TO_COLLAPSE = /\s{2,}|[^\S ]/g;

/**
 * The text form that duplicate detection compares: Unicode NFC, lower case, every run of whitespace
 * collapsed to one space, trimmed. Two comments that differ only in case or spacing are one text.
 */
export function normaliseForDedupe(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(WHITESPACE_TO_COLLAPSE, ' ').trim();
}

// One-shot crypto.hash (Node 20.12 and later) is about twice as fast as a Hash object on texts of
// comment size; both hash the UTF-8 of the string, so the digests are the same.
const sha256Hex: (text: string) => string =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');

/** SHA-256 (hex) of the dedupe-normalised text: the exact-duplicate key. */
export function contentHash(text: string): string {
  return contentHashOfNormalised(normaliseForDedupe(text));
}

/** `contentHash` for text already through `normaliseForDedupe` (saves normalising twice). */
export function contentHashOfNormalised(normalised: string): string {
  return sha256Hex(normalised);
}
