/**
 * Unicode character classes for the hand-written tokenisers, which scan text once instead of running a
 * `u`-flag regex and allocating a match object per token. ASCII is answered from a fixed table; any
 * other code point is classified once by the same Unicode property regexes the tokenisers used to run
 * (`\p{L}`, `\p{N}`, `\p{Extended_Pictographic}`), so the classes cannot drift from them.
 */

const KNOWN = 1;
const LETTER = 2;
const NUMBER = 4;
const PICTOGRAPHIC = 8;

const LETTER_RE = /^\p{L}$/u;
const NUMBER_RE = /^\p{N}$/u;
const PICTOGRAPHIC_RE = /^\p{Extended_Pictographic}$/u;

// Classes of the Basic Multilingual Plane, filled in as code points are met; 0 means not yet known.
const bmp = new Uint8Array(0x10000);
for (let c = 0; c < 0x80; c++) {
  const letter = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  const number = c >= 0x30 && c <= 0x39;
  bmp[c] = KNOWN | (letter ? LETTER : 0) | (number ? NUMBER : 0);
}
// Code points beyond the BMP (emoji, mathematical letters) are few per text; remember the ones seen.
const astral = new Map<number, number>();
const ASTRAL_MEMORY = 4096;

function classify(codePoint: number): number {
  const char = String.fromCodePoint(codePoint);
  return (
    KNOWN |
    (LETTER_RE.test(char) ? LETTER : 0) |
    (NUMBER_RE.test(char) ? NUMBER : 0) |
    (PICTOGRAPHIC_RE.test(char) ? PICTOGRAPHIC : 0)
  );
}

function classOf(codePoint: number): number {
  if (codePoint < 0x10000) {
    let flags = bmp[codePoint] as number;
    if (flags === 0) {
      flags = classify(codePoint);
      bmp[codePoint] = flags;
    }
    return flags;
  }
  let flags = astral.get(codePoint);
  if (flags === undefined) {
    flags = classify(codePoint);
    if (astral.size >= ASTRAL_MEMORY) astral.clear();
    astral.set(codePoint, flags);
  }
  return flags;
}

/** `\p{L}` */
export function isLetter(codePoint: number): boolean {
  return (classOf(codePoint) & LETTER) !== 0;
}

/** `[\p{L}\p{N}]` */
export function isLetterOrNumber(codePoint: number): boolean {
  return (classOf(codePoint) & (LETTER | NUMBER)) !== 0;
}

/** `\p{Extended_Pictographic}` */
export function isPictographic(codePoint: number): boolean {
  return (classOf(codePoint) & PICTOGRAPHIC) !== 0;
}

/** `[A-Za-z0-9]` by char code, for the ASCII fast path of the `…Width` functions. */
const ASCII_LETTER_OR_NUMBER = new Uint8Array(0x80);
const ASCII_LETTER = new Uint8Array(0x80);
for (let c = 0; c < 0x80; c++) {
  ASCII_LETTER_OR_NUMBER[c] = (bmp[c] as number) & (LETTER | NUMBER) ? 1 : 0;
  ASCII_LETTER[c] = (bmp[c] as number) & LETTER ? 1 : 0;
}

/** UTF-16 length of the `[\p{L}\p{N}]` code point at `index`, or 0 when there is none. */
export function letterOrNumberWidth(text: string, index: number): number {
  const unit = text.charCodeAt(index);
  if (unit < 0x80) return ASCII_LETTER_OR_NUMBER[unit] as number;
  if (Number.isNaN(unit)) return 0;
  const c = text.codePointAt(index) as number;
  return isLetterOrNumber(c) ? codePointWidth(c) : 0;
}

/** UTF-16 length of the `\p{L}` code point at `index`, or 0 when there is none. */
export function letterWidth(text: string, index: number): number {
  const unit = text.charCodeAt(index);
  if (unit < 0x80) return ASCII_LETTER[unit] as number;
  if (Number.isNaN(unit)) return 0;
  const c = text.codePointAt(index) as number;
  return isLetter(c) ? codePointWidth(c) : 0;
}

/**
 * The code point at `index` as a `u`-flag regex sees it: a surrogate pair is one code point, a lone
 * surrogate stands for itself. `codePointAt` does exactly that.
 */
export function codePointAt(text: string, index: number): number {
  return text.codePointAt(index) as number;
}

/** UTF-16 length of a code point. */
export function codePointWidth(codePoint: number): number {
  return codePoint > 0xffff ? 2 : 1;
}
