import { SENTIMENT_LABELS } from '../model.js';
import { classifyQuestion } from '../text/question-kind.js';
import { DEFAULT_FEATURE_OPTIONS, extractFeatures, type FeatureOptions } from './features.js';
import { analyseLexiconForKind } from './lexicon-scorer.js';
import {
  DEFAULT_RATING_THRESHOLDS,
  type ModelHeader,
  type RatingThresholds,
  type SentimentModel,
} from './sentiment-model.js';
import { DEFAULT_OPTIMISER_OPTIONS, type OptimiserOptions, trainSoftmax } from './softmax-regression.js';
import { type FftSentiment, fftSentimentToLabel } from './training-data.js';

/** One training example: the answer, the prompt it answered (when known) and its FFT 1–5 label. */
export interface TrainingRow {
  text: string;
  question?: string | undefined;
  label: FftSentiment;
}

/** A comment labelled only negative or not (the criticality sets): extra two-class supervision. */
export interface BinaryTrainingRow {
  text: string;
  negative: boolean;
}

export interface SentimentTrainingOptions {
  features?: Partial<FeatureOptions>;
  optimiser?: Partial<OptimiserOptions>;
  /** Added to the negative / neutral / positive intercepts after training, to trade recall between
   *  classes (tuned by cross-validation). @defaultValue [0, 0, 0] */
  logitOffsets?: readonly [number, number, number];
  rating?: Partial<RatingThresholds>;
  /** Loss weight of each two-class row relative to a 3-class row; their loss ignores the neutral class
   *  (−log P(label | not neutral)), so they teach polarity without teaching that nothing is neutral.
   *  @defaultValue 0.2 */
  binaryWeight?: number;
  header?: ModelHeader;
}

/** Features of one comment, exactly as the scorer computes them. */
export function commentFeatures(text: string, question: string | undefined, features: FeatureOptions): number[] {
  return extractFeatures(analyseLexiconForKind(text, classifyQuestion(question)), features);
}

/** Class index (negative 0, neutral 1, positive 2) of an FFT label. */
export function labelIndex(label: FftSentiment): number {
  return SENTIMENT_LABELS.indexOf(fftSentimentToLabel(label));
}

/**
 * Trains a model on labelled rows, plus optional two-class rows (no prompt known). Pure and deterministic:
 * the same rows and options give the same weights.
 */
export function trainSentimentModel(
  rows: readonly TrainingRow[],
  options: SentimentTrainingOptions = {},
  binaryRows: readonly BinaryTrainingRow[] = [],
): SentimentModel {
  if (rows.length === 0) throw new RangeError('trainSentimentModel: no training rows');
  const features: FeatureOptions = { ...DEFAULT_FEATURE_OPTIONS, ...options.features };
  const optimiser: OptimiserOptions = { ...DEFAULT_OPTIMISER_OPTIONS, ...options.optimiser };
  const binaryWeight = options.binaryWeight ?? 0.2;
  const extra = binaryWeight > 0 ? binaryRows : [];
  const vectors = [
    ...rows.map((row) => commentFeatures(row.text, row.question, features)),
    ...extra.map((row) => commentFeatures(row.text, undefined, features)),
  ];
  const labels = [...rows.map((row) => labelIndex(row.label)), ...extra.map((row) => (row.negative ? 0 : 2))];
  const supervision = {
    weights: [...rows.map(() => 1), ...extra.map(() => binaryWeight)],
    binary: [...rows.map(() => false), ...extra.map(() => true)],
  };
  const softmax = trainSoftmax(vectors, labels, 2 ** features.hashBits, optimiser, supervision);
  const offsets = options.logitOffsets ?? [0, 0, 0];
  for (let c = 0; c < 3; c++) softmax.bias[c] = (softmax.bias[c] as number) + (offsets[c] as number);
  const header: ModelHeader = options.header ?? {
    version: 'untracked',
    trainingDate: '1970-01-01',
    trainingData: [],
    splitSeed: 0,
    hyperparameters: { features, optimiser, logitOffsets: offsets, binaryWeight },
  };
  return { header, features, softmax, rating: { ...DEFAULT_RATING_THRESHOLDS, ...options.rating } };
}
