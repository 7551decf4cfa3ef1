import { combineHashes, hashString } from '../../../src/domain/sentiment/hashing.js';
import type { LexiconAnalysis } from '../../../src/domain/sentiment/lexicon-scorer.js';

/**
 * Extra features for FFT's "3 = neutral or mixed" class, on top of the shipped ones:
 * - praise and complaint both present, with how even they are, crossed with the prompt kind;
 * - a contrast word ("but", "however", "although", …) opening a clause whose polarity is opposite to the
 *   clause before it ("crew were lovely | but the wait was 4 hours");
 * - with `questionWords`, every word crossed with the prompt kind, not only the words of short answers
 *   (the same suggestion can be praise-with-a-wish under "Why?" and a complaint under "What could be better?").
 */
export interface MixedCueOptions {
  both: boolean;
  contrast: boolean;
  questionWords: boolean;
}

const MIXED = 11;
const QUESTION_WORD = 12;
const CONTRAST_OPENERS = new Set(['but', 'however', 'although', 'though', 'whereas']);
// A clause counts as praise or complaint beyond this much valence (the lexicon's own "shape" cut).
const CLAUSE_POLARITY = 0.5;

function polarity(valence: number): '+' | '-' | '0' {
  return valence > CLAUSE_POLARITY ? '+' : valence < -CLAUSE_POLARITY ? '-' : '0';
}

/** Hashed buckets (already masked to `hashBits`) to append to the shipped features of the same comment. */
export function mixedCueFeatures(analysis: LexiconAnalysis, hashBits: number, options: MixedCueOptions): number[] {
  const mask = (1 << hashBits) - 1;
  const out: number[] = [];
  const q = hashString(analysis.question, MIXED);
  const add = (name: string) => {
    const h = hashString(name, MIXED);
    out.push(h & mask, combineHashes(q, h) & mask);
  };
  if (options.both) {
    const { positive, negative } = analysis;
    if (positive > 0 && negative > 0) {
      const evenness = Math.min(positive, negative) / Math.max(positive, negative);
      add('both');
      add(`both-even${Math.min(3, Math.floor(evenness * 4))}`);
    } else add(positive > 0 ? 'only-praise' : negative > 0 ? 'only-complaint' : 'no-polarity');
  }
  if (options.contrast) {
    for (let i = 1; i < analysis.clauses.length; i++) {
      const clause = analysis.clauses[i];
      const before = analysis.clauses[i - 1];
      if (clause === undefined || before === undefined || !CONTRAST_OPENERS.has(clause.words[0] ?? '')) continue;
      const turn = `${polarity(before.valence)}${polarity(clause.valence)}`;
      add(`contrast${turn}`);
      if (turn === '+-' || turn === '-+') add('contrast-opposite');
    }
  }
  if (options.questionWords) {
    for (const clause of analysis.clauses)
      for (const word of clause.words) out.push(combineHashes(q, hashString(word, QUESTION_WORD)) & mask);
  }
  return out;
}
