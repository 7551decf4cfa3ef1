import { DEFAULT_FEATURE_OPTIONS } from './features.js';
import { groupedFolds } from './grouped-split.js';
import { type ClassificationReport, classificationReport } from './metrics.js';
import { predictInto } from './softmax-regression.js';
import {
  type BinaryTrainingRow,
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
  /** Out-of-fold probabilities of the two-class rows, when there were any. */
  binary?: { probabilities: Float64Array[]; negative: boolean[] };
}

/**
 * Grouped k-fold cross-validation: every row is scored by a model that never saw its group. Two-class rows
 * join the folds too (grouped by text with the 3-class rows), so a text never trains the model that scores it.
 */
export function crossValidate(
  rows: readonly GroupedTrainingRow[],
  options: SentimentTrainingOptions,
  folds = 5,
  seed = 1,
  binaryRows: readonly BinaryTrainingRow[] = [],
): CrossValidationResult {
  const foldOf = groupedFolds([...rows, ...binaryRows], folds, seed);
  const binaryFold = (k: number) => foldOf[rows.length + k] as number;
  const probabilities = rows.map(() => new Float64Array(3));
  const binaryProbabilities = binaryRows.map(() => new Float64Array(3));
  const features = { ...DEFAULT_FEATURE_OPTIONS, ...options.features };
  for (let f = 0; f < folds; f++) {
    const train = rows.filter((_, i) => foldOf[i] !== f);
    const model = trainSentimentModel(
      train,
      options,
      binaryRows.filter((_, k) => binaryFold(k) !== f),
    );
    rows.forEach((row, i) => {
      if (foldOf[i] === f)
        predictInto(model.softmax, commentFeatures(row.text, row.question, features), probabilities[i] as Float64Array);
    });
    binaryRows.forEach((row, k) => {
      if (binaryFold(k) === f)
        predictInto(
          model.softmax,
          commentFeatures(row.text, undefined, features),
          binaryProbabilities[k] as Float64Array,
        );
    });
  }
  const labels = rows.map((row) => labelIndex(row.label));
  const result: CrossValidationResult = {
    report: classificationReport(labels, probabilities.map(argmax), 3),
    probabilities,
    labels,
  };
  if (binaryRows.length > 0)
    result.binary = { probabilities: binaryProbabilities, negative: binaryRows.map((r) => r.negative) };
  return result;
}

export function argmax(p: Float64Array): number {
  let best = 0;
  for (let c = 1; c < p.length; c++) if ((p[c] as number) > (p[best] as number)) best = c;
  return best;
}

/** The class chosen once `offsets` are added to the log-probabilities (ties go to the lower class). */
export function offsetArgmax(p: Float64Array, offsets: readonly [number, number, number]): number {
  const z0 = Math.log(Math.max(p[0] as number, 1e-12)) + offsets[0];
  const z1 = Math.log(Math.max(p[1] as number, 1e-12)) + offsets[1];
  const z2 = Math.log(Math.max(p[2] as number, 1e-12)) + offsets[2];
  return z0 >= z1 && z0 >= z2 ? 0 : z1 >= z2 ? 1 : 2;
}

/** Negative-vs-not report (class 1 = negative) of the two-class rows under the given offsets. */
export function binaryReport(
  cv: CrossValidationResult,
  offsets: readonly [number, number, number] = [0, 0, 0],
): ClassificationReport | undefined {
  if (cv.binary === undefined) return undefined;
  return classificationReport(
    cv.binary.negative.map((n) => (n ? 1 : 0)),
    cv.binary.probabilities.map((p) => (offsetArgmax(p, offsets) === 0 ? 1 : 0)),
    2,
  );
}

/**
 * Intercept offsets (negative, neutral; positive fixed at 0) that maximise the mean of accuracy and macro-F1 on
 * out-of-fold probabilities: a grid over −1…1 in steps of `step`.
 */
export function tuneLogitOffsets(
  cv: CrossValidationResult,
  step = 0.1,
): { offsets: [number, number, number]; report: ClassificationReport } {
  let best: { offsets: [number, number, number]; report: ClassificationReport; objective: number } | undefined;
  for (let a = -1; a <= 1 + 1e-9; a += step) {
    for (let b = -1; b <= 1 + 1e-9; b += step) {
      const offsets: [number, number, number] = [Math.round(a * 100) / 100, Math.round(b * 100) / 100, 0];
      const predicted = cv.probabilities.map((p) => offsetArgmax(p, offsets));
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
