import { createHash } from 'node:crypto';

/**
 * The duplicate keys as first written (normalise, SHA-256, then SimHash from joined word 3-shingles,
 * FNV-1a 64 per shingle and 64 bit counters), kept unchanged as the yardstick the faster code in
 * src/domain/dedupe must match bit for bit: both hashes are stored and compared across versions.
 */

export function referenceNormaliseForDedupe(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

export function referenceContentHashOfNormalised(normalised: string): string {
  return createHash('sha256').update(normalised, 'utf8').digest('hex');
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;

export function referenceWordTokens(text: string): string[] {
  return text.normalize('NFC').toLowerCase().match(WORD) ?? [];
}

export function referenceShingles(tokens: readonly string[], size = 3): string[] {
  if (tokens.length === 0) return [];
  if (tokens.length <= size) return [tokens.join(' ')];
  const out: string[] = [];
  for (let i = 0; i + size <= tokens.length; i++) out.push(tokens.slice(i, i + size).join(' '));
  return out;
}

const PRIME_LOW = 0x1b3;
const TWO_32 = 0x1_0000_0000;
let fnvHigh = 0;
let fnvLow = 0;

function mix(byte: number): void {
  fnvLow = (fnvLow ^ byte) >>> 0;
  const lowProduct = fnvLow * PRIME_LOW;
  const carry = Math.floor(lowProduct / TWO_32);
  fnvHigh = (Math.imul(fnvHigh, PRIME_LOW) + carry + (fnvLow << 8)) >>> 0;
  fnvLow = lowProduct >>> 0;
}

export function referenceFnv1a64(text: string): { high: number; low: number } {
  fnvHigh = 0xcbf29ce4;
  fnvLow = 0x84222325;
  for (let i = 0; i < text.length; i++) {
    let code = text.codePointAt(i)!;
    if (code > 0xffff) i++;
    if (code < 0x80) {
      mix(code);
    } else if (code < 0x800) {
      mix(0xc0 | (code >> 6));
      mix(0x80 | (code & 0x3f));
    } else if (code < 0x10000) {
      if (code >= 0xd800 && code <= 0xdfff) code = 0xfffd;
      mix(0xe0 | (code >> 12));
      mix(0x80 | ((code >> 6) & 0x3f));
      mix(0x80 | (code & 0x3f));
    } else {
      mix(0xf0 | (code >> 18));
      mix(0x80 | ((code >> 12) & 0x3f));
      mix(0x80 | ((code >> 6) & 0x3f));
      mix(0x80 | (code & 0x3f));
    }
  }
  return { high: fnvHigh, low: fnvLow };
}

export function referenceSimhash(text: string): string {
  const ones = new Int32Array(64);
  const all = referenceShingles(referenceWordTokens(text));
  for (const shingle of all) {
    const { high, low } = referenceFnv1a64(shingle);
    for (let bit = 0; bit < 32; bit++) {
      ones[bit] = ones[bit]! + ((low >>> bit) & 1);
      ones[bit + 32] = ones[bit + 32]! + ((high >>> bit) & 1);
    }
  }
  let low = 0;
  let high = 0;
  for (let bit = 0; bit < 32; bit++) {
    if (2 * ones[bit]! > all.length) low |= 1 << bit;
    if (2 * ones[bit + 32]! > all.length) high |= 1 << bit;
  }
  return (high >>> 0).toString(16).padStart(8, '0') + (low >>> 0).toString(16).padStart(8, '0');
}

/** What `dedupeKeysOf` derives from a comment's text. */
export interface TextKeys {
  contentHash: string;
  simhash: string;
  normalisedLength: number;
}

export function referenceTextKeys(text: string): TextKeys {
  const normalised = referenceNormaliseForDedupe(text);
  return {
    contentHash: referenceContentHashOfNormalised(normalised),
    simhash: referenceSimhash(normalised),
    normalisedLength: normalised.length,
  };
}
