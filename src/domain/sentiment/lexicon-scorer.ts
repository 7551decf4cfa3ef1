import type { QuestionKind, SentimentLabel } from '../model.js';
import { classifyQuestion } from '../text/question-kind.js';
import { rememberRecent } from '../text/recent-results.js';
import { splitSentences } from '../text/split-sentences.js';
import { isPunctuationToken, tokenise } from '../text/tokenise.js';
import { bareAnswer, bareAnswerValence } from './bare-answers.js';
import { hashString } from './hashing.js';
import { matchIdiom } from './idioms.js';
import { CLINICAL_WORDS, INTENSIFIERS, NEGATORS, WORD_VALENCE } from './lexicon-words.js';

/** One clause as the lexicon read it: its words, which of them sit in a negation scope, its valence. */
/** Read once per comment and shared by every pass that asks: never written to after it is built. */
export interface LexiconClause {
  readonly words: readonly string[];
  readonly negated: readonly boolean[];
  /** `hashString(word, 0)` of each word, for the model's features. */
  readonly wordHashes: readonly number[];
  valence: number;
}

export interface LexiconAnalysis {
  /** −1 … 1. */
  score: number;
  label: SentimentLabel;
  /** Summed positive and (absolute) negative valence after negation and idioms. */
  positive: number;
  negative: number;
  /** Symbolic findings for the trained model: idiom ids, negation flips, sarcasm, bare answers. */
  cues: string[];
  clauses: LexiconClause[];
  question: QuestionKind;
}

/** Options of the lexicon's final decision. */
export interface LexiconOptions {
  /** |score| at or above which a comment is positive / negative. @defaultValue 0.2 */
  threshold?: number;
}

// Negation reaches at most this many words ("not very kind at all"), then fades.
const NEGATION_REACH = 4;
// Words after which "positive", "negative" and "clear" describe a test, not the care.
const TEST_WORDS = new Set([
  'test',
  'tests',
  'result',
  'results',
  'scan',
  'scans',
  'biopsy',
  'mammogram',
  'bloods',
  'smear',
  'screening',
  'xray',
  'brca',
  'gene',
  'covid',
  'swab',
]);
const TEST_OUTCOMES = new Set(['positive', 'negative', 'clear', 'normal']);
// Words a short sarcastic aside is made of: "Great." "Brilliant, thanks." "Well done!"
const SARCASM_WORDS = new Set([
  'great',
  'brilliant',
  'fantastic',
  'lovely',
  'perfect',
  'wonderful',
  'marvellous',
  'excellent',
  'superb',
  'nice',
  'thanks',
  'thank',
  'you',
  'cheers',
  'well',
  'done',
  'oh',
  'just',
  'so',
  'really',
  'very',
  'job',
]);
const CONTRAST_OPENERS = new Set(['but', 'however', 'although', 'though', 'whereas']);

function testContext(tokens: readonly string[], i: number): boolean {
  for (let k = Math.max(0, i - 4); k < i; k++) if (TEST_WORDS.has(tokens[k] as string)) return true;
  return false;
}

function scoreClause(tokens: readonly string[], cues: string[]): Omit<LexiconClause, 'wordHashes'> {
  const words: string[] = [];
  const negated: boolean[] = [];
  let valence = 0;
  let scope = 0;
  let intensity = 1;
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i] as string;
    if (isPunctuationToken(token)) {
      if (token === '!' && valence !== 0) valence *= 1.15;
      scope = 0;
      intensity = 1;
      i++;
      continue;
    }
    const idiom = matchIdiom(tokens, i);
    if (idiom !== undefined) {
      valence += idiom.valence * intensity;
      cues.push(`idiom:${idiom.id}`);
      for (let k = 0; k < idiom.tokens.length; k++) {
        words.push(tokens[i + k] as string);
        negated.push(false);
      }
      i += idiom.tokens.length;
      scope = 0;
      intensity = 1;
      continue;
    }
    words.push(token);
    negated.push(scope > 0);
    if (token === 'not' && tokens[i + 1] === 'only') {
      // "not only kind but also quick" praises twice.
      words.push('only');
      negated.push(false);
      i += 2;
      continue;
    }
    if (NEGATORS.has(token)) {
      scope = NEGATION_REACH;
      i++;
      continue;
    }
    const boost = INTENSIFIERS.get(token);
    if (boost !== undefined) {
      intensity *= boost;
      i++;
      continue;
    }
    if (CLINICAL_WORDS.has(token)) cues.push('clinical');
    let v = WORD_VALENCE.get(token) ?? 0;
    if (TEST_OUTCOMES.has(token) && testContext(tokens, i)) {
      cues.push('test_result');
      v = token === 'positive' ? 0 : 1;
    }
    if (v !== 0) {
      v *= intensity;
      intensity = 1;
      if (scope > 0) {
        // "not good" is clearly negative; "not bad" only mildly positive.
        cues.push(v > 0 ? 'negated_positive' : 'negated_negative');
        v = v > 0 ? -0.8 * v : -0.4 * v;
      }
      valence += v;
    }
    if (scope > 0) scope--;
    i++;
  }
  return { words, negated, valence };
}

