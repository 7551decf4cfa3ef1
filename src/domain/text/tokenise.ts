import { normaliseTypography } from './normalise.js';

/**
 * Word tokens for sentiment and theme matching: lower case, apostrophes kept inside words ("can't"),
 * hashtags split on their capitals (#ThankYouNHS → thank you nhs), each emoji a token of its own,
 * and the punctuation that ends a negation scope (, . ; : ! ?) kept as one-character tokens.
 */

// Words (with inner apostrophes), hashtags, emoji (with modifiers/joiners folded away) and scope punctuation.
const TOKEN_RE = /#[\p{L}\p{N}_]+|[\p{L}\p{N}]+(?:'[\p{L}]+)*|\p{Extended_Pictographic}|[,.;:!?]/gu;
const HASHTAG_PART_RE = /\p{Lu}+(?=\p{Lu}\p{Ll})|\p{Lu}?\p{Ll}+|\p{Lu}+|\p{N}+/gu;

/** Apostrophe-less spellings that matter for negation, mapped to the usual form. */
const CONTRACTIONS: Record<string, string> = {
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
};

/** True for the one-character punctuation tokens that `tokenise` emits. */
export function isPunctuationToken(token: string): boolean {
  return token.length === 1 && ',.;:!?'.includes(token);
}

/** Splits a text into lower-case tokens (see the file comment for the rules). */
export function tokenise(text: string): string[] {
  const tokens: string[] = [];
  const source = normaliseTypography(text);
  for (const match of source.matchAll(TOKEN_RE)) {
    const raw = match[0];
    if (raw.charCodeAt(0) === 35 /* # */) {
      for (const part of raw.slice(1).matchAll(HASHTAG_PART_RE)) tokens.push(part[0].toLowerCase());
      continue;
    }
    const lower = raw.toLowerCase();
    tokens.push(CONTRACTIONS[lower] ?? lower);
  }
  return tokens;
}
