import { DEFAULT_FEATURE_OPTIONS } from './features.js';
import { groupedFolds } from './grouped-split.js';
import { type ClassificationReport, classificationReport } from './metrics.js';
import { predictInto } from './softmax-regression.js';
import {
  commentFeatures,
  labelIndex,
  type SentimentTrainingOptions,
  type TrainingRow,
  trainSentimentModel,
} from './train.js';

/** A training row with the respondent who wrote it, so folds keep respondents whole. */
export interface GroupedTrainingRow extends TrainingRow {
  respondentId?: string | undefined;
}

export interface CrossValidationResult {
  report: ClassificationReport;
  /** Out-of-fold class probabilities per row (negative, neutral, positive). */
  probabilities: Float64Array[];
  labels: number[];
}

/** Grouped k-fold cross-validation: every row is scored by a model that never saw its group. */
export function crossValidate(
  rows: readonly GroupedTrainingRow[],
  options: SentimentTrainingOptions,
  folds = 5,
  seed = 1,
): CrossValidationResult {
  const foldOf = groupedFolds(rows, folds, seed);
  const probabilities = rows.map(() => new Float64Array(3));
  const features = { ...DEFAULT_FEATURE_OPTIONS, ...options.features };
  for (let f = 0; f < folds; f++) {
    const train = rows.filter((_, i) => foldOf[i] !== f);
    const model = trainSentimentModel(train, options);
    rows.forEach((row, i) => {
      if (foldOf[i] === f)
        predictInto(model.softmax, commentFeatures(row.text, row.question, features), probabilities[i] as Float64Array);
    });
  }
  const labels = rows.map((row) => labelIndex(row.label));
  return { report: classificationReport(labels, probabilities.map(argmax), 3), probabilities, labels };
}

export function argmax(p: Float64Array): number {
  let best = 0;
  for (let c = 1; c < p.length; c++) if ((p[c] as number) > (p[best] as number)) best = c;
  return best;
}

/**
 * Intercept offsets (negative, neutral; positive fixed at 0) that maximise the mean of accuracy and macro-F1 on
 * out-of-fold probabilities: a grid over −1…1 in steps of `step`.
 */
export function tuneLogitOffsets(
  cv: CrossValidationResult,
  step = 0.1,
): { offsets: [number, number, number]; report: ClassificationReport } {
  const logs = cv.probabilities.map((p) => Array.from(p, (x) => Math.log(Math.max(x, 1e-12))));
  let best: { offsets: [number, number, number]; report: ClassificationReport; objective: number } | undefined;
  for (let a = -1; a <= 1 + 1e-9; a += step) {
    for (let b = -1; b <= 1 + 1e-9; b += step) {
      const offsets: [number, number, number] = [Math.round(a * 100) / 100, Math.round(b * 100) / 100, 0];
      const predicted = logs.map((l) => {
        const z0 = (l[0] as number) + offsets[0];
        const z1 = (l[1] as number) + offsets[1];
        const z2 = l[2] as number;
        return z0 >= z1 && z0 >= z2 ? 0 : z1 >= z2 ? 1 : 2;
      });
      const report = classificationReport(cv.labels, predicted, 3);
      const objective = (report.accuracy + report.macroF1) / 2;
      if (best === undefined || objective > best.objective + 1e-12) best = { offsets, report, objective };
    }
  }
  return {
    offsets: (best as { offsets: [number, number, number] }).offsets,
    report: (best as { report: ClassificationReport }).report,
  };
}
