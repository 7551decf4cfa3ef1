import type { Detector, RedactionSpan } from './detector.js';
import { GIVEN_NAMES } from './known-names.js';
import { LOWER_CASE_WORDS, NOT_NAMES } from './name-words.js';

/**
 * A name signed at the very end of a post: on its own last line ("…\nKaren"), after a dash ("- Jo x")
 * or after "from" ("from Sue"), maybe with a second name ("Linda and Steve"), kisses and punctuation.
 * The first name must be a known given name, because a last line is as often "Brilliant" as "Karen".
 */
const SIGNATURE =
  /(?:\n|(?:^|\s)[-–—~][ \t]*|\bfrom[ \t]+)([A-Za-z][a-z'’]+)(?:[ \t]+([A-Z][a-z'’-]+))?(?:[ \t]*(?:and|&)[ \t]*([A-Za-z][a-z'’]+))?(?:[ \t]*\([^)\n]{1,30}\))?[\s.,!x]*$/d;
/** How much of the end of a post to look at. */
const TAIL = 80;
const SIGNATURE_HINT = /\n|[-–—~]|\bfrom\b/;

function isGivenName(word: string): boolean {
  const lower = word.toLowerCase();
  if (!GIVEN_NAMES.has(lower) || NOT_NAMES.has(lower)) return false;
  // In lower case a name that is also a word ("will", "rose") is read as the word.
  return word[0] !== lower[0] || !LOWER_CASE_WORDS.has(lower);
}

export function findSignature(text: string): RedactionSpan[] {
  const from = Math.max(0, text.length - TAIL);
  const m = SIGNATURE.exec(text.slice(from));
  if (!m?.indices || !isGivenName(m[1]!)) return [];
  const spans: RedactionSpan[] = [];
  const [start, firstEnd] = m.indices[1]!;
  const surname = m.indices[2];
  // "Karen Smith": a capitalised second word that is not a common word is her surname.
  const withSurname = surname && !NOT_NAMES.has(m[2]!.toLowerCase());
  spans.push({ kind: 'person_name', start: from + start, end: from + (withSurname ? surname[1] : firstEnd) });
  const second = m.indices[3];
  if (second && isGivenName(m[3]!)) spans.push({ kind: 'person_name', start: from + second[0], end: from + second[1] });
  return spans;
}

export const signatureDetector: Detector = {
  kind: 'person_name',
  needsDigit: false,
  // A signature follows a line break, a dash or "from" near the end of the post.
  mayMatch: (text) => SIGNATURE_HINT.test(text.slice(-TAIL)),
  find: findSignature,
};
