/**
 * The second round: other learners and features for the neutral/mixed class, each next to the shipped
 * options trained by the same arithmetic (the first line checks that), plus the spread of the shipped options
 * over row orders, so a gain can be told from the noise of one training run.
 */

import { DEFAULT_FEATURE_OPTIONS, extractFeatures, type FeatureOptions } from '../../src/domain/sentiment/features.js';
import type { SentimentTrainingOptions } from '../../src/domain/sentiment/index.js';
import type { LexiconAnalysis } from '../../src/domain/sentiment/lexicon-scorer.js';
import { DEFAULT_OPTIMISER_OPTIONS } from '../../src/domain/sentiment/softmax-regression.js';
import { type CvRows, type Learner, outOfFold } from './cv-rows.js';
import { byCuts, byOffsets, byOffsetsForMacroF1, type IdeaScores } from './decide.js';
import {
  cumulativeLogitLearner,
  fiveLevelSoftmaxLearner,
  geometricMean,
  hiddenLayerLearner,
  type LearnerSettings,
  oneVsRestLearner,
  softmaxLearner,
  twoStageLearner,
} from './learners.js';
import { type MixedCueOptions, mixedCueFeatures } from './trainers/mixed-cues.js';
import type { SparseRow } from './trainers/sparse-rows.js';

type Tuner = typeof byOffsets;
export type Score = (probabilities: readonly Float64Array[], tuner?: Tuner) => IdeaScores;
export type PrintScores = (name: string, scores: IdeaScores) => void;

const ROW_ORDER_SEEDS = [7, 8, 9, 10, 11];
const HIDDEN = { hidden: 64, epochs: 4, learningRate: 0.05 };

export function newIdeas(
  cv: CvRows,
  shipped: SentimentTrainingOptions,
  shippedProbabilities: readonly Float64Array[],
  score: Score,
  print: PrintScores,
): void {
  const features: FeatureOptions = { ...DEFAULT_FEATURE_OPTIONS, ...shipped.features };
  const optimiser = { ...DEFAULT_OPTIMISER_OPTIONS, ...shipped.optimiser };
  const settings: LearnerSettings = {
    buckets: 2 ** features.hashBits,
    epochs: optimiser.epochs,
    learningRate: optimiser.learningRate,
    l2: optimiser.l2,
    seed: optimiser.seed,
    classWeightPower: optimiser.classWeightPower,
    binaryWeight: shipped.binaryWeight ?? 0.2,
    neutralBoost: 1,
  };
  const rows: SparseRow[] = cv.analyses.map((a) => ({ features: extractFeatures(a, features) }));
  const run = (name: string, probabilities: readonly Float64Array[], tuner: Tuner = byOffsets) => {
    print(name, score(probabilities, tuner));
    return probabilities;
  };

  const same = outOfFold(cv, softmaxLearner(cv, rows, settings));
  // The generalised trainer rounds the two-class gradient differently in the last bits, nothing more.
  const drift = same.reduce(
    (max, p, i) => p.reduce((m, x, c) => Math.max(m, Math.abs(x - (shippedProbabilities[i]?.[c] ?? 0))), max),
    0,
  );
  run(`generalised trainer, |dp| <= ${drift.toExponential(0)}`, same);
  /** Mean and range over row orders: a single training run moves macro-F1 by about a hundredth. */
  const spread = (name: string, learnerFor: (seed: number) => Learner) => {
    const scores = ROW_ORDER_SEEDS.map((seed) => score(outOfFold(cv, learnerFor(seed))));
    const summary = (pick: (s: IdeaScores) => number) => {
      const values = scores.map(pick);
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      return `${mean.toFixed(3)} (${Math.min(...values).toFixed(3)}–${Math.max(...values).toFixed(3)})`;
    };
    console.log(
      `  ${name}, row orders ${ROW_ORDER_SEEDS.join(',')}: FFT acc ${summary((s) => s.fft.accuracy)} ` +
        `mF1 ${summary((s) => s.fft.macroF1)}; cross-fit acc ${summary((s) => s.crossFitted.accuracy)} ` +
        `mF1 ${summary((s) => s.crossFitted.macroF1)}`,
    );
  };
  spread('shipped options', (seed) => softmaxLearner(cv, rows, { ...settings, seed }));

  console.log('1. ordinal readings of the ratings');
  run('two cuts on log P(neg)/P(pos), shipped', same, byCuts);
  run('5-level softmax (1–5 ratings)', outOfFold(cv, fiveLevelSoftmaxLearner(cv, rows, settings)));
  for (const levels of [5, 3] as const) {
    const p = run(
      `cumulative logit, ${levels} levels`,
      outOfFold(cv, cumulativeLogitLearner(cv, rows, settings, levels)),
    );
    run(`cumulative logit, ${levels} levels, two cuts`, p, byCuts);
  }

  console.log('2. class weights and thresholds for neutral/mixed');
  for (const boost of [1.5, 2, 3])
    run(`neutral weight x${boost}`, outOfFold(cv, softmaxLearner(cv, rows, { ...settings, neutralBoost: boost })));
  run('shipped, offsets for macro-F1 alone', same, byOffsetsForMacroF1);

  console.log('3. one-vs-rest, two-stage, NB log-count ratios');
  for (const nb of [false, true]) {
    const tag = nb ? 'NB-scaled' : 'plain';
    run(`one-vs-rest logistic, ${tag}`, outOfFold(cv, oneVsRestLearner(cv, rows, settings, nb)));
    run(`two-stage (neg; pos vs mixed), ${tag}`, outOfFold(cv, twoStageLearner(cv, rows, settings, nb)));
  }

  console.log('4. features for mixed comments');
  const withCues = (o: MixedCueOptions): SparseRow[] =>
    rows.map((r, i) => ({
      features: [...r.features, ...mixedCueFeatures(cv.analyses[i] as LexiconAnalysis, features.hashBits, o)],
    }));
  const off = { both: false, contrast: false, questionWords: false };
  const mixedRows = withCues({ both: true, contrast: true, questionWords: true });
  for (const [name, o] of [
    ['praise and complaint both present', { ...off, both: true }],
    ['contrast turn between clauses', { ...off, contrast: true }],
    ['every word crossed with the prompt', { ...off, questionWords: true }],
  ] as const)
    run(`+ ${name}`, outOfFold(cv, softmaxLearner(cv, withCues(o), settings)));
  const mixedSoftmax = run('+ all three', outOfFold(cv, softmaxLearner(cv, mixedRows, settings)));

  console.log(`5. one hidden layer (${HIDDEN.hidden} ReLU units beside the linear part, ${HIDDEN.epochs} epochs)`);
  for (const seed of [7, 8])
    run(`hidden layer, seed ${seed}`, outOfFold(cv, hiddenLayerLearner(cv, rows, settings, { ...HIDDEN, seed })));
  const mixedHidden = run(
    'hidden layer + mixed features',
    outOfFold(cv, hiddenLayerLearner(cv, mixedRows, settings, { ...HIDDEN, seed: 7 })),
  );
  run('mean of softmax and hidden layer, mixed', geometricMean([mixedSoftmax, mixedHidden]));

  console.log('the best ideas over row orders, next to the shipped options above');
  spread('one-vs-rest logistic, plain', (seed) => oneVsRestLearner(cv, rows, { ...settings, seed }, false));
  spread('+ all three mixed features', (seed) => softmaxLearner(cv, mixedRows, { ...settings, seed }));
}
