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

export interface SentimentTrainingOptions {
  features?: Partial<FeatureOptions>;
  optimiser?: Partial<OptimiserOptions>;
  /** Added to the negative / neutral / positive intercepts after training, to trade recall between
   *  classes (tuned by cross-validation). @defaultValue [0, 0, 0] */
  logitOffsets?: readonly [number, number, number];
  rating?: Partial<RatingThresholds>;
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

/** Trains a model on labelled rows. Pure and deterministic: the same rows and options give the same weights. */
export function trainSentimentModel(
  rows: readonly TrainingRow[],
  options: SentimentTrainingOptions = {},
): SentimentModel {
  if (rows.length === 0) throw new RangeError('trainSentimentModel: no training rows');
  const features: FeatureOptions = { ...DEFAULT_FEATURE_OPTIONS, ...options.features };
  const optimiser: OptimiserOptions = { ...DEFAULT_OPTIMISER_OPTIONS, ...options.optimiser };
  const vectors = rows.map((row) => commentFeatures(row.text, row.question, features));
  const labels = rows.map((row) => labelIndex(row.label));
  const softmax = trainSoftmax(vectors, labels, 2 ** features.hashBits, optimiser);
  const offsets = options.logitOffsets ?? [0, 0, 0];
  for (let c = 0; c < 3; c++) softmax.bias[c] = (softmax.bias[c] as number) + (offsets[c] as number);
  const header: ModelHeader = options.header ?? {
    version: 'untracked',
    trainingDate: '1970-01-01',
    trainingData: [],
    splitSeed: 0,
    hyperparameters: { features, optimiser, logitOffsets: offsets },
  };
  return { header, features, softmax, rating: { ...DEFAULT_RATING_THRESHOLDS, ...options.rating } };
}
