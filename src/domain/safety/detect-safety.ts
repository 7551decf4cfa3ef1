import { SAFETY_KINDS, type SafetyKind } from '../model.js';
import { compilePhrases, type PhraseMatcher, type TokenisedText, tokenise } from '../themes/phrase-matcher.js';
import {
  EVERYDAY_TERMS,
  EXTRA_CUES,
  EXTRA_DELAY_CUES,
  NOT_EVENTS,
  QUESTION_WINDOW,
  QUESTION_WORDS,
} from './everyday-terms.js';
import {
  CLAUSE_BREAKS,
  CUE_WINDOWS,
  DELAY_CUES,
  NEGATION_WINDOW,
  NEGATION_WORDS,
  NON_EVENT_FOLLOWERS,
  SAFETY_TERMS,
  type SafetyCue,
  type SafetyTerm,
} from './lexicon.js';

export interface SafetyConcern {
  kind: SafetyKind;
}

interface CueValue {
  cue: SafetyCue;
}
type Value = SafetyTerm | CueValue | 'not_event' | 'dose_swap';

let compiled: PhraseMatcher<Value> | undefined;

function matcher(): PhraseMatcher<Value> {
  if (compiled) return compiled;
  const cue = (name: SafetyCue) => (phrase: string) => ({ phrase, value: { cue: name } });
  compiled = compilePhrases<Value>([
    ...[...SAFETY_TERMS, ...EVERYDAY_TERMS].map((term) => ({ phrase: term.phrase, value: term })),
    ...[...DELAY_CUES, ...EXTRA_DELAY_CUES].map(cue('delay')),
    ...EXTRA_CUES.allergy.map(cue('allergy')),
    ...EXTRA_CUES.discharge.map(cue('discharge')),
    ...EXTRA_CUES.floor.map(cue('floor')),
    ...NOT_EVENTS.map((phrase) => ({ phrase, value: 'not_event' as const })),
    { phrase: 'instead of', value: 'dose_swap' as const },
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

/** "asked if I'd had thoughts of harming myself": a screening question, not a disclosure. */
function isQuestioned(tokens: TokenisedText, start: number): boolean {
  for (let i = start - 1; i >= 0 && i >= start - QUESTION_WINDOW; i--) {
    const next = tokens.lower[i + 1];
    if (QUESTION_WORDS.has(tokens.lower[i]!) && (next === 'if' || next === 'whether' || next === 'about')) return true;
  }
  return false;
}

const DOSE = /^\d+(?:mg|mcg|ml|g|units?|micrograms?)$/;
const UNIT = /^(?:mg|mcg|ml|g|units?|micrograms?)$/;

/** A dose at token `i`: "50mg", or "50" followed by "mg". */
function isDose(tokens: TokenisedText, i: number): boolean {
  const word = tokens.lower[i];
  if (word === undefined) return false;
  return DOSE.test(word) || (/^\d+$/.test(word) && UNIT.test(tokens.lower[i + 1] ?? ''));
}

/** "50mg instead of 5mg", "16mg instead of 1.6mg": a dose given or written in place of another. */
function isDoseSwap(tokens: TokenisedText, start: number, end: number): boolean {
  const before = [start - 1, start - 2, start - 3].some((i) => i >= 0 && isDose(tokens, i));
  const after = [end, end + 1, end + 2].some((i) => isDose(tokens, i));
  return before && after;
}

/**
 * Patient-safety concerns a comment raises, one entry per kind, in SAFETY_KINDS order. Tuned for
 * recall; negated events ("no falls", "never felt unsafe"), screening questions and look-alikes ("fell
 * asleep", "abuse of staff") are not flagged.
 */
export function detectSafety(text: string): SafetyConcern[] {
  const tokens = tokenise(text);
  const hits = matcher().match(tokens);
  if (hits.length === 0) return [];
  const cues = new Map<SafetyCue, number[]>();
  const notEvents: { start: number; end: number }[] = [];
  const kinds = new Set<SafetyKind>();
  for (const { value, start, end } of hits) {
    if (value === 'not_event') notEvents.push({ start, end });
    else if (value === 'dose_swap') {
      if (isDoseSwap(tokens, start, end)) kinds.add('medication_error');
    } else if ('cue' in value) {
      const at = cues.get(value.cue);
      if (at) at.push(start);
      else cues.set(value.cue, [start]);
    }
  }
  for (const { value: term, start, end } of hits) {
    if (typeof term === 'string' || 'cue' in term || kinds.has(term.kind)) continue;
    if (notEvents.some((n) => n.start < end && start < n.end)) continue;
    const needed = term.needsCue;
    if (needed) {
      const window = CUE_WINDOWS[needed];
      if (!(cues.get(needed) ?? []).some((at) => at >= start - window && at < end + window)) continue;
    }
    if (term.negatable && (isNegated(tokens, start) || NON_EVENT_FOLLOWERS.has(tokens.lower[end] ?? ''))) continue;
    if (term.kind === 'self_harm' && isQuestioned(tokens, start)) continue;
    kinds.add(term.kind);
  }
  return SAFETY_KINDS.filter((kind) => kinds.has(kind)).map((kind) => ({ kind }));
}