/** A clause as `scoreClause` reads it, before the comment around it adjusts its valence, with its cues. */
interface ClauseReading extends LexiconClause {
  cues: string[];
}

/**
 * The reading of one clause depends on its text alone, and a comment's clauses are read twice: for the
 * whole comment, then each sentence that carries a theme on its own. Remembered per comment (see
 * `rememberRecent`); a reading is shared, so its arrays are never written to.
 */
const readClause: (clause: string) => ClauseReading = rememberRecent((clause) => {
  const cues: string[] = [];
  const { words, negated, valence } = scoreClause(tokenise(clause), cues);
  const wordHashes = words.map((word) => hashString(word, 0));
  return { words, negated, wordHashes, valence, cues };
});

function isSarcasticAside(clause: LexiconClause, before: number): boolean {
  if (before >= -1 || clause.valence <= 0 || clause.words.length > 3) return false;
  return clause.words.every((w) => SARCASM_WORDS.has(w));
}

/** Squashes a summed valence into −1…1 (VADER's normalisation). */
function squash(total: number): number {
  return total / Math.sqrt(total * total + 8);
}

/** Reads a comment with the cancer-care lexicon. `question` is the FFT prompt text, when known. */
export function analyseLexicon(text: string, question?: string, options: LexiconOptions = {}): LexiconAnalysis {
  return analyseLexiconForKind(text, classifyQuestion(question), options);
}

export function analyseLexiconForKind(text: string, kind: QuestionKind, options: LexiconOptions = {}): LexiconAnalysis {
  const threshold = options.threshold ?? 0.2;
  const cues: string[] = [];
  const clauses: LexiconClause[] = [];
  let total = 0;
  let positive = 0;
  let negative = 0;
  const bare = bareAnswer(text);
  if (bare !== undefined) {
    cues.push(`bare:${bare}`);
    total = bareAnswerValence(bare, kind);
  }
  for (const sentence of splitSentences(text)) {
    const reading = readClause(sentence);
    for (const cue of reading.cues) cues.push(cue);
    const clause: LexiconClause = {
      words: reading.words,
      negated: reading.negated,
      wordHashes: reading.wordHashes,
      valence: reading.valence,
    };
    const opener = clause.words[0] ?? '';
    if (CONTRAST_OPENERS.has(opener)) {
      // What follows "but" is what the writer means; what precedes "although X," matters less.
      clause.valence *= opener === 'but' || opener === 'however' ? 1.3 : 0.8;
    }
    if (isSarcasticAside(clause, total)) {
      cues.push('sarcasm');
      clause.valence = -clause.valence;
    }
    clauses.push(clause);
    if (bare === undefined) total += clause.valence;
    if (clause.valence > 0) positive += clause.valence;
    else negative -= clause.valence;
  }
  if (bare === undefined && clauses.length > 0) {
    // Answers to "What was good?" name good things; answers to "How could we improve?" name shortfalls.
    if (kind === 'what_was_good' && negative === 0) total += 1.5;
    if (kind === 'what_could_be_better' && positive === 0) total -= 1.5;
  }
  // The shape of the comment for the model: praise only, complaint only, both (mixed), or neither.
  let praised = 0;
  let complained = 0;
  for (const clause of clauses) {
    if (clause.valence > 0.5) praised++;
    else if (clause.valence < -0.5) complained++;
  }
  cues.push(`shape:${Math.min(praised, 2)}:${Math.min(complained, 2)}`);
  const score = squash(total);
  let label: SentimentLabel = score >= threshold ? 'positive' : score <= -threshold ? 'negative' : 'neutral';
  // Praise and complaint of similar weight is the "mixed" the FFT labels call neutral.
  if (positive >= 2 && negative >= 2 && Math.min(positive, negative) / Math.max(positive, negative) > 0.6)
    label = 'neutral';
  return { score, label, positive, negative, cues, clauses, question: kind };
}
