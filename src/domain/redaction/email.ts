import { type Detector, type RedactionSpan, spansOf } from './detector.js';

/** Longest local part (RFC 5321) and domain scanned around an '@'; the caps keep the scan linear. */
const MAX_LOCAL = 64;
const MAX_DOMAIN = 253;

function isLocalChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || // a-z
    (c >= 65 && c <= 90) || // A-Z
    (c >= 48 && c <= 57) || // 0-9
    c === 46 || // .
    c === 95 || // _
    c === 37 || // %
    c === 43 || // +
    c === 45 || // -
    c === 39 // '
  );
}

function isDomainChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 46 || c === 45;
}

/** A domain with at least two labels, no empty or hyphen-edged label, and an alphabetic TLD of 2+ letters. */
function isPlausibleDomain(domain: string): boolean {
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  for (const label of labels) {
    if (label.length === 0 || label.startsWith('-') || label.endsWith('-')) return false;
  }
  return /^[A-Za-z]{2,24}$/.test(labels[labels.length - 1]!);
}

/** Plain addresses, found by scanning out from each '@' rather than by a regex that could backtrack. */
function findPlainEmails(text: string): RedactionSpan[] {
  const spans: RedactionSpan[] = [];
  let at = text.indexOf('@');
  while (at !== -1) {
    // "jane.smith @ example.com": one space either side of the '@' is a common way to dodge scrapers.
    const localEnd = text.charCodeAt(at - 1) === 32 ? at - 1 : at;
    const domainStart = text.charCodeAt(at + 1) === 32 ? at + 2 : at + 1;
    let start = localEnd;
    while (start > 0 && localEnd - start < MAX_LOCAL && isLocalChar(text.charCodeAt(start - 1))) start--;
    while (start < localEnd && text.charCodeAt(start) === 46) start++; // a local part never starts with '.'
    let end = domainStart;
    while (end < text.length && end - domainStart < MAX_DOMAIN && isDomainChar(text.charCodeAt(end))) end++;
    while (end > domainStart && (text.charCodeAt(end - 1) === 46 || text.charCodeAt(end - 1) === 45)) end--;
    if (start < localEnd && isPlausibleDomain(text.slice(domainStart, end))) {
      spans.push({ kind: 'email', start, end });
      at = text.indexOf('@', end);
    } else {
      at = text.indexOf('@', at + 1);
    }
  }
  return spans;
}

const WORD = '[A-Za-z0-9][A-Za-z0-9_\\-]{0,40}';
const DOT = '(?:\\.|\\s*[[(]\\s*dot\\s*[\\])]\\s*|\\s+dot\\s+)';
const AT = '(?:\\s*[[(]\\s*at\\s*[\\])]\\s*|\\s+at\\s+)';
const TLD = '(?:com|org|net|uk|nhs|gov|info|biz|io|me|ie|eu|edu|scot|wales|co)';

/** "jane dot smith at example dot co dot uk", "jane[at]example[dot]com". */
const OBFUSCATED = new RegExp(
  `(?<![\\w.@])${WORD}(?:${DOT}${WORD}){0,3}${AT}${WORD}(?:${DOT}${WORD}){0,3}${DOT}${TLD}(?![\\w@])`,
  'gi',
);
const OBFUSCATED_CUE = /dot|\[at\]|\(at\)/i;
/** An obfuscated address must spell out a marker: a bare "was at home.com" is prose, not an address. */
const SPELLED_MARKER = /[[(]\s*at\s*[\])]|\bdot\b/i;

function findObfuscatedEmails(text: string): RedactionSpan[] {
  return spansOf(text, OBFUSCATED, 'email').filter((s) => SPELLED_MARKER.test(text.slice(s.start, s.end)));
}

export const emailDetector: Detector = {
  kind: 'email',
  needsDigit: false,
  mayMatch: (text) => text.includes('@') || OBFUSCATED_CUE.test(text),
  find(text) {
    const plain = text.includes('@') ? findPlainEmails(text) : [];
    if (!OBFUSCATED_CUE.test(text)) return plain;
    const obfuscated = findObfuscatedEmails(text).filter((o) => !plain.some((p) => p.start < o.end && o.start < p.end));
    return plain.concat(obfuscated).sort((a, b) => a.start - b.start);
  },
};
