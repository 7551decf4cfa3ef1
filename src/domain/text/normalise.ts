/**
 * Text normalisation shared by tokenising, duplicate keys and the train/test split. Pure string work:
 * typographic quotes and dashes become ASCII so "can’t" and "can't" are one word.
 */

const TYPOGRAPHIC: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u201b': "'",
  '\u2032': "'",
  '`': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u2026': '...',
  '\u00a0': ' ',
};
const TYPOGRAPHIC_RE = /[\u2018\u2019\u201a\u201b\u2032`\u201c\u201d\u201e\u2013\u2014\u2026\u00a0]/g;

/** Replaces curly quotes, long dashes, ellipses and non-breaking spaces with their ASCII forms. */
export function normaliseTypography(text: string): string {
  return text.replace(TYPOGRAPHIC_RE, (ch) => TYPOGRAPHIC[ch] ?? ch);
}

/** Lower case, ASCII punctuation, whitespace collapsed to single spaces, trimmed. */
export function normaliseText(text: string): string {
  return normaliseTypography(text).toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * A stricter key for "is this the same comment?": letters and digits only, single-spaced. "Nothing." and
 * "nothing!" share a key, so a split by key cannot leak a near-identical answer across train and test.
 */
export function textKey(text: string): string {
  return normaliseTypography(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
