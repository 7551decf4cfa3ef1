import { seededRandom, shuffled } from '../../../src/domain/random.js';
import { adagradStep, lengthScale, type SparseRow } from './sparse-rows.js';

/**
 * Proportional-odds (cumulative-logit) regression over ordered levels 0…K−1: one score s = w·x per comment and
 * K−1 increasing cut points θ, with P(level ≤ k) = σ(θ_k − s). The middle levels are the stretch of the score
 * between two cut points, instead of a third direction that softmax must learn from few rows.
 */
export interface CumulativeLogit {
  levels: number;
  weights: Float32Array;
  /** K−1 increasing cut points. */
  cuts: Float64Array;
}

/** A label as an interval of levels (a two-class row is censored: "level 3 or more"). */
export interface LevelInterval {
  low: number;
  high: number;
  weight: number;
}

export interface CumulativeLogitOptions {
  levels: number;
  buckets: number;
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
// Cut points stay at least this far apart so every level keeps some probability.
const MIN_GAP = 1e-3;

export function cumulativeScore(model: CumulativeLogit, row: SparseRow): number {
  let s = 0;
  for (let i = 0; i < row.features.length; i++)
    s += (row.values ? (row.values[i] as number) : 1) * (model.weights[row.features[i] as number] as number);
  return s * lengthScale(row);
}

/** Probability of each level into `out` (length = levels). */
export function levelProbabilities(model: CumulativeLogit, score: number, out: Float64Array): void {
  let below = 0;
  for (let k = 0; k < model.levels; k++) {
    const upTo = k < model.levels - 1 ? sigmoid((model.cuts[k] as number) - score) : 1;
    out[k] = Math.max(upTo - below, 1e-12);
    below = upTo;
  }
}

/** P(low ≤ level ≤ high) and its derivatives with respect to the score and the two bounding cut points. */
function intervalTerms(model: CumulativeLogit, score: number, label: LevelInterval) {
  const last = model.levels - 1;
  const upper = label.high < last ? sigmoid((model.cuts[label.high] as number) - score) : 1;
  const lower = label.low > 0 ? sigmoid((model.cuts[label.low - 1] as number) - score) : 0;
  const dUpper = upper * (1 - upper);
  const dLower = lower * (1 - lower);
  const p = Math.max(upper - lower, 1e-12);
  return { p, dUpper, dLower };
}

/** AdaGrad SGD on −log P(label interval), seeded row order; cut points sorted back into order after each step. */
export function trainCumulativeLogit(
  rows: readonly SparseRow[],
  labels: readonly LevelInterval[],
  options: CumulativeLogitOptions,
): CumulativeLogit {
  const model: CumulativeLogit = {
    levels: options.levels,
    weights: new Float32Array(options.buckets),
    cuts: Float64Array.from({ length: options.levels - 1 }, (_, k) => k - (options.levels - 2) / 2),
  };
  const squares = new Float32Array(options.buckets);
  const cutSquares = new Float64Array(options.levels - 1);
  const random = seededRandom(options.seed);
  const order = rows.map((_, i) => i);
  const { learningRate, l2 } = options;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (const r of shuffled(order, random)) {
      const row = rows[r] as SparseRow;
      const label = labels[r] as LevelInterval;
      const score = cumulativeScore(model, row);
      const { p, dUpper, dLower } = intervalTerms(model, score, label);
      // d(−log p)/ds = (dUpper − dLower)/p; the cut points move the other way.
      const gScore = (label.weight * (dUpper - dLower)) / p;
      const scale = lengthScale(row);
      for (let i = 0; i < row.features.length; i++) {
        const j = row.features[i] as number;
        const g = gScore * (row.values ? (row.values[i] as number) : 1) * scale + l2 * (model.weights[j] as number);
        adagradStep(model.weights, squares, j, g, learningRate);
      }
      const step = (k: number, g: number) => adagradStep(model.cuts, cutSquares, k, g, learningRate);
      if (label.high < options.levels - 1) step(label.high, (-label.weight * dUpper) / p);
      if (label.low > 0) step(label.low - 1, (label.weight * dLower) / p);
      for (let k = 1; k < options.levels - 1; k++)
        if ((model.cuts[k] as number) < (model.cuts[k - 1] as number) + MIN_GAP)
          model.cuts[k] = (model.cuts[k - 1] as number) + MIN_GAP;
    }
  }
  return model;
}
