import { codePointAt, codePointWidth, isPictographic, letterOrNumberWidth, letterWidth } from './char-class.js';
import { normaliseTypography } from './normalise.js';

/**
 * Word tokens for sentiment and theme matching: lower case, apostrophes kept inside words ("can't"),
 * hashtags split on their capitals (#ThankYouNHS → thank you nhs), each emoji a token of its own,
 * and the punctuation that ends a negation scope (, . ; : ! ?) kept as one-character tokens.
 */

// Hashtags are split on their capitals; words, emoji and scope punctuation are found by `tokenise`'s scan.
const HASHTAG_PART_RE = /\p{Lu}+(?=\p{Lu}\p{Ll})|\p{Lu}?\p{Ll}+|\p{Lu}+|\p{N}+/gu;

/** Apostrophe-less spellings that matter for negation, mapped to the usual form. */
const CONTRACTIONS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    cant: "can't",
    couldnt: "couldn't",
    wouldnt: "wouldn't",
    shouldnt: "shouldn't",
    didnt: "didn't",
    doesnt: "doesn't",
    dont: "don't",
    wasnt: "wasn't",
    werent: "weren't",
    isnt: "isn't",
    arent: "aren't",
    hasnt: "hasn't",
    havent: "haven't",
    hadnt: "hadn't",
    wont: "won't",
    aint: "ain't",
    im: "i'm",
    ive: "i've",
  }),
);

/** True for the one-character punctuation tokens that `tokenise` emits. */
export function isPunctuationToken(token: string): boolean {
  return token.length === 1 && ',.;:!?'.includes(token);
}

const HASH = 0x23;
const APOSTROPHE = 0x27;
const UNDERSCORE = 0x5f;
/** `,.;:!?` by char code. */
const SCOPE_PUNCTUATION = new Uint8Array(0x80);
for (const c of [0x2c, 0x2e, 0x3b, 0x3a, 0x21, 0x3f]) SCOPE_PUNCTUATION[c] = 1;

/** End of the run of `[\p{L}\p{N}]` (or, with `underscore`, `[\p{L}\p{N}_]`) starting at `i`. */
function endOfRun(text: string, i: number, underscore: boolean): number {
  while (i < text.length) {
    const width = letterOrNumberWidth(text, i);
    if (width > 0) i += width;
    else if (underscore && text.charCodeAt(i) === UNDERSCORE) i++;
    else break;
  }
  return i;
}

/** End of a word starting at `i`: `[\p{L}\p{N}]+(?:'[\p{L}]+)*`, greedy as the regex was. */
function endOfWord(text: string, i: number): number {
  let end = endOfRun(text, i, false);
  while (end + 1 < text.length && text.charCodeAt(end) === APOSTROPHE && letterWidth(text, end + 1) > 0) {
    let j = end + 1;
    for (let width = letterWidth(text, j); width > 0; width = letterWidth(text, j)) j += width;
    end = j;
  }
  return end;
}

/** Every CONTRACTIONS key ends in "t", "m" or "e": other words skip the lookup. */
function mayBeContraction(lower: string): boolean {
  const last = lower.charCodeAt(lower.length - 1);
  return last === 0x74 || last === 0x6d || last === 0x65;
}

/**
 * Splits a text into lower-case tokens (see the file comment for the rules). One left-to-right scan
 * finding what `/#[\p{L}\p{N}_]+|[\p{L}\p{N}]+(?:'[\p{L}]+)*|\p{Extended_Pictographic}|[,.;:!?]/gu`
 * would, alternatives tried in that order at each code point.
 */
export function tokenise(text: string): string[] {
  const tokens: string[] = [];
  const source = normaliseTypography(text);
  let i = 0;
  while (i < source.length) {
    const c = codePointAt(source, i);
    const wordWidth = letterOrNumberWidth(source, i);
    if (c === HASH) {
      const end = endOfRun(source, i + 1, true);
      if (end > i + 1) {
        for (const part of source.slice(i + 1, end).matchAll(HASHTAG_PART_RE)) tokens.push(part[0].toLowerCase());
        i = end;
        continue;
      }
    } else if (wordWidth > 0) {
      const end = endOfWord(source, i);
      const lower = source.slice(i, end).toLowerCase();
      tokens.push((mayBeContraction(lower) && CONTRACTIONS.get(lower)) || lower);
      i = end;
      continue;
    } else if (c < 0x80 ? SCOPE_PUNCTUATION[c] === 1 : false) {
      tokens.push(source[i] as string);
    } else if (isPictographic(c)) {
      tokens.push(source.slice(i, i + codePointWidth(c)));
    }
    i += codePointWidth(c);
  }
  return tokens;
}
