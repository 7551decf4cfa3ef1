import { THEMES, type ThemeId } from '../model.js';
import { normaliseTypography } from '../text/normalise.js';
import { CASE_SENSITIVE_THEME_TERMS, THEME_LEXICON } from './lexicon.js';
import { compilePhrases, type PhraseEntry, type PhraseMatcher, tokenise } from './phrase-matcher.js';
import { sentenceTokenRanges } from './sentence-token-ranges.js';

export interface ThemeMention {
  id: ThemeId;
  /** Indexes (ascending) of the sentences that mention the theme. */
  sentences: number[];
}

let compiled: PhraseMatcher<ThemeId> | undefined;

function matcher(): PhraseMatcher<ThemeId> {
  if (compiled) return compiled;
  const entries: PhraseEntry<ThemeId>[] = [];
  for (const id of THEMES) {
    for (const phrase of THEME_LEXICON[id]) entries.push({ phrase, value: id });
    for (const phrase of CASE_SENSITIVE_THEME_TERMS[id] ?? []) entries.push({ phrase, value: id, caseSensitive: true });
  }
  compiled = compilePhrases(entries);
  return compiled;
}

const THEME_ORDER = new Map(THEMES.map((id, i) => [id, i]));

/**
 * Which themes each sentence mentions. The caller splits the comment into sentences (and scores each
 * theme's sentiment on its sentences); themes come back in THEMES order, each once. Given the `text`
 * the sentences were split from, sentences are matched on the tokens of the whole text, tokenised once,
 * rather than tokenised one by one. (The tumour, safety and trust passes tokenise the raw text; this
 * pass the text with its typography normalised, as the sentences are: the two share a cached result
 * only when normalising changed nothing.)
 */
export function detectThemes(sentences: readonly string[], text?: string): ThemeMention[] {
  const m = matcher();
  const found = new Map<ThemeId, number[]>();
  // Sentences are split from the text with its typography normalised: look for them there.
  const source = text === undefined ? undefined : normaliseTypography(text);
  const whole = source === undefined ? undefined : tokenise(source);
  const ranges = whole === undefined ? [] : sentenceTokenRanges(source!, whole, sentences);
  sentences.forEach((sentence, index) => {
    const range = ranges[index];
    const hits = range && whole ? m.match(whole, range.from, range.to) : m.match(tokenise(sentence));
    for (const hit of hits) {
      const list = found.get(hit.value);
      if (list === undefined) found.set(hit.value, [index]);
      else if (list[list.length - 1] !== index) list.push(index);
    }
  });
  return [...found]
    .sort((a, b) => THEME_ORDER.get(a[0])! - THEME_ORDER.get(b[0])!)
    .map(([id, list]) => ({ id, sentences: list }));
}
