/**
 * The new learners tried against the shipped softmax, all on the same hashed features and the same
 * supervision: FFT rows with class weights (share of the class)^−power computed on the fold's training rows,
 * phase-1 rows at `binaryWeight` teaching negative vs positive only.
 */

import type { CvRows, Learner } from './cv-rows.js';
import { cumulativeScore, levelProbabilities, trainCumulativeLogit } from './trainers/cumulative-logit.js';
import { hiddenLayerForward, trainHiddenLayer } from './trainers/hidden-layer.js';
import { logCountRatios, scaleByRatios } from './trainers/nb-ratios.js';
import type { PartialLabel, SparseRow } from './trainers/sparse-rows.js';
import { softmaxPredict, trainSparseSoftmax } from './trainers/sparse-softmax.js';

export interface LearnerSettings {
  buckets: number;
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  classWeightPower: number;
  binaryWeight: number;
  /** Extra factor on the neutral class weight (1 = the shipped weighting). */
  neutralBoost: number;
}

const NEGATIVE = 0;
const NEUTRAL = 1;
const POSITIVE = 2;

/** Class weights from the FFT rows among `train`, as the shipped trainer computes them. */
function classWeights(cv: CvRows, train: readonly number[], s: LearnerSettings): number[] {
  const counts = [0, 0, 0];
  let n = 0;
  for (const i of train) {
    if (i >= cv.fftCount) continue;
    const y = cv.labels[i] as number;
    counts[y] = (counts[y] as number) + 1;
    n++;
  }
  return counts.map(
    (c, y) => (c === 0 ? 1 : (n / (3 * c)) ** s.classWeightPower) * (y === NEUTRAL ? s.neutralBoost : 1),
  );
}

/** The shipped supervision as partial labels over the three classes. */
function threeClassLabels(cv: CvRows, train: readonly number[], s: LearnerSettings): PartialLabel[] {
  const w = classWeights(cv, train, s);
  return train.map((i) => {
    if (i < cv.fftCount) {
      const y = cv.labels[i] as number;
      return { allowed: [y], support: [NEGATIVE, NEUTRAL, POSITIVE], weight: w[y] as number };
    }
    const y = cv.negative[i] ? NEGATIVE : POSITIVE;
    return { allowed: [y], support: [NEGATIVE, POSITIVE], weight: s.binaryWeight * (w[y] as number) };
  });
}

const optimiser = (s: LearnerSettings) => ({
  buckets: s.buckets,
  epochs: s.epochs,
  learningRate: s.learningRate,
  l2: s.l2,
  seed: s.seed,
});

/** The shipped softmax (same trainer arithmetic), on any feature rows. */
export function softmaxLearner(cv: CvRows, rows: readonly SparseRow[], s: LearnerSettings): Learner {
  return (train) => {
    const model = trainSparseSoftmax(
      train.map((i) => rows[i] as SparseRow),
      threeClassLabels(cv, train, s),
      { ...optimiser(s), classes: 3 },
    );
    return (i) => {
      const p = new Float64Array(3);
      softmaxPredict(model, rows[i] as SparseRow, p);
      return p;
    };
  };
}

/** FFT's 1–5 rating as level 0 (very positive) … 4 (very negative). */
const level = (cv: CvRows, i: number) => (cv.fft[i]?.label as number) - 1;

/** A softmax over the five FFT ratings, read back as three classes (1–2, 3, 4–5). */
export function fiveLevelSoftmaxLearner(cv: CvRows, rows: readonly SparseRow[], s: LearnerSettings): Learner {
  return (train) => {
    const w = classWeights(cv, train, s);
    const labels: PartialLabel[] = train.map((i) => {
      if (i < cv.fftCount)
        return { allowed: [level(cv, i)], support: [0, 1, 2, 3, 4], weight: w[cv.labels[i] as number] as number };
      const y = cv.negative[i] ? NEGATIVE : POSITIVE;
      return {
        allowed: y === NEGATIVE ? [3, 4] : [0, 1],
        support: [0, 1, 3, 4],
        weight: s.binaryWeight * (w[y] as number),
      };
    });
    const model = trainSparseSoftmax(
      train.map((i) => rows[i] as SparseRow),
      labels,
      { ...optimiser(s), classes: 5 },
    );
    return (i) => {
      const p = new Float64Array(5);
      softmaxPredict(model, rows[i] as SparseRow, p);
      return Float64Array.from([
        (p[3] as number) + (p[4] as number),
        p[2] as number,
        (p[0] as number) + (p[1] as number),
      ]);
    };
  };
}

