/**
 * Ideas for the sentiment model, judged the way the shipped model's options are chosen: grouped 5-fold
 * cross-validation inside the MIT-licensed training parts (FFT 3-class rows plus phase-1 two-class rows),
 * never on held-out rows and never on Care Opinion. Every idea starts from the shipped model's own
 * hyperparameters (read from its header) and changes one thing:
 * - long comments also read sentence by sentence (mean of the sentences' log-probabilities, alone or blended
 *   50/50 with the whole-text reading), so length cannot pile up narrative words;
 * - a length-aware blend with the lexicon's verdict: weight a·w/(w+L) for a comment of w words;
 * - averaging models trained in three row orders; more epochs; stronger or weaker L2;
 * - character n-grams, no word pairs, more hash buckets.
 * Intercept offsets are tuned per idea as the training script does. "long" is every row of 40 words or more
 * (both sets, negative vs not): the MIT comments closest to long public stories.
 * Usage: tsx bench/sentiment-ideas.ts [--data DIR] [--model FILE]
 */
import { readFileSync } from 'node:fs';
import { argValue, readFftSplit, readPhase1Split } from '../scripts/sentiment-data.js';
import { sharedDataDir, shippedFile } from '../src/config/paths.js';
import type { QuestionKind } from '../src/domain/model.js';
import { offsetArgmax } from '../src/domain/sentiment/cross-validate.js';
import { extractFeatures } from '../src/domain/sentiment/features.js';
import { groupedFolds } from '../src/domain/sentiment/grouped-split.js';
import {
  classificationReport,
  type SentimentModel,
  type SentimentTrainingOptions,
  trainSentimentModel,
  tuneLogitOffsets,
} from '../src/domain/sentiment/index.js';
import { analyseLexiconForKind } from '../src/domain/sentiment/lexicon-scorer.js';
import { predictInto } from '../src/domain/sentiment/softmax-regression.js';
import { labelIndex } from '../src/domain/sentiment/train.js';
import { classifyQuestion } from '../src/domain/text/question-kind.js';
import { splitSentences } from '../src/domain/text/split-sentences.js';

const FOLDS = 5;
const CV_SEED = 1;
const LONG_WORDS = 40;

interface Row {
  text: string;
  kind: QuestionKind;
  words: number;
}
/** Class probabilities of one comment from a model trained without it. */
type Reader = (model: SentimentModel, row: Row) => Float64Array;

