import type { TokenisedText } from './phrase-matcher.js';

/** Tokens [from, to) of a longer text's tokens. */
export interface TokenRange {
  from: number;
  to: number;
}

/**
 * Where each sentence's tokens lie among the tokens of the text it was split from, so that one
 * tokenisation of the comment serves every sentence. A sentence gets a range when it is found in
 * `text` (searching on from the previous one) and no token of the text runs across its start or end:
 * the tokeniser reads nothing beyond the end of the word it is in, so tokenising that stretch alone
 * gives exactly those tokens. Otherwise its entry is null, and the caller tokenises it by itself.
 */
export function sentenceTokenRanges(
  text: string,
  tokens: TokenisedText,
  sentences: readonly string[],
): (TokenRange | null)[] {
  const { starts, ends } = tokens;
  if (starts === undefined || ends === undefined) return sentences.map(() => null);
  const ranges: (TokenRange | null)[] = [];
  let searchFrom = 0;
  let next = 0;
  for (const sentence of sentences) {
    const at = text.indexOf(sentence, searchFrom);
    if (at < 0) {
      ranges.push(null);
      continue;
    }
    const end = at + sentence.length;
    while (next < ends.length && (ends[next] as number) <= at) next++;
    let to = next;
    while (to < ends.length && (ends[to] as number) <= end) to++;
    const crossesStart = next < starts.length && (starts[next] as number) < at;
    const crossesEnd = to < starts.length && (starts[to] as number) < end;
    ranges.push(crossesStart || crossesEnd ? null : { from: next, to });
    searchFrom = end;
    next = to;
  }
  return ranges;
}
