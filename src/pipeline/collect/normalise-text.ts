/**
 * Text normalisation before redaction: Unicode NFC, control characters removed (newlines kept, as
 * paragraph breaks carry meaning), spaces collapsed, at most one blank line in a row, trimmed.
 */
export function normaliseCommentText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?|[\u0085\u2028\u2029]/g, '\n')
    .replace(/[\t\v\f\u00a0\u2000-\u200a\u202f\u205f\u3000]/g, ' ')
    .replace(/[\p{Cc}\u200b\ufeff]/gu, (char) => (char === '\n' ? '\n' : ''))
    .replace(/ {2,}/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