const whole: Reader = (model, row) => {
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

function main(): void {
  const args = process.argv.slice(2);
  const dataDir = argValue(args, '--data') ?? sharedDataDir();
  const modelPath = argValue(args, '--model') ?? shippedFile('models/sentiment-model.json');
  const hyper = JSON.parse(readFileSync(modelPath, 'utf8')).header.hyperparameters;
  const shipped: SentimentTrainingOptions = {
    features: hyper.features,
    optimiser: hyper.optimiser,
    binaryWeight: hyper.binaryWeight,
  };
  const split = readFftSplit(dataDir);
  const phase1 = readPhase1Split(dataDir, split);
  const fft = split.train;
  const binary = phase1.train;
  const foldOf = groupedFolds([...fft, ...binary], FOLDS, CV_SEED);
  const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;
  const rows: Row[] = [
    ...fft.map((r) => ({ text: r.text, kind: classifyQuestion(r.question), words: wordCount(r.text) })),
    ...binary.map((r) => ({ text: r.text, kind: 'unknown' as const, words: wordCount(r.text) })),
  ];
  const labels = fft.map((r) => labelIndex(r.label));
  const negative = [...fft.map((r) => r.label >= 4), ...binary.map((r) => r.negative)];

  /** Out-of-fold probabilities of every row for each reader, from models trained with `options`. */
  const outOfFold = (options: SentimentTrainingOptions, readers: Record<string, Reader>) => {
    const out = Object.fromEntries(Object.keys(readers).map((k) => [k, rows.map(() => new Float64Array(3))]));
    for (let f = 0; f < FOLDS; f++) {
      const model = trainSentimentModel(
        fft.filter((_, i) => foldOf[i] !== f),
        options,
        binary.filter((_, k) => foldOf[fft.length + k] !== f),
      );
      rows.forEach((row, i) => {
        if (foldOf[i] !== f) return;
        for (const [k, read] of Object.entries(readers)) (out[k] as Float64Array[])[i] = read(model, row);
      });
    }
    return out;
  };

  const f3 = (x: number) => x.toFixed(3).padStart(6);
  const long = rows.map((_, i) => i).filter((i) => (rows[i] as Row).words >= LONG_WORDS);
  const longNegative = long.filter((i) => negative[i]).length / long.length;
  console.log(
    `grouped ${FOLDS}-fold CV on the MIT training parts: FFT ${fft.length} rows (3 classes), phase 1 ${binary.length} ` +
      `(negative vs not); long = ${LONG_WORDS}+ words, n=${long.length}, ${(100 * longNegative).toFixed(0)}% negative`,
  );
  console.log(`${'idea'.padEnd(34)} | FFT acc    mF1 rec-neu | ph1 acc    mF1 | long acc   mF1 | objective (FFT, ph1)`);
  const report = (name: string, probabilities: Float64Array[]) => {
    const tuned = tuneLogitOffsets({
      report: undefined as never,
      probabilities: probabilities.slice(0, fft.length),
      labels,
    });
    const saysNegative = probabilities.map((p) => (offsetArgmax(p, tuned.offsets) === 0 ? 1 : 0));
    const twoClass = (pick: (i: number) => boolean) => {
      const index = rows.map((_, i) => i).filter(pick);
      return classificationReport(
        index.map((i) => (negative[i] ? 1 : 0)),
        index.map((i) => saysNegative[i] as number),
        2,
      );
    };
    const ph1 = twoClass((i) => i >= fft.length);
    const longReport = twoClass((i) => (rows[i] as Row).words >= LONG_WORDS);
    const t = tuned.report;
    console.log(
      `${name.padEnd(34)} | ${f3(t.accuracy)} ${f3(t.macroF1)} ${f3(t.recall[1] as number)} | ${f3(ph1.accuracy)} ` +
        `${f3(ph1.macroF1)} | ${f3(longReport.accuracy)} ${f3(longReport.macroF1)} | ${f3((t.accuracy + t.macroF1) / 2)} ` +
        `${f3((ph1.accuracy + ph1.macroF1) / 2)}`,
    );
  };

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
  const base = outOfFold(shipped, readers);
  for (const [name, probabilities] of Object.entries(base)) report(name, probabilities);

  const optimiser = shipped.optimiser ?? {};
  const seeds = [8, 9].map((seed) => outOfFold({ ...shipped, optimiser: { ...optimiser, seed } }, { whole }).whole);
  const runs = [base['shipped options, whole text'], ...seeds] as Float64Array[][];
  report(
    'mean of 3 row orders',
    rows.map((_, i) =>
      Float64Array.from([0, 1, 2].map((c) => runs.reduce((s, r) => s + (r[i]?.[c] as number), 0) / 3)),
    ),
  );
  for (const [name, change] of [
    ['16 epochs', { epochs: 16 }],
    ['L2 1e-4', { l2: 1e-4 }],
    ['L2 1e-6', { l2: 1e-6 }],
  ] as const)
    report(name, outOfFold({ ...shipped, optimiser: { ...optimiser, ...change } }, { whole }).whole as Float64Array[]);
  for (const [name, change] of [
    ['character 3-5-grams', { charNgramMax: 5, charNgramMin: 3 }],
    ['no word pairs', { bigrams: false }],
    ['2^20 buckets', { hashBits: 20 }],
  ] as const)
    report(
      name,
      outOfFold({ ...shipped, features: { ...shipped.features, ...change } }, { whole }).whole as Float64Array[],
    );
}

main();
