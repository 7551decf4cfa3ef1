/**
 * Text normalisation before redaction: Unicode NFC, control characters removed (newlines kept, as
 * paragraph breaks carry meaning), spaces collapsed, at most one blank line in a row, trimmed.
 */
export function normaliseCommentText(text: string): string {
  const nfc = text.normalize('NFC');
  return isAlreadyClean(nfc) ? nfc.trim() : replaceAll(nfc);
}

/** Every replacement, in order, on NFC text: what the clean-text shortcut above must agree with. */
export function replaceAll(nfc: string): string {
  return nfc
    .replace(/\r\n?|[\u0085\u2028\u2029]/g, '\n')
    .replace(/[\t\v\f\u00a0\u2000-\u200a\u202f\u205f\u3000]/g, ' ')
    .replace(/[\p{Cc}\u200b\ufeff]/gu, (char) => (char === '\n' ? '\n' : ''))
    .replace(/ {2,}/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const SPACE = 0x20;
const LINE_FEED = 0x0a;

/** Characters the replacements above change, at or above U+00A0 (below it, only printable ASCII is left alone). */
function isRewritten(code: number): boolean {
  return (
    code === 0xa0 ||
    (code >= 0x2000 && code <= 0x200b) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/**
 * True when none of the replacements would change the text: printable ASCII, line feeds and other
 * characters they leave alone, no two spaces in a row, no space beside a line feed, no three line feeds
 * in a row. Most comments are like this, and one scan is cheaper than six regex passes.
 */
function isAlreadyClean(text: string): boolean {
  let previous = -1;
  let lineFeeds = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === LINE_FEED) {
      if (previous === SPACE || ++lineFeeds === 3) return false;
    } else {
      lineFeeds = 0;
      if (code === SPACE) {
        if (previous === SPACE || previous === LINE_FEED) return false;
      } else if (code < SPACE || (code >= 0x7f && code < 0xa0) || isRewritten(code)) return false;
    }
    previous = code;
  }
  return true;
}
