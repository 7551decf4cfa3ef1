import { seededRandom, shuffled } from '../random.js';

/** Number of classes, in the order of SENTIMENT_LABELS: negative, neutral, positive. */
export const CLASS_COUNT = 3;

/** A multinomial logistic regression over hashed binary features. */
export interface SoftmaxModel {
  /** `weights[bucket * 3 + class]`. */
  weights: Float32Array;
  bias: Float64Array;
}

export interface OptimiserOptions {
  /** Passes over the training rows. @defaultValue 12 */
  epochs: number;
  /** AdaGrad base step. @defaultValue 0.3 */
  learningRate: number;
  /** L2 penalty per update on the touched weights. @defaultValue 1e-4 */
  l2: number;
  /** Weight classes by inverse frequency (helps the small neutral class). @defaultValue 0.5 (square root) */
  classWeightPower: number;
  /** Seed of the row order. @defaultValue 7 */
  seed: number;
}

export const DEFAULT_OPTIMISER_OPTIONS: OptimiserOptions = {
  epochs: 12,
  learningRate: 0.3,
  l2: 1e-4,
  classWeightPower: 0.5,
  seed: 7,
};

/** Writes the class probabilities of one feature list into `out`. Features are scaled to unit length. */
export function predictInto(model: SoftmaxModel, features: readonly number[], out: Float64Array): void {
  const scale = features.length > 0 ? 1 / Math.sqrt(features.length) : 0;
  let z0 = 0;
  let z1 = 0;
  let z2 = 0;
  const w = model.weights;
  for (let i = 0; i < features.length; i++) {
    const base = (features[i] as number) * 3;
    z0 += w[base] as number;
    z1 += w[base + 1] as number;
    z2 += w[base + 2] as number;
  }
  z0 = z0 * scale + (model.bias[0] as number);
  z1 = z1 * scale + (model.bias[1] as number);
  z2 = z2 * scale + (model.bias[2] as number);
  const m = Math.max(z0, z1, z2);
  const e0 = Math.exp(z0 - m);
  const e1 = Math.exp(z1 - m);
  const e2 = Math.exp(z2 - m);
  const sum = e0 + e1 + e2;
  out[0] = e0 / sum;
  out[1] = e1 / sum;
  out[2] = e2 / sum;
}

/** Per-row extras for rows from other sources than the main 3-class training set. */
export interface RowSupervision {
  /** Loss weight per row (1 = a main-set row). */
  weights: readonly number[];
  /** Rows labelled only negative vs positive: their loss ignores the neutral class (−log P(y | not neutral)). */
  binary: readonly boolean[];
}

/** Trains by AdaGrad SGD in a seeded row order: same rows and options, same weights. */
export function trainSoftmax(
  rows: readonly (readonly number[])[],
  labels: readonly number[],
  buckets: number,
  options: OptimiserOptions,
  supervision?: RowSupervision,
): SoftmaxModel {
  const weights = new Float32Array(buckets * CLASS_COUNT);
  const squares = new Float32Array(buckets * CLASS_COUNT);
  const bias = new Float64Array(CLASS_COUNT);
  const biasSquares = new Float64Array(CLASS_COUNT);
  // Class weights come from the main-set rows only, so extra binary rows do not shrink the neutral weight.
  const counts = [0, 0, 0];
  let mainRows = 0;
  labels.forEach((y, r) => {
    if (supervision?.binary[r]) return;
    counts[y] = (counts[y] as number) + 1;
    mainRows++;
  });
  const classWeight = counts.map((c) => (c === 0 ? 1 : (mainRows / (CLASS_COUNT * c)) ** options.classWeightPower));
  const probabilities = new Float64Array(CLASS_COUNT);
  const gradient = new Float64Array(CLASS_COUNT);
  const random = seededRandom(options.seed);
  const model = { weights, bias };
  const order = rows.map((_, i) => i);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (const r of shuffled(order, random)) {
      const features = rows[r] as readonly number[];
      const y = labels[r] as number;
      predictInto(model, features, probabilities);
      const cw = (classWeight[y] as number) * (supervision?.weights[r] ?? 1);
      if (supervision?.binary[r]) {
        // Softmax over negative and positive only: the gradient leaves the neutral logit alone.
        const p0 = probabilities[0] as number;
        const q0 = p0 / (p0 + (probabilities[2] as number));
        gradient[0] = (q0 - (y === 0 ? 1 : 0)) * cw;
        gradient[1] = 0;
        gradient[2] = (1 - q0 - (y === 2 ? 1 : 0)) * cw;
      } else {
        for (let c = 0; c < CLASS_COUNT; c++) gradient[c] = ((probabilities[c] as number) - (c === y ? 1 : 0)) * cw;
      }
      const scale = features.length > 0 ? 1 / Math.sqrt(features.length) : 0;
      for (const f of features) {
        const base = f * 3;
        for (let c = 0; c < CLASS_COUNT; c++) {
          const k = base + c;
          const g = (gradient[c] as number) * scale + options.l2 * (weights[k] as number);
          squares[k] = (squares[k] as number) + g * g;
          weights[k] = (weights[k] as number) - (options.learningRate * g) / Math.sqrt((squares[k] as number) + 1e-8);
        }
      }
      for (let c = 0; c < CLASS_COUNT; c++) {
        const g = gradient[c] as number;
        biasSquares[c] = (biasSquares[c] as number) + g * g;
        bias[c] = (bias[c] as number) - (options.learningRate * g) / Math.sqrt((biasSquares[c] as number) + 1e-8);
      }
    }
  }
  return model;
}
