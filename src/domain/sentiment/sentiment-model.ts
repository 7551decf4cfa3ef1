import type { FeatureOptions } from './features.js';
import type { SoftmaxModel } from './softmax-regression.js';

/** Where a shipped model came from, kept in its file so a result can be traced to its training run. */
export interface ModelHeader {
  version: string;
  /** Fixed date of the training run (YYYY-MM-DD), not the time the file was written. */
  trainingDate: string;
  trainingData: { file: string; sha256: string; rows: number }[];
  splitSeed: number;
  hyperparameters: Record<string, unknown>;
  /** Figures measured during training, e.g. cross-validated accuracy. */
  notes?: Record<string, unknown>;
}

/** Probability cut-offs that turn the three classes into a 1–5 rating. */
export interface RatingThresholds {
  /** P(positive) at or above which a positive comment rates 5 rather than 4. @defaultValue 0.85 */
  veryPositive: number;
  /** P(negative) at or above which a negative comment rates 1 rather than 2. @defaultValue 0.85 */
  veryNegative: number;
}

export const DEFAULT_RATING_THRESHOLDS: RatingThresholds = { veryPositive: 0.85, veryNegative: 0.85 };

/** A trained sentiment model in memory. */
export interface SentimentModel {
  header: ModelHeader;
  features: FeatureOptions;
  softmax: SoftmaxModel;
  rating: RatingThresholds;
}
