import { seededRandom, shuffled } from '../../../src/domain/random.js';
import { adagradStep, lengthScale, type PartialLabel, type SparseRow } from './sparse-rows.js';

/** A multinomial logistic regression over K classes and hashed features with values. */
export interface SparseSoftmax {
  classes: number;
  /** `weights[bucket * classes + class]`. */
  weights: Float32Array;
  bias: Float64Array;
}

export interface SparseSoftmaxOptions {
  classes: number;
  buckets: number;
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
}

/** Class probabilities of one row into `out` (length = classes). */
export function softmaxPredict(model: SparseSoftmax, row: SparseRow, out: Float64Array): void {
  const k = model.classes;
  const scale = lengthScale(row);
  for (let c = 0; c < k; c++) out[c] = 0;
  const w = model.weights;
  for (let i = 0; i < row.features.length; i++) {
    const base = (row.features[i] as number) * k;
    const v = row.values ? (row.values[i] as number) : 1;
    for (let c = 0; c < k; c++) out[c] = (out[c] as number) + v * (w[base + c] as number);
  }
  let max = -Infinity;
  for (let c = 0; c < k; c++) {
    out[c] = (out[c] as number) * scale + (model.bias[c] as number);
    max = Math.max(max, out[c] as number);
  }
  let sum = 0;
  for (let c = 0; c < k; c++) {
    out[c] = Math.exp((out[c] as number) - max);
    sum += out[c] as number;
  }
  for (let c = 0; c < k; c++) out[c] = (out[c] as number) / sum;
}

/**
 * Gradient of −log(P(allowed)/P(support)) with respect to the logits, into `gradient`. With one allowed class
 * and full support this is the usual p − onehot.
 */
export function partialLabelGradient(p: Float64Array, label: PartialLabel, gradient: Float64Array): void {
  let allowed = 0;
  // Full support sums to 1; dividing by a recomputed sum would only add rounding (and drift from the shipped trainer).
  let support = label.support.length === p.length ? 1 : 0;
  for (const c of label.allowed) allowed += p[c] as number;
  if (support === 0) for (const c of label.support) support += p[c] as number;
  gradient.fill(0);
  for (const c of label.support) gradient[c] = (p[c] as number) / Math.max(support, 1e-300);
  for (const c of label.allowed) gradient[c] = (gradient[c] as number) - (p[c] as number) / Math.max(allowed, 1e-300);
  for (let c = 0; c < gradient.length; c++) gradient[c] = (gradient[c] as number) * label.weight;
}

/** AdaGrad SGD in a seeded row order, as the shipped trainer, generalised to K classes and partial labels. */
export function trainSparseSoftmax(
  rows: readonly SparseRow[],
  labels: readonly PartialLabel[],
  options: SparseSoftmaxOptions,
): SparseSoftmax {
  const k = options.classes;
  const model: SparseSoftmax = {
    classes: k,
    weights: new Float32Array(options.buckets * k),
    bias: new Float64Array(k),
  };
  const squares = new Float32Array(options.buckets * k);
  const biasSquares = new Float64Array(k);
  const p = new Float64Array(k);
  const gradient = new Float64Array(k);
  const random = seededRandom(options.seed);
  const order = rows.map((_, i) => i);
  const { learningRate, l2 } = options;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (const r of shuffled(order, random)) {
      const row = rows[r] as SparseRow;
      softmaxPredict(model, row, p);
      partialLabelGradient(p, labels[r] as PartialLabel, gradient);
      const scale = lengthScale(row);
      for (let i = 0; i < row.features.length; i++) {
        const base = (row.features[i] as number) * k;
        const v = (row.values ? (row.values[i] as number) : 1) * scale;
        for (let c = 0; c < k; c++) {
          const j = base + c;
          const g = (gradient[c] as number) * v + l2 * (model.weights[j] as number);
          adagradStep(model.weights, squares, j, g, learningRate);
        }
      }
      for (let c = 0; c < k; c++) {
        adagradStep(model.bias, biasSquares, c, gradient[c] as number, learningRate);
      }
    }
  }
  return model;
}
