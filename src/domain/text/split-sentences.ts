import { codePointAt, codePointWidth, isLetterOrNumber, isPictographic } from './char-class.js';
import { normaliseTypography } from './normalise.js';
import { rememberRecent } from './recent-results.js';

/**
 * Splits a comment into sentences and clauses, the units that carry one sentiment each: "The surgeon was
 * brilliant, the ward was appalling" is two clauses. Boundaries are sentence punctuation, ";", line breaks,
 * contrast words ("but", "however", "although", "whereas", "though") and commas between two clauses of
 * at least two words each. Returns trimmed, non-empty pieces in their original order.
 */

// Sentence ends: . ! ? runs followed by space or end (not "2.5"), ";" and line breaks.
const HARD_BOUNDARY_RE = /(?<=[.!?])\s+|(?<=[.!?])$|;|\r?\n|\u2022/u;
const ABBREVIATION_END_RE = /\b(dr|mr|mrs|ms|st|prof|e\.g|i\.e|etc|approx|no)\.$/i;
// A contrast word opens a new clause; "nothing but praise" and "not only … but also" do not.
const CONTRAST_RE = /\s*,?\s+(?=(?:but|however|although|though|whereas)\b)/giu;
// Cheap first look: CONTRAST_RE can only match where one of its words stands (same flags, same folding).
const CONTRAST_WORD_RE = /but|however|though|whereas/iu;
const NO_SPLIT_BEFORE_BUT_RE = /\b(nothing|anything|everything|all|none|cannot|can't|couldn't|could not)$/i;

const APOSTROPHE = 0x27;

/** How many runs of `[\p{L}\p{N}']` the text holds, counted without building them. */
function wordCount(text: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; ) {
    const c = codePointAt(text, i);
    const wordChar = c === APOSTROPHE || isLetterOrNumber(c);
    if (wordChar && !inWord) count++;
    inWord = wordChar;
    i += codePointWidth(c);
  }
  return count;
}

function splitHard(text: string): string[] {
  const pieces = text.split(HARD_BOUNDARY_RE);
  const merged: string[] = [];
  for (const piece of pieces) {
    const last = merged.length > 0 ? merged[merged.length - 1] : undefined;
    // "Dr. Patel was kind" must stay one sentence.
    if (last?.endsWith('.') && ABBREVIATION_END_RE.test(last)) merged[merged.length - 1] = `${last} ${piece}`;
    else merged.push(piece);
  }
  return merged;
}

function splitContrast(sentence: string): string[] {
  if (!CONTRAST_WORD_RE.test(sentence)) return [sentence];
  const out: string[] = [];
  let start = 0;
  for (const match of sentence.matchAll(CONTRAST_RE)) {
    const index = match.index ?? 0;
    const before = sentence.slice(start, index);
    const rest = sentence.slice(index + match[0].length);
    if (NO_SPLIT_BEFORE_BUT_RE.test(before.trim()) || /^but also\b/i.test(rest) || wordCount(before) === 0) continue;
    out.push(before);
    start = index + match[0].length;
  }
  out.push(sentence.slice(start));
  return out;
}

function splitCommas(clause: string): string[] {
  const parts = clause.split(',');
  if (parts.length === 1) return parts;
  const out: string[] = [];
  let current = parts[0] ?? '';
  for (let i = 1; i < parts.length; i++) {
    const next = parts[i] ?? '';
    // Lists of single words ("cold, hungry, tired") stay one clause.
    if (wordCount(current) >= 2 && wordCount(next) >= 2) {
      out.push(current);
      current = next;
    } else {
      current = `${current},${next}`;
    }
  }
  out.push(current);
  return out;
}

const FULL_STOP = 0x2e;
const EXCLAMATION = 0x21;
const QUESTION = 0x3f;
const SEMICOLON = 0x3b;
const COMMA = 0x2c;
const LINE_FEED = 0x0a;
const BULLET = 0x2022;

function isSentenceEnd(code: number): boolean {
  return code === FULL_STOP || code === EXCLAMATION || code === QUESTION;
}

/**
 * True when no rule above can split `text`: no ";", ",", line feed or bullet, sentence punctuation
 * only as the closing run, and no contrast word. A clause scored on its own is usually such a text,
 * and then the regex passes can be skipped.
 */
function isOnePiece(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === SEMICOLON || c === COMMA || c === LINE_FEED || c === BULLET) return false;
    if (isSentenceEnd(c)) {
      for (let j = i + 1; j < text.length; j++) if (!isSentenceEnd(text.charCodeAt(j))) return false;
      break;
    }
  }
  return !CONTRAST_WORD_RE.test(text);
}

const COLON = 0x3a;
const HYPHEN = 0x2d;
const LEADING_PUNCTUATION_RE = /^[,;:\-\s]+/;

/** `/[\p{L}\p{N}\p{Extended_Pictographic}]/u.test(text)`, by a scan that mostly stops at the first character. */
function hasWordOrEmoji(text: string): boolean {
  for (let i = 0; i < text.length; ) {
    const c = codePointAt(text, i);
    if (isLetterOrNumber(c) || isPictographic(c)) return true;
    i += codePointWidth(c);
  }
  return false;
}

function addClause(out: string[], clause: string): void {
  let trimmed = clause.trim();
  // After trim() only these can open the run of list punctuation and spaces that is dropped.
  const first = trimmed.charCodeAt(0);
  if (first === COMMA || first === SEMICOLON || first === COLON || first === HYPHEN) {
    trimmed = trimmed.replace(LEADING_PUNCTUATION_RE, '');
  }
  if (trimmed !== '' && hasWordOrEmoji(trimmed)) out.push(trimmed);
}

function splitSentencesUncached(text: string): readonly string[] {
  const out: string[] = [];
  const source = normaliseTypography(text);
  if (isOnePiece(source)) {
    addClause(out, source);
    return out;
  }
  for (const sentence of splitHard(source)) {
    for (const contrast of splitContrast(sentence)) {
      for (const clause of splitCommas(contrast)) addClause(out, clause);
    }
  }
  return out;
}

/** The sentences and clauses of `text`, trimmed and non-empty; the array is shared, so read-only. */
export const splitSentences: (text: string) => readonly string[] = rememberRecent(splitSentencesUncached);
