/**
 * Cancer-care-aware sentiment: a lexicon reading (clinical words neutral, test-result language, negation
 * scopes, idioms, sarcasm, FFT prompt context) feeding a hashed softmax regression.
 */
import { decodeSentimentModel } from './model-file.js';
import { SentimentScorer } from './scorer.js';

export { type BareAnswer, bareAnswer } from './bare-answers.js';
export {
  binaryReport,
  type CrossValidationResult,
  crossValidate,
  type GroupedTrainingRow,
  tuneLogitOffsets,
} from './cross-validate.js';
export { DEFAULT_FEATURE_OPTIONS, type FeatureOptions } from './features.js';
export { groupComments, groupedFolds, type SplitOptions, splitTrainTest } from './grouped-split.js';
export { analyseLexicon, type LexiconAnalysis, type LexiconOptions } from './lexicon-scorer.js';
export { type ClassificationReport, classificationReport } from './metrics.js';
export { encodeSentimentModel, SentimentModelError, type SentimentModelFile } from './model-file.js';
export { type SentimentResult, SentimentScorer } from './scorer.js';
export type { ModelHeader, RatingThresholds, SentimentModel } from './sentiment-model.js';
export type { OptimiserOptions } from './softmax-regression.js';
export {
  type BinaryTrainingRow,
  type SentimentTrainingOptions,
  type TrainingRow,
  trainSentimentModel,
} from './train.js';
export {
  type CriticalityComment,
  type FftLabelledComment,
  type FftSentiment,
  fftSentimentToLabel,
  parseCriticalityCsv,
  parseFftFrameworkCsv,
  TrainingDataError,
} from './training-data.js';

/** Builds a scorer from a parsed model file (e.g. `JSON.parse` of models/sentiment-model.json). */
export function loadSentimentModel(json: unknown): SentimentScorer {
  return new SentimentScorer(decodeSentimentModel(json));
}
