/**
 * 64-bit FNV-1a over the UTF-8 bytes of a string, computed in two unsigned 32-bit halves: BigInt
 * arithmetic is several times slower and SimHash calls this once per shingle.
 */

const PRIME_LOW = 0x1b3; // FNV 64-bit prime is 2^40 + 0x1b3
const OFFSET_HIGH = 0xcbf29ce4;
const OFFSET_LOW = 0x84222325;
const TWO_32 = 0x1_0000_0000;

export interface Hash64 {
  high: number;
  low: number;
}

// The running hash, kept at module level so mixing a byte allocates nothing: SimHash calls this
// for every shingle of every comment. Safe because fnv1a64 is synchronous and never re-entered.
let high = 0;
let low = 0;

function mix(byte: number): void {
  low = (low ^ byte) >>> 0;
  // (high·2^32 + low) · (2^40 + 0x1b3) mod 2^64, split into halves; lo·0x1b3 < 2^41 stays exact.
  const lowProduct = low * PRIME_LOW;
  const carry = Math.floor(lowProduct / TWO_32);
  high = (Math.imul(high, PRIME_LOW) + carry + (low << 8)) >>> 0;
  low = lowProduct >>> 0;
}

export function fnv1a64(text: string): Hash64 {
  high = OFFSET_HIGH;
  low = OFFSET_LOW;
  for (let i = 0; i < text.length; i++) {
    let code = text.codePointAt(i)!;
    if (code > 0xffff) i++; // the second half of a surrogate pair is part of this code point
    if (code < 0x80) {
      mix(code);
    } else if (code < 0x800) {
      mix(0xc0 | (code >> 6));
      mix(0x80 | (code & 0x3f));
    } else if (code < 0x10000) {
      if (code >= 0xd800 && code <= 0xdfff) code = 0xfffd; // lone surrogate: hash as U+FFFD like TextEncoder
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
  return { high, low };
}

export function hash64ToHex(hash: Hash64): string {
  return hash.high.toString(16).padStart(8, '0') + hash.low.toString(16).padStart(8, '0');
}