/**
 * Proportional odds over the five ratings (or the three classes). Phase-1 rows are censored intervals:
 * negative = rating 4–5, not negative = 1–2 (criticality ≥ 1 is praise).
 */
export function cumulativeLogitLearner(
  cv: CvRows,
  rows: readonly SparseRow[],
  s: LearnerSettings,
  levels: 3 | 5,
): Learner {
  return (train) => {
    const w = classWeights(cv, train, s);
    const labels = train.map((i) => {
      if (i < cv.fftCount) {
        const l = levels === 5 ? level(cv, i) : 2 - (cv.labels[i] as number);
        return { low: l, high: l, weight: w[cv.labels[i] as number] as number };
      }
      return cv.negative[i]
        ? { low: levels === 5 ? 3 : 2, high: levels - 1, weight: s.binaryWeight * (w[NEGATIVE] as number) }
        : { low: 0, high: levels === 5 ? 1 : 0, weight: s.binaryWeight * (w[POSITIVE] as number) };
    });
    const model = trainCumulativeLogit(
      train.map((i) => rows[i] as SparseRow),
      labels,
      { ...optimiser(s), levels },
    );
    return (i) => {
      const p = new Float64Array(levels);
      levelProbabilities(model, cumulativeScore(model, rows[i] as SparseRow), p);
      return levels === 5
        ? Float64Array.from([(p[3] as number) + (p[4] as number), p[2] as number, (p[0] as number) + (p[1] as number)])
        : Float64Array.from([p[2] as number, p[1] as number, p[0] as number]);
    };
  };
}

/** A two-class logistic regression (two-class softmax); returns a reader of P(yes). */
function binaryModel(rows: SparseRow[], yes: boolean[], weights: number[], s: LearnerSettings) {
  const labels: PartialLabel[] = yes.map((y, k) => ({
    allowed: [y ? 1 : 0],
    support: [0, 1],
    weight: weights[k] as number,
  }));
  const model = trainSparseSoftmax(rows, labels, { ...optimiser(s), classes: 2 });
  const p = new Float64Array(2);
  return (row: SparseRow) => {
    softmaxPredict(model, row, p);
    return p[1] as number;
  };
}

/** The feature rows as they are, or scaled by NB log-count ratios learnt on `ratioRows` (training rows only). */
function featureView(
  rows: readonly SparseRow[],
  nb: boolean,
  ratioRows: readonly number[],
  inClass: (i: number) => boolean,
  buckets: number,
) {
  if (!nb) return (i: number) => rows[i] as SparseRow;
  const ratios = logCountRatios(
    ratioRows.map((i) => rows[i] as SparseRow),
    ratioRows.map(inClass),
    buckets,
  );
  return (i: number) => scaleByRatios(rows[i] as SparseRow, ratios);
}

/**
 * One logistic regression per class against the rest (optionally on NB-scaled features, NBSVM-style), their
 * probabilities normalised to sum to 1. Phase-1 rows train the negative and positive models, not the neutral one.
 */
