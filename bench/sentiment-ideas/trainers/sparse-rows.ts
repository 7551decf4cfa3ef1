/**
 * Training rows for the experimental sentiment learners: hashed feature buckets (repeats count), optional
 * per-feature values (1 when absent), a loss weight and a possibly partial label.
 */
export interface SparseRow {
  features: readonly number[];
  /** Value of each feature; absent means every feature is 1, as in the shipped model. */
  values?: Float32Array | undefined;
}

/**
 * A label as two class sets: the loss is −log(P(allowed) / P(support)). A full label is one allowed class and
 * every class in the support; a two-class row ("negative or not") allows several classes and may leave the
 * neutral class out of its support so it teaches polarity without teaching that nothing is neutral.
 */
export interface PartialLabel {
  allowed: readonly number[];
  support: readonly number[];
  /** Loss weight (class weight times source weight). */
  weight: number;
}

/** 1/√(number of features): the shipped model's length normalisation, so long comments do not dominate. */
export function lengthScale(row: SparseRow): number {
  return row.features.length > 0 ? 1 / Math.sqrt(row.features.length) : 0;
}

/** One AdaGrad update of `weights[j]` by gradient `g`, as the shipped trainer makes it. */
export function adagradStep(
  weights: Float32Array | Float64Array,
  squares: Float32Array | Float64Array,
  j: number,
  g: number,
  learningRate: number,
): void {
  squares[j] = (squares[j] as number) + g * g;
  weights[j] = (weights[j] as number) - (learningRate * g) / Math.sqrt((squares[j] as number) + 1e-8);
}
