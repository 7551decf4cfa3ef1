import { SAFETY_KINDS, type SafetyKind } from '../model.js';
import { compilePhrases, type PhraseMatcher, type TokenisedText, tokenise } from '../themes/phrase-matcher.js';
import {
  CLAUSE_BREAKS,
  DELAY_CUE_WINDOW,
  DELAY_CUES,
  NEGATION_WINDOW,
  NEGATION_WORDS,
  NON_EVENT_FOLLOWERS,
  SAFETY_TERMS,
  type SafetyTerm,
} from './lexicon.js';

export interface SafetyConcern {
  kind: SafetyKind;
}

type Value = SafetyTerm | 'delay_cue';

let compiled: PhraseMatcher<Value> | undefined;

function matcher(): PhraseMatcher<Value> {
  compiled ??= compilePhrases<Value>([
    ...SAFETY_TERMS.map((term) => ({ phrase: term.phrase, value: term })),
    ...DELAY_CUES.map((phrase) => ({ phrase, value: 'delay_cue' as const })),
  ]);
  return compiled;
}

/** True when a negation word stands shortly before `start` with no clause break in between. */
function isNegated(tokens: TokenisedText, start: number): boolean {
  for (let i = start - 1; i >= 0 && i >= start - NEGATION_WINDOW; i--) {
    const word = tokens.lower[i]!;
    if (CLAUSE_BREAKS.has(word)) return false;
    if (NEGATION_WORDS.has(word)) return true;
  }
  return false;
}

/**
 * Patient-safety concerns a comment raises, one entry per kind, in SAFETY_KINDS order. Tuned for
 * recall; negated events ("no falls", "never felt unsafe") are not flagged.
 */
export function detectSafety(text: string): SafetyConcern[] {
  const tokens = tokenise(text);
  const hits = matcher().match(tokens);
  if (hits.length === 0) return [];
  const delayCues: number[] = [];
  for (const hit of hits) if (hit.value === 'delay_cue') delayCues.push(hit.start);
  const kinds = new Set<SafetyKind>();
  for (const { value: term, start, end } of hits) {
    if (term === 'delay_cue' || kinds.has(term.kind)) continue;
    if (term.needsDelayCue && !delayCues.some((at) => at >= start - DELAY_CUE_WINDOW && at < end + DELAY_CUE_WINDOW)) {
      continue;
    }
    if (term.negatable && (isNegated(tokens, start) || NON_EVENT_FOLLOWERS.has(tokens.lower[end] ?? ''))) continue;
    kinds.add(term.kind);
  }
  return SAFETY_KINDS.filter((kind) => kinds.has(kind)).map((kind) => ({ kind }));
}
