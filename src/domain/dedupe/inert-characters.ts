/**
 * Characters outside ASCII that the fast word scanner may step over as separators without running
 * NFC or lower-casing first. Each one is no letter or digit, has no case mapping and no canonical
 * decomposition, has combining class 0 and is never the second half of a canonical composition, so
 * a text made only of ASCII and these is already NFC and lower-casing changes nothing but A–Z
 * (test/unit/dedupe/inert-characters.test.ts checks every one against the runtime's Unicode data).
 */

/** Inclusive code point ranges: common typographic punctuation, currency, symbols and emoji. */
export const INERT_RANGES: readonly (readonly [number, number])[] = [
  [0x00a0, 0x00a9], // no-break space, ¡ ¢ £ ¤ ¥ ¦ § ¨ ©
  [0x00ab, 0x00b1], // « ¬ soft hyphen ® ¯ ° ±
  [0x00b4, 0x00b4], // ´
  [0x00b6, 0x00b8], // ¶ · ¸
  [0x00bb, 0x00bb], // »
  [0x00bf, 0x00bf], // ¿
  [0x00d7, 0x00d7], // ×
  [0x00f7, 0x00f7], // ÷
  [0x200d, 0x200d], // zero-width joiner (inside emoji sequences)
  [0x2010, 0x2027], // dashes, curly quotes and apostrophes, bullets, ellipsis
  [0x2030, 0x205e], // per mille, primes, guillemets, ‼ ⁇ and other punctuation
  [0x20a0, 0x20c0], // currency signs (€)
  [0x2190, 0x2199], // arrows
  [0x2600, 0x2775], // miscellaneous symbols and dingbats (☺ ✓ ❤), up to the circled digits
  [0xfe0f, 0xfe0f], // emoji presentation selector
  [0x1f300, 0x1faff], // emoji and pictographs
];

const INERT_BMP = new Uint8Array(0x10000);
for (const [from, to] of INERT_RANGES) for (let code = from; code <= Math.min(to, 0xffff); code++) INERT_BMP[code] = 1;

const INERT_ASTRAL = INERT_RANGES.filter(([from]) => from > 0xffff);

/** Whether UTF-16 code unit `code` (not a surrogate) is in INERT_RANGES. */
export function isInertBmp(code: number): boolean {
  return INERT_BMP[code] === 1;
}

/** Whether an astral code point is in INERT_RANGES. */
export function isInertAstral(codePoint: number): boolean {
  return INERT_ASTRAL.some(([from, to]) => codePoint >= from && codePoint <= to);
}
