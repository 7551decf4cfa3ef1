import { QUESTION_KINDS, type QuestionKind, SENTIMENT_LABELS } from '../model.js';
import { combineHashes, hashString } from './hashing.js';
import type { LexiconAnalysis } from './lexicon-scorer.js';

/** Which feature families the model uses; stored in the model file so scoring matches training. */
export interface FeatureOptions {
  /** log2 of the number of hashed buckets. @defaultValue 18 */
  hashBits: number;
  /** Word pairs inside a clause ("not helpful", "called back"). @defaultValue true */
  bigrams: boolean;
  /** Character n-grams of each word, lengths minChar…maxChar; 0 turns them off. @defaultValue 0 */
  charNgramMax: number;
  /** @defaultValue 3 */
  charNgramMin: number;
  /** Words inside a negation scope also count as "NOT_word". @defaultValue true */
  negationMarking: boolean;
  /** The lexicon's findings (idioms, polarity sums, sarcasm, bare answers) as features. @defaultValue true */
  lexiconCues: boolean;
  /** Question kind crossed with short answers and with the lexicon's verdict. @defaultValue true */
  questionInteractions: boolean;
  /** Comment-length buckets as features. Off by default: in FFT long answers are mostly complaints, a prior
   *  that does not carry over to long public stories. @defaultValue false */
  lengthCues: boolean;
}

export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = {
  hashBits: 18,
  bigrams: true,
  charNgramMax: 0,
  charNgramMin: 3,
  negationMarking: true,
  lexiconCues: true,
  questionInteractions: true,
  lengthCues: false,
};

// One seed per feature family.
const WORD = 1;
const NEGATED_WORD = 2;
const BIGRAM = 3;
const CHAR = 4;
const CUE = 5;
const QUESTION = 6;
const SHORT_ANSWER_WORD = 7;
const FIRST_WORD = 8;
const LAST_WORD = 9;
const START = hashString('^', 0);
const END = hashString('$', 0);

function bucket(value: number, edges: readonly number[]): number {
  let i = 0;
  while (i < edges.length && value > (edges[i] as number)) i++;
  return i;
}

const LENGTH_EDGES = [1, 2, 3, 6, 12, 25, 60];
const VALENCE_EDGES = [0, 1, 2, 3, 5, 8];

/**
 * `hashString(name + n, CUE)` for every n a bucket or rounded score can take, hashed once: the same
 * few cue names recur in every comment and clause.
 */
function cueHashes(name: string, from: number, to: number): (n: number) => number {
  const table: number[] = [];
  for (let n = from; n <= to; n++) table.push(hashString(`${name}${n}`, CUE));
  return (n) => table[n - from] ?? hashString(`${name}${n}`, CUE);
}
const positiveCue = cueHashes('pos', 0, VALENCE_EDGES.length);
const negativeCue = cueHashes('neg', 0, VALENCE_EDGES.length);
const lengthCue = cueHashes('len', 0, LENGTH_EDGES.length);
// A squashed score lies strictly inside −1…1, so four times it rounds to −4…4.
const scoreCue = cueHashes('score', -4, 4);
const labelCue = new Map(SENTIMENT_LABELS.map((label) => [label, hashString(`lex:${label}`, CUE)]));
const questionHash = new Map(QUESTION_KINDS.map((kind) => [kind, hashString(kind, QUESTION)]));

/**
 * Hashed feature indices for one comment (a feature may repeat: repeats count). Bucket = hash mod 2^hashBits.
 * Everything the model sees comes from the lexicon's reading, so tokenising happens once per comment.
 */
export function extractFeatures(analysis: LexiconAnalysis, options: FeatureOptions): number[] {
  const mask = (1 << options.hashBits) - 1;
  const out: number[] = [];
  let wordCount = 0;
  let firstWord = -1;
  let lastWord = -1;
  const wordHashes: number[] = [];
  for (const clause of analysis.clauses) {
    let previous = START;
    for (let i = 0; i < clause.words.length; i++) {
      const word = clause.words[i] as string;
      const h = clause.wordHashes[i] as number;
      wordHashes.push(h);
      if (firstWord === -1) firstWord = h;
      lastWord = h;
      wordCount++;
      out.push(combineHashes(h, WORD));
      if (options.negationMarking && clause.negated[i]) out.push(combineHashes(h, NEGATED_WORD));
      if (options.bigrams) out.push(combineHashes(combineHashes(previous, h), BIGRAM));
      previous = h;
      if (options.charNgramMax > 0) {
        const padded = ` ${word} `;
        for (let n = options.charNgramMin; n <= options.charNgramMax; n++) {
          for (let s = 0; s + n <= padded.length; s++) out.push(hashString(padded.slice(s, s + n), CHAR));
        }
      }
    }
    if (options.bigrams && clause.words.length > 0) out.push(combineHashes(combineHashes(previous, END), BIGRAM));
  }
  if (options.lexiconCues) {
    for (const cue of analysis.cues) out.push(hashString(cue, CUE));
    out.push(positiveCue(bucket(analysis.positive, VALENCE_EDGES)));
    out.push(negativeCue(bucket(analysis.negative, VALENCE_EDGES)));
    out.push(labelCue.get(analysis.label) as number);
    out.push(scoreCue(Math.round(analysis.score * 4)));
    if (options.lengthCues) out.push(lengthCue(bucket(wordCount, LENGTH_EDGES)));
    out.push(combineHashes(firstWord >>> 0, FIRST_WORD), combineHashes(lastWord >>> 0, LAST_WORD));
  }
  if (options.questionInteractions)
    questionFeatures(out, analysis.question, analysis, wordCount, wordHashes, options.lengthCues);
  for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) & mask;
  return out;
}

/** Appends the question-kind interactions to `out`. */
function questionFeatures(
  out: number[],
  kind: QuestionKind,
  analysis: LexiconAnalysis,
  wordCount: number,
  wordHashes: number[],
  lengthCues: boolean,
): void {
  const q = questionHash.get(kind) as number;
  out.push(q, combineHashes(q, labelCue.get(analysis.label) as number));
  if (lengthCues) out.push(combineHashes(q, lengthCue(bucket(wordCount, LENGTH_EDGES))));
  for (const cue of analysis.cues) if (cue.startsWith('bare:')) out.push(combineHashes(q, hashString(cue, CUE)));
  // Short answers mean what the prompt makes them mean: "nothing", "the staff", "quicker".
  if (wordCount <= 4) for (const h of wordHashes) out.push(combineHashes(combineHashes(q, h), SHORT_ANSWER_WORD));
}
