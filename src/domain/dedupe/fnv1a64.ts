/**
 * 64-bit FNV-1a, computed in two unsigned 32-bit halves: BigInt arithmetic is several times slower
 * and SimHash hashes every shingle of every comment.
 */

const PRIME_LOW = 0x1b3; // FNV 64-bit prime is 2^40 + 0x1b3
const OFFSET_HIGH = 0xcbf29ce4;
const OFFSET_LOW = 0x84222325;

export interface Hash64 {
  high: number;
  low: number;
}

/**
 * FNV-1a 64 of `bytes[start..end)`. The low half's product mod 2^32 is one Math.imul; its carry into
 * the high half (⌊low·0x1b3 / 2^32⌋) comes from 16-bit halves, off the low half's chain from byte to
 * byte, so consecutive bytes wait on an integer multiply rather than on float conversions.
 */
export function fnv1a64Bytes(bytes: Uint8Array, start: number, end: number): Hash64 {
  let high = OFFSET_HIGH | 0;
  let low = OFFSET_LOW | 0;
  for (let i = start; i < end; i++) {
    const mixed = low ^ bytes[i]!;
    // (high·2^32 + mixed) · (2^40 + 0x1b3) mod 2^64, split into halves.
    const carry = ((mixed >>> 16) * PRIME_LOW + (((mixed & 0xffff) * PRIME_LOW) >>> 16)) >>> 16;
    high = (Math.imul(high, PRIME_LOW) + carry + (mixed << 8)) | 0;
    low = Math.imul(mixed, PRIME_LOW);
  }
  return { high: high >>> 0, low: low >>> 0 };
}

const encoder = new TextEncoder();

/** FNV-1a 64 over the UTF-8 bytes of a string (a lone surrogate counts as U+FFFD, as TextEncoder writes it). */
export function fnv1a64(text: string): Hash64 {
  const bytes = encoder.encode(text);
  return fnv1a64Bytes(bytes, 0, bytes.length);
}

const HEX_DIGITS = Array.from('0123456789abcdef', (digit) => digit.charCodeAt(0));

function hexDigit(word: number, shift: number): number {
  return HEX_DIGITS[(word >>> shift) & 0xf]!;
}

/**
 * 16 lower-case hex digits, high half first. Built from char codes in one call: `toString(16)` on
 * a half above 2^31 (a heap number, not a small integer) took the slow general radix conversion.
 */
export function hash64ToHex({ high, low }: Hash64): string {
  return String.fromCharCode(
    hexDigit(high, 28),
    hexDigit(high, 24),
    hexDigit(high, 20),
    hexDigit(high, 16),
    hexDigit(high, 12),
    hexDigit(high, 8),
    hexDigit(high, 4),
    hexDigit(high, 0),
    hexDigit(low, 28),
    hexDigit(low, 24),
    hexDigit(low, 20),
    hexDigit(low, 16),
    hexDigit(low, 12),
    hexDigit(low, 8),
    hexDigit(low, 4),
    hexDigit(low, 0),
  );
}
