import { isInertAstral, isInertBmp } from './inert-characters.js';
import { wordTokens } from './word-tokens.js';

/**
 * A text's word tokens (exactly `wordTokens`) as UTF-8 joined by single spaces, with where each
 * word starts: a shingle of words i..j is then the byte range from starts[i] to starts[j + 1] - 1,
 * hashed in place instead of built as a joined string.
 *
 * Texts of ASCII and inert characters (nearly every comment) are scanned in one pass that
 * lower-cases A–Z on the way: such a text is already NFC, lower-casing changes nothing else, and
 * its only word characters are ASCII letters and digits (see inert-characters.ts). Any other
 * character sends the text through `wordTokens` itself.
 */
export interface WordBytes {
  /** UTF-8 of the words joined by single spaces, in bytes[0..starts[count] - 1). */
  bytes: Uint8Array;
  /** Byte offset of each word, then one past a space after the last (starts[count]). */
  starts: Int32Array;
  count: number;
}

// Reused from call to call (the result is only valid until the next call): SimHash runs once per
// comment and would otherwise allocate two buffers each time.
const result: WordBytes = { bytes: new Uint8Array(4096), starts: new Int32Array(1024), count: 0 };

/** Lower-cased byte of each ASCII letter or digit, 0 for every other ASCII character. */
const ASCII_WORD_BYTE = new Uint8Array(0x80);
for (let code = 0x30; code <= 0x39; code++) ASCII_WORD_BYTE[code] = code;
for (let code = 0x61; code <= 0x7a; code++) ASCII_WORD_BYTE[code] = code;
for (let code = 0x41; code <= 0x5a; code++) ASCII_WORD_BYTE[code] = code + 0x20;

const SPACE = 0x20;
const APOSTROPHE = 0x27;
const RIGHT_SINGLE_QUOTE = 0x2019;

function reserve(byteCount: number, wordCount: number): void {
  if (result.bytes.length < byteCount) result.bytes = new Uint8Array(Math.max(byteCount, 2 * result.bytes.length));
  if (result.starts.length < wordCount) result.starts = new Int32Array(Math.max(wordCount, 2 * result.starts.length));
}

function asciiWordByte(code: number): number {
  return code < 0x80 ? ASCII_WORD_BYTE[code]! : 0;
}

function isSurrogatePairAt(text: string, i: number, high: number): boolean {
  if (high < 0xd800 || high > 0xdbff || i + 1 >= text.length) return false;
  const low = text.charCodeAt(i + 1);
  return low >= 0xdc00 && low <= 0xdfff;
}

/** The one-pass scan; false (result unusable) at the first character it cannot vouch for. */
function scanAsciiAndInert(text: string): boolean {
  const length = text.length;
  // Every code unit gives at most 3 bytes: ’ is one unit and three bytes, and the space before a
  // word stands for at least one separator that wrote nothing.
  reserve(3 * length + 1, length + 1);
  const { bytes, starts } = result;
  let out = 0;
  let count = 0;
  let inWord = false;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    const byte = asciiWordByte(code);
    if (byte !== 0) {
      if (!inWord) {
        if (count > 0) bytes[out++] = SPACE;
        starts[count++] = out;
        inWord = true;
      }
      bytes[out++] = byte;
    } else if (
      inWord &&
      (code === APOSTROPHE || code === RIGHT_SINGLE_QUOTE) &&
      i + 1 < length &&
      asciiWordByte(text.charCodeAt(i + 1)) !== 0
    ) {
      // An apostrophe belongs to the word only when a word character follows it.
      if (code === APOSTROPHE) {
        bytes[out++] = APOSTROPHE;
      } else {
        bytes[out++] = 0xe2; // U+2019 in UTF-8
        bytes[out++] = 0x80;
        bytes[out++] = 0x99;
      }
    } else {
      inWord = false;
      if (code < 0x80 || isInertBmp(code)) continue;
      if (!isSurrogatePairAt(text, i, code)) return false;
      const codePoint = ((code - 0xd800) << 10) + (text.charCodeAt(i + 1) - 0xdc00) + 0x10000;
      if (!isInertAstral(codePoint)) return false;
      i++;
    }
  }
  starts[count] = out + 1;
  result.count = count;
  return true;
}

const encoder = new TextEncoder();

function joinTokens(tokens: readonly string[]): void {
  const joined = tokens.join(' ');
  reserve(3 * joined.length + 1, tokens.length + 1);
  const { bytes, starts } = result;
  const { written } = encoder.encodeInto(joined, bytes);
  let offset = 0;
  tokens.forEach((token, index) => {
    starts[index] = offset;
    offset += Buffer.byteLength(token, 'utf8') + 1;
  });
  starts[tokens.length] = written + 1;
  result.count = tokens.length;
}

export function wordBytes(text: string): WordBytes {
  if (!scanAsciiAndInert(text)) joinTokens(wordTokens(text));
  return result;
}