export function oneVsRestLearner(cv: CvRows, rows: readonly SparseRow[], s: LearnerSettings, nb: boolean): Learner {
  return (train) => {
    const w = classWeights(cv, train, s);
    const fftTrain = train.filter((i) => i < cv.fftCount);
    const classOf = (i: number) => (i < cv.fftCount ? (cv.labels[i] as number) : cv.negative[i] ? NEGATIVE : POSITIVE);
    const readers = [NEGATIVE, NEUTRAL, POSITIVE].map((c) => {
      const use = c === NEUTRAL ? fftTrain : train;
      const view = featureView(rows, nb, fftTrain, (i) => classOf(i) === c, s.buckets);
      const weights = use.map((i) => (i < cv.fftCount ? 1 : s.binaryWeight) * (w[classOf(i)] as number));
      const read = binaryModel(
        use.map(view),
        use.map((i) => classOf(i) === c),
        weights,
        s,
      );
      return (i: number) => read(view(i));
    });
    return (i) => {
      const p = readers.map((read) => read(i));
      const sum = p.reduce((a, b) => a + b, 0);
      return Float64Array.from(p.map((x) => x / sum));
    };
  };
}

/**
 * Negative vs not (FFT and phase-1 rows), then positive vs neutral/mixed among the FFT rows that are not
 * negative: P(neg) = a, P(neutral) = (1 − a)(1 − b), P(pos) = (1 − a)·b.
 */
export function twoStageLearner(cv: CvRows, rows: readonly SparseRow[], s: LearnerSettings, nb: boolean): Learner {
  return (train) => {
    const w = classWeights(cv, train, s);
    const weightOf = (i: number) =>
      i < cv.fftCount ? (w[cv.labels[i] as number] as number) : s.binaryWeight * (w[cv.negative[i] ? 0 : 2] as number);
    const notNegative = train.filter((i) => i < cv.fftCount && cv.labels[i] !== NEGATIVE);
    const view1 = featureView(rows, nb, train, (i) => cv.negative[i] === true, s.buckets);
    const view2 = featureView(rows, nb, notNegative, (i) => cv.labels[i] === POSITIVE, s.buckets);
    const first = binaryModel(
      train.map(view1),
      train.map((i) => cv.negative[i] === true),
      train.map(weightOf),
      s,
    );
    const second = binaryModel(
      notNegative.map(view2),
      notNegative.map((i) => cv.labels[i] === POSITIVE),
      notNegative.map(weightOf),
      s,
    );
    return (i) => {
      const a = first(view1(i));
      const b = second(view2(i));
      return Float64Array.from([a, (1 - a) * (1 - b), (1 - a) * b]);
    };
  };
}

export interface HiddenLayerSettings {
  hidden: number;
  epochs: number;
  learningRate: number;
  seed: number;
}

/** The one-hidden-layer network next to the linear part, trained on the shipped supervision. */
export function hiddenLayerLearner(
  cv: CvRows,
  rows: readonly SparseRow[],
  s: LearnerSettings,
  h: HiddenLayerSettings,
): Learner {
  return (train) => {
    const model = trainHiddenLayer(
      train.map((i) => rows[i] as SparseRow),
      threeClassLabels(cv, train, s),
      {
        classes: 3,
        buckets: s.buckets,
        hidden: h.hidden,
        epochs: h.epochs,
        learningRate: h.learningRate,
        l2: s.l2,
        seed: h.seed,
        wide: true,
      },
    );
    const activations = new Float64Array(h.hidden);
    return (i) => {
      const p = new Float64Array(3);
      hiddenLayerForward(model, rows[i] as SparseRow, activations, p);
      return p;
    };
  };
}

/** Geometric mean of several ideas' probabilities, renormalised. */
export function geometricMean(runs: readonly (readonly Float64Array[])[]): Float64Array[] {
  return (runs[0] ?? []).map((_, i) => {
    const z = [0, 1, 2].map(
      (c) => runs.reduce((sum, run) => sum + Math.log(Math.max(run[i]?.[c] as number, 1e-12)), 0) / runs.length,
    );
    const max = Math.max(...z);
    const e = z.map((x) => Math.exp(x - max));
    const total = e.reduce((a, b) => a + b, 0);
    return Float64Array.from(e.map((x) => x / total));
  });
}
