import { THEMES, type ThemeId } from '../model.js';
import { CASE_SENSITIVE_THEME_TERMS, THEME_LEXICON } from './lexicon.js';
import { compilePhrases, type PhraseEntry, type PhraseMatcher, tokenise } from './phrase-matcher.js';

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
 * theme's sentiment on its sentences); themes come back in THEMES order, each once.
 */
export function detectThemes(sentences: readonly string[]): ThemeMention[] {
  const m = matcher();
  const found = new Map<ThemeId, number[]>();
  sentences.forEach((sentence, index) => {
    for (const hit of m.match(tokenise(sentence))) {
      const list = found.get(hit.value);
      if (list === undefined) found.set(hit.value, [index]);
      else if (list[list.length - 1] !== index) list.push(index);
    }
  });
  return [...found]
    .sort((a, b) => THEME_ORDER.get(a[0])! - THEME_ORDER.get(b[0])!)
    .map(([id, list]) => ({ id, sentences: list }));
}
