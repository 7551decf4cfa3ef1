/**
 * Ideas for the sentiment model, judged the way the shipped model's options are chosen: grouped 5-fold
 * cross-validation inside the MIT-licensed training parts (FFT 3-class rows plus phase-1 two-class rows),
 * never on held-out rows and never on Care Opinion. Every idea starts from the shipped model's own
 * hyperparameters (read from its header) and changes one thing.
 * Earlier ideas (how the shipped model reads a comment, and its training options):
 * - long comments also read sentence by sentence (mean of the sentences' log-probabilities, alone or blended
 *   50/50 with the whole-text reading), so length cannot pile up narrative words;
 * - a length-aware blend with the lexicon's verdict: weight a·w/(w+L) for a comment of w words;
 * - averaging models trained in three row orders; more epochs; stronger or weaker L2;
 * - character n-grams, no word pairs, more hash buckets.
 * Other learners on the same features (bench/sentiment-ideas/learners.ts), for the neutral/mixed class:
 * - ordinal readings of the 1–5 ratings (5-level softmax, cumulative logit, two cut points on one score);
 * - a heavier neutral class weight, and offsets chosen for macro-F1 alone;
 * - one-vs-rest and two-stage logistic regressions, with and without NB log-count ratios (NBSVM);
 * - features for mixed comments (praise and complaint together, contrast turns, words crossed with the prompt);
 * - a one-hidden-layer network beside the linear part, and its mean with the softmax.
 * Offsets are tuned per idea as the training script does, and also cross-fitted (chosen on four folds, applied
 * to the fifth). "long" is every row of 40 words or more (both sets, negative vs not): the MIT comments closest
 * to long public stories.
 * Usage: tsx bench/sentiment-ideas.ts [--data DIR] [--model FILE]
 */
import { readFileSync } from 'node:fs';
import { argValue, readFftSplit, readPhase1Split } from '../scripts/sentiment-data.js';
import { sharedDataDir, shippedFile } from '../src/config/paths.js';
import type { SentimentTrainingOptions } from '../src/domain/sentiment/index.js';
import { FOLDS, readCvRows } from './sentiment-ideas/cv-rows.js';
import { byOffsets, IDEA_HEADER, ideaLine, scoreIdea } from './sentiment-ideas/decide.js';
import { earlierIdeas } from './sentiment-ideas/earlier-ideas.js';
import { labelAgreementLine } from './sentiment-ideas/label-agreement.js';
import { newIdeas } from './sentiment-ideas/new-ideas.js';

const LONG_WORDS = 40;

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
  const cv = readCvRows(split.train, readPhase1Split(dataDir, split).train);
  const long = cv.words.filter((w) => w >= LONG_WORDS).length;
  const longNegative = cv.words.filter((w, i) => w >= LONG_WORDS && cv.negative[i]).length / long;
  console.log(
    `grouped ${FOLDS}-fold CV on the MIT training parts: FFT ${cv.fftCount} rows (3 classes), phase 1 ` +
      `${cv.binary.length} (negative vs not); long = ${LONG_WORDS}+ words, n=${long}, ` +
      `${(100 * longNegative).toFixed(0)}% negative`,
  );
  console.log(labelAgreementLine(cv));
  console.log(IDEA_HEADER);
  const score = (probabilities: readonly Float64Array[], tuner = byOffsets) =>
    scoreIdea(cv, probabilities, tuner, LONG_WORDS);
  const print = (name: string, scores: ReturnType<typeof score>) => console.log(ideaLine(name, scores));
  const shippedProbabilities = earlierIdeas(cv, shipped, (name, p) => print(name, score(p)));
  newIdeas(cv, shipped, shippedProbabilities, score, print);
}

main();
