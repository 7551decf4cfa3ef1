import { seededRandom, shuffled } from '../../../src/domain/random.js';
import { adagradStep, lengthScale, type PartialLabel, type SparseRow } from './sparse-rows.js';
import { partialLabelGradient } from './sparse-softmax.js';

/**
 * A one-hidden-layer network over the hashed features ("wide and deep"): every bucket has an embedding of
 * `hidden` numbers, a comment's hidden layer is ReLU(mean-scaled sum of its embeddings + b), and the class
 * logits add a linear read of that layer to the shipped model's linear read of the buckets. The hidden units can
 * react to combinations ("praise and complaint together") that a linear model can only add up.
 */
export interface HiddenLayerModel {
  classes: number;
  hidden: number;
  /** `embedding[bucket * hidden + unit]`. */
  embedding: Float32Array;
  hiddenBias: Float64Array;
  /** `output[class * hidden + unit]`. */
  output: Float64Array;
  /** `linear[bucket * classes + class]`; all zero when the wide part is off. */
  linear: Float32Array;
  bias: Float64Array;
}

export interface HiddenLayerOptions {
  classes: number;
  buckets: number;
  hidden: number;
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  /** Keep the linear (wide) part next to the hidden layer. */
  wide: boolean;
}

/** Hidden activations into `h` and class probabilities into `out`. */
export function hiddenLayerForward(model: HiddenLayerModel, row: SparseRow, h: Float64Array, out: Float64Array): void {
  const { classes: k, hidden: u } = model;
  const scale = lengthScale(row);
  h.fill(0);
  out.fill(0);
  for (let i = 0; i < row.features.length; i++) {
    const f = row.features[i] as number;
    const v = row.values ? (row.values[i] as number) : 1;
    const e = f * u;
    for (let j = 0; j < u; j++) h[j] = (h[j] as number) + v * (model.embedding[e + j] as number);
    const l = f * k;
    for (let c = 0; c < k; c++) out[c] = (out[c] as number) + v * (model.linear[l + c] as number);
  }
  for (let j = 0; j < u; j++) h[j] = Math.max(0, (h[j] as number) * scale + (model.hiddenBias[j] as number));
  let max = -Infinity;
  for (let c = 0; c < k; c++) {
    let z = (out[c] as number) * scale + (model.bias[c] as number);
    for (let j = 0; j < u; j++) z += (model.output[c * u + j] as number) * (h[j] as number);
    out[c] = z;
    max = Math.max(max, z);
  }
  let sum = 0;
  for (let c = 0; c < k; c++) {
    out[c] = Math.exp((out[c] as number) - max);
    sum += out[c] as number;
  }
  for (let c = 0; c < k; c++) out[c] = (out[c] as number) / sum;
}

/** AdaGrad on every parameter, rows in a seeded order; the same rows and options give the same weights. */
export function trainHiddenLayer(
  rows: readonly SparseRow[],
  labels: readonly PartialLabel[],
  options: HiddenLayerOptions,
): HiddenLayerModel {
  const { classes: k, hidden: u, buckets, learningRate, l2 } = options;
  const random = seededRandom(options.seed);
  const spread = 1 / Math.sqrt(u);
  const model: HiddenLayerModel = {
    classes: k,
    hidden: u,
    embedding: Float32Array.from({ length: buckets * u }, () => (2 * random() - 1) * spread),
    hiddenBias: new Float64Array(u),
    output: Float64Array.from({ length: k * u }, () => (2 * random() - 1) * spread),
    linear: new Float32Array(buckets * k),
    bias: new Float64Array(k),
  };
  const sq = {
    embedding: new Float32Array(buckets * u),
    hiddenBias: new Float64Array(u),
    output: new Float64Array(k * u),
    linear: new Float32Array(buckets * k),
    bias: new Float64Array(k),
  };
  const step = (w: Float32Array | Float64Array, s: Float32Array | Float64Array, j: number, g: number) =>
    adagradStep(w, s, j, g, learningRate);
  const h = new Float64Array(u);
  const p = new Float64Array(k);
  const gLogit = new Float64Array(k);
  const gHidden = new Float64Array(u);
  const order = rows.map((_, i) => i);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (const r of shuffled(order, random)) {
      const row = rows[r] as SparseRow;
      hiddenLayerForward(model, row, h, p);
      partialLabelGradient(p, labels[r] as PartialLabel, gLogit);
      gHidden.fill(0);
      for (let c = 0; c < k; c++) {
        const g = gLogit[c] as number;
        step(model.bias, sq.bias, c, g);
        for (let j = 0; j < u; j++) {
          const o = c * u + j;
          gHidden[j] = (gHidden[j] as number) + g * (model.output[o] as number);
          step(model.output, sq.output, o, g * (h[j] as number) + l2 * (model.output[o] as number));
        }
      }
      // ReLU passes the gradient only through active units.
      for (let j = 0; j < u; j++) {
        if ((h[j] as number) <= 0) gHidden[j] = 0;
        else step(model.hiddenBias, sq.hiddenBias, j, gHidden[j] as number);
      }
      const scale = lengthScale(row);
      for (let i = 0; i < row.features.length; i++) {
        const f = row.features[i] as number;
        const v = (row.values ? (row.values[i] as number) : 1) * scale;
        const e = f * u;
        for (let j = 0; j < u; j++) {
          const g = gHidden[j] as number;
          if (g !== 0) step(model.embedding, sq.embedding, e + j, g * v + l2 * (model.embedding[e + j] as number));
        }
        if (options.wide) {
          const l = f * k;
          for (let c = 0; c < k; c++)
            step(model.linear, sq.linear, l + c, (gLogit[c] as number) * v + l2 * (model.linear[l + c] as number));
        }
      }
    }
  }
  return model;
}
