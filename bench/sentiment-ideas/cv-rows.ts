/**
 * The cross-validation setting every sentiment idea is judged in: the MIT training parts (FFT 3-class rows,
 * then phase-1 negative-vs-not rows), read once by the lexicon, with the grouped folds the training script uses.
 */

import { groupedFolds } from '../../src/domain/sentiment/grouped-split.js';
import type { FftLabelledComment } from '../../src/domain/sentiment/index.js';
import { analyseLexiconForKind, type LexiconAnalysis } from '../../src/domain/sentiment/lexicon-scorer.js';
import { labelIndex } from '../../src/domain/sentiment/train.js';
import type { CriticalityComment } from '../../src/domain/sentiment/training-data.js';
import { classifyQuestion } from '../../src/domain/text/question-kind.js';

export const FOLDS = 5;
export const CV_SEED = 1;

export interface CvRows {
  fft: readonly FftLabelledComment[];
  binary: readonly CriticalityComment[];
  /** FFT rows first (indices 0…fftCount−1), then the phase-1 rows. */
  fftCount: number;
  analyses: readonly LexiconAnalysis[];
  /** Negative 0, neutral 1, positive 2, for the FFT rows. */
  labels: readonly number[];
  /** Negative (FFT 4–5, or criticality ≤ −1) for every row. */
  negative: readonly boolean[];
  foldOf: readonly number[];
  /** Whitespace-separated words per row (what "long" is measured in). */
  words: readonly number[];
}

export function readCvRows(fft: readonly FftLabelledComment[], binary: readonly CriticalityComment[]): CvRows {
  return {
    fft,
    binary,
    fftCount: fft.length,
    analyses: [
      ...fft.map((r) => analyseLexiconForKind(r.text, classifyQuestion(r.question))),
      ...binary.map((r) => analyseLexiconForKind(r.text, 'unknown')),
    ],
    labels: fft.map((r) => labelIndex(r.label)),
    negative: [...fft.map((r) => r.label >= 4), ...binary.map((r) => r.negative)],
    foldOf: groupedFolds([...fft, ...binary], FOLDS, CV_SEED),
    words: [...fft, ...binary].map((r) => r.text.split(/\s+/).filter(Boolean).length),
  };
}

/** Trains on the rows outside a fold and returns a reader of class probabilities (negative, neutral, positive). */
export type Learner = (train: readonly number[]) => (row: number) => Float64Array;

/** Out-of-fold class probabilities of every row (FFT and phase 1). */
export function outOfFold(cv: CvRows, learner: Learner): Float64Array[] {
  const out: Float64Array[] = cv.foldOf.map(() => new Float64Array(3));
  for (let f = 0; f < FOLDS; f++) {
    const train = cv.foldOf.flatMap((g, i) => (g === f ? [] : [i]));
    const read = learner(train);
    cv.foldOf.forEach((g, i) => {
      if (g === f) out[i] = read(i);
    });
  }
  return out;
}
