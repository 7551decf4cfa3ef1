/**
 * The first round of ideas, all on the shipped model itself: how it reads a comment (whole, by sentence,
 * blended with the lexicon) and its training options (row orders, epochs, L2, feature families).
 */
import type { QuestionKind } from '../../src/domain/model.js';
import { extractFeatures } from '../../src/domain/sentiment/features.js';
import {
  type SentimentModel,
  type SentimentTrainingOptions,
  trainSentimentModel,
} from '../../src/domain/sentiment/index.js';
import { analyseLexiconForKind } from '../../src/domain/sentiment/lexicon-scorer.js';
import { predictInto } from '../../src/domain/sentiment/softmax-regression.js';
import { splitSentences } from '../../src/domain/text/split-sentences.js';
import { type CvRows, FOLDS } from './cv-rows.js';

interface Row {
  text: string;
  kind: QuestionKind;
  words: number;
}
/** Class probabilities of one comment from a model trained without it. */
type Reader = (model: SentimentModel, row: Row) => Float64Array;
export type Print = (name: string, probabilities: readonly Float64Array[]) => void;

export const whole: Reader = (model, row) => {
  const p = new Float64Array(3);
  predictInto(model.softmax, extractFeatures(analyseLexiconForKind(row.text, row.kind), model.features), p);
  return p;
};

const logs = (p: Float64Array) => [0, 1, 2].map((c) => Math.log(Math.max(p[c] as number, 1e-12)));
function softmax(z: readonly number[]): Float64Array {
  const m = Math.max(...z);
  const e = z.map((x) => Math.exp(x - m));
  const sum = e.reduce((a, b) => a + b, 0);
  return Float64Array.from(e.map((x) => x / sum));
}

function bySentence(minSentences: number, sentenceWeight: number): Reader {
  return (model, row) => {
    const all = whole(model, row);
    const sentences = splitSentences(row.text);
    if (sentences.length < minSentences) return all;
    const mean = [0, 0, 0];
    for (const sentence of sentences) {
      const l = logs(whole(model, { ...row, text: sentence }));
      for (let c = 0; c < 3; c++) mean[c] = (mean[c] as number) + (l[c] as number) / sentences.length;
    }
    const w = logs(all);
    return softmax(mean.map((m, c) => sentenceWeight * m + (1 - sentenceWeight) * (w[c] as number)));
  };
}

function lexiconBlend(a: number, halfWords: number): Reader {
  return (model, row) => {
    const p = whole(model, row);
    const label = analyseLexiconForKind(row.text, row.kind).label;
    const vote = label === 'negative' ? [1, 0, 0] : label === 'neutral' ? [0, 1, 0] : [0, 0, 1];
    const weight = (a * row.words) / (row.words + halfWords);
    return Float64Array.from([0, 1, 2].map((c) => (1 - weight) * (p[c] as number) + weight * (vote[c] as number)));
  };
}

/** Out-of-fold probabilities of every row for each reader, from models trained with `options`. */
function outOfFoldReaders(cv: CvRows, options: SentimentTrainingOptions, readers: Record<string, Reader>) {
  const rows: Row[] = [...cv.fft, ...cv.binary].map((r, i) => ({
    text: r.text,
    kind: cv.analyses[i]?.question ?? 'unknown',
    words: cv.words[i] as number,
  }));
  const out = Object.fromEntries(Object.keys(readers).map((k) => [k, rows.map(() => new Float64Array(3))]));
  for (let f = 0; f < FOLDS; f++) {
    const model = trainSentimentModel(
      cv.fft.filter((_, i) => cv.foldOf[i] !== f),
      options,
      cv.binary.filter((_, k) => cv.foldOf[cv.fftCount + k] !== f),
    );
    rows.forEach((row, i) => {
      if (cv.foldOf[i] !== f) return;
      for (const [k, read] of Object.entries(readers)) (out[k] as Float64Array[])[i] = read(model, row);
    });
  }
  return out;
}

/** Prints every earlier idea; returns the shipped options' own out-of-fold probabilities. */
export function earlierIdeas(cv: CvRows, shipped: SentimentTrainingOptions, print: Print): Float64Array[] {
  const readers: Record<string, Reader> = { 'shipped options, whole text': whole };
  for (const n of [3, 5]) {
    readers[`sentences (${n}+): mean`] = bySentence(n, 1);
    readers[`sentences (${n}+): 50/50 with whole`] = bySentence(n, 0.5);
  }
  for (const [a, halfWords] of [
    [0.5, 40],
    [0.5, 300],
    [1, 100],
    [1, 300],
  ] as const)
    readers[`lexicon blend a=${a} L=${halfWords}`] = lexiconBlend(a, halfWords);
  const base = outOfFoldReaders(cv, shipped, readers);
  for (const [name, probabilities] of Object.entries(base)) print(name, probabilities);

  const optimiser = shipped.optimiser ?? {};
  const seeds = [8, 9].map(
    (seed) => outOfFoldReaders(cv, { ...shipped, optimiser: { ...optimiser, seed } }, { whole }).whole,
  );
  const runs = [base['shipped options, whole text'], ...seeds] as Float64Array[][];
  print(
    'mean of 3 row orders',
    runs[0]!.map((_, i) =>
      Float64Array.from([0, 1, 2].map((c) => runs.reduce((s, r) => s + (r[i]?.[c] as number), 0) / 3)),
    ),
  );
  for (const [name, change] of [
    ['16 epochs', { epochs: 16 }],
    ['L2 1e-4', { l2: 1e-4 }],
    ['L2 1e-6', { l2: 1e-6 }],
  ] as const)
    print(
      name,
      outOfFoldReaders(cv, { ...shipped, optimiser: { ...optimiser, ...change } }, { whole }).whole as Float64Array[],
    );
  for (const [name, change] of [
    ['character 3-5-grams', { charNgramMax: 5, charNgramMin: 3 }],
    ['no word pairs', { bigrams: false }],
    ['2^20 buckets', { hashBits: 20 }],
  ] as const)
    print(
      name,
      outOfFoldReaders(cv, { ...shipped, features: { ...shipped.features, ...change } }, { whole })
        .whole as Float64Array[],
    );
  return base['shipped options, whole text'] as Float64Array[];
}
