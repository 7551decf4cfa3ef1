import { SingularSystemError, solveLinear } from './solve-linear.js';

/**
 * Outside signals (comments, complaints, FFT) calibrated on the survey prior's ERROR. A signal that moves
 * with what the survey prior already knows (the trust's overall level) adds nothing; what can help is
 * how far the signal sits from what the prior leads one to expect of it. So, on published trust × group
 * blocks whose prior was computed as if the group were suppressed, the prior's error (published − prior)
 * is predicted from every signal's departure from its expectation given the prior, jointly, as a best
 * linear predictor:
 *
 *   E[error | x] = c′ (Σ + N)⁻¹ x,   Var(error | x) = V − c′ (Σ + N)⁻¹ c
 *
 * where x are the signals' departures, N their known sampling variances at the block (large for a small
 * group's handful of comments, so its weight shrinks by itself), Σ the covariance of their noise-free
 * values, c their covariance with the prior's error and V that error's variance (the published score's
 * own sampling noise taken out of each). A feature whose partial effect Σ⁻¹c is not credibly nonzero
 * (jackknife over trusts) is left out, so a source that carries no information gets no weight.
 */

/** One signal's value at a block, on its own scale. */
export interface FeatureValue {
  value: number;
  /** Known sampling variance of `value` (binomial or Poisson, from its count). */
  noise: number;
  /** Values of one stratum share an intercept (complaint baselines differ by specialty). @defaultValue '' */
  stratum?: string | undefined;
}

/** A trust × tumour group seen by the signals; published blocks also carry the prior's error. */
export interface PriorErrorBlock {
  /** The trust: blocks of one trust share errors, so the jackknife and the cross-fitting leave trusts out. */
  cluster: string;
  /** The survey prior's departure from England (log-odds): what each signal is expected from. */
  priorDeparture: number;
  /** Published − prior, averaged over the block's questions (log-odds); undefined for a suppressed block. */
  error?: number | undefined;
  /** Known variance of `error` from the published scores' sampling and rounding. @defaultValue 0 */
  errorNoise?: number | undefined;
  /** One entry per feature, in the calibration's order; undefined where the source says nothing. */
  features: readonly (FeatureValue | undefined)[];
}

/** How a feature's expected value follows the prior: intercept per stratum + slope × prior departure. */
interface Centring {
  intercepts: Map<string, number>;
  slope: number;
}

export interface PriorErrorCalibration {
  featureNames: string[];
  /** Features kept: their partial effect on the prior's error is credibly nonzero. */
  selected: boolean[];
  /** Partial effect of each feature's noise-free departure on the prior's error (0 when left out). */
  effects: number[];
  /** Jackknife t-ratio of each effect: as kept, or, for a feature left out, when fitted alone. */
  tRatios: number[];
  centring: (Centring | undefined)[];
  /** Σ and c over the selected features, in the order of `selected`'s true entries. */
  covariance: number[][];
  crossCovariance: number[];
  /** Variance of the prior's error on published blocks, its known sampling noise taken out. */
  errorVariance: number;
  /**
   * Calibration slope from cross-fitting (1 when fitted in sample): how much of the predicted error the
   * prior's error on held-out trusts actually carried. Predictions are scaled by it, and what they explain by its square.
   */
  scale: number;
  /** Published blocks with every feature present that the moments rest on. */
  blocks: number;
}

export interface PriorErrorFitOptions {
  /** A feature is kept only while |effect / jackknife se| reaches this. @defaultValue 2 */
  minTRatio?: number;
}

const stratumOf = (f: FeatureValue) => f.stratum ?? '';
/** Every subset of the features is tried (2^k − 1 of them), so their number is kept small. */
const MAX_FEATURES = 8;
const isPublished = (b: PriorErrorBlock): b is PriorErrorBlock & { error: number } => b.error !== undefined;

/** Ordinary least squares of a feature on a stratum intercept and the prior's departure. */
function fitCentring(blocks: readonly PriorErrorBlock[], k: number): Centring | undefined {
  const rows = blocks.filter((b) => b.features[k] !== undefined);
  const strata = [...new Set(rows.map((b) => stratumOf(b.features[k]!)))].sort();
  if (rows.length < strata.length + 3) return undefined;
  const column = new Map(strata.map((s, i) => [s, i]));
  const size = strata.length + 1;
  const a = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  const rhs = new Array<number>(size).fill(0);
  for (const b of rows) {
    const f = b.features[k]!;
    const z = new Array<number>(size).fill(0);
    z[column.get(stratumOf(f))!] = 1;
    z[strata.length] = b.priorDeparture;
    for (let r = 0; r < size; r++) {
      rhs[r]! += z[r]! * f.value;
      for (let c = 0; c < size; c++) a[r]![c]! += z[r]! * z[c]!;
    }
  }
  const beta = solveLinear(a, rhs, `prior-error centring of feature ${k}`);
  return { intercepts: new Map(strata.map((s, i) => [s, beta[i]!])), slope: beta[strata.length]! };
}

/** A feature's departure from what the prior leads one to expect of it; undefined when it cannot be centred. */
function departureOf(centring: Centring | undefined, block: PriorErrorBlock, k: number): number | undefined {
  const f = block.features[k];
  const intercept = f && centring?.intercepts.get(stratumOf(f));
  if (f === undefined || intercept === undefined || centring === undefined) return undefined;
  return f.value - intercept - centring.slope * block.priorDeparture;
}

/** Per-trust sums of the moments, so that leaving a trust out is a subtraction. */
interface Moments {
  count: number;
  xx: number[][];
  xd: number[];
  noise: number[];
  dd: number;
  errorNoise: number;
}

function emptyMoments(k: number): Moments {
  return {
    count: 0,
    xx: Array.from({ length: k }, () => new Array<number>(k).fill(0)),
    xd: new Array<number>(k).fill(0),
    noise: new Array<number>(k).fill(0),
    dd: 0,
    errorNoise: 0,
  };
}

function subtract(total: Moments, part: Moments): Moments {
  return {
    count: total.count - part.count,
    xx: total.xx.map((row, i) => row.map((v, j) => v - part.xx[i]![j]!)),
    xd: total.xd.map((v, i) => v - part.xd[i]!),
    noise: total.noise.map((v, i) => v - part.noise[i]!),
    dd: total.dd - part.dd,
    errorNoise: total.errorNoise - part.errorNoise,
  };
}

/** Σ (noise-free covariance of the features) and c (their covariance with the prior's error) over `keep`. */
function covariances(m: Moments, keep: number[]): { sigma: number[][]; c: number[] } {
  return {
    sigma: keep.map((i) => keep.map((j) => (m.xx[i]![j]! - (i === j ? m.noise[i]! : 0)) / m.count)),
    c: keep.map((i) => m.xd[i]! / m.count),
  };
}

function partialEffects(m: Moments, keep: number[]): number[] | undefined {
  const { sigma, c } = covariances(m, keep);
  if (sigma.some((row, i) => !(row[i]! > 0))) return undefined;
  try {
    return solveLinear(sigma, c, 'prior-error effects');
  } catch (error) {
    if (error instanceof SingularSystemError) return undefined;
    throw error;
  }
}

/**
 * Fits the calibration on published blocks (blocks without `error` only centre the features). Only
 * features whose effect is credibly nonzero are kept (best subset under jackknife t-ratios).
 */
export function fitPriorErrorCalibration(
  blocks: readonly PriorErrorBlock[],
  featureNames: readonly string[],
  options: PriorErrorFitOptions = {},
): PriorErrorCalibration {
  const minT = options.minTRatio ?? 2;
  const k = featureNames.length;
  if (k > MAX_FEATURES) {
    throw new RangeError(`prior-error calibration tries every subset of features: at most ${MAX_FEATURES}, got ${k}`);
  }
  for (const b of blocks) {
    if (b.features.length !== k) {
      throw new RangeError(`prior-error block of ${b.cluster} has ${b.features.length} features, expected ${k}`);
    }
  }
  const published = blocks.filter(isPublished);
  const centring = featureNames.map((_, i) => fitCentring(published, i));
  const total = emptyMoments(k);
  const byCluster = new Map<string, Moments>();
  for (const b of published) {
    const x = featureNames.map((_, i) => departureOf(centring[i], b, i));
    // A feature that could not be centred (no values at all) is never kept; it must not cost the others their blocks.
    if (x.some((v, i) => v === undefined && centring[i] !== undefined)) continue;
    const m = byCluster.get(b.cluster) ?? emptyMoments(k);
    byCluster.set(b.cluster, m);
    for (const target of [m, total]) {
      target.count++;
      target.dd += b.error ** 2;
      target.errorNoise += b.errorNoise ?? 0;
      for (let i = 0; i < k; i++) {
        target.xd[i]! += (x[i] ?? 0) * b.error;
        target.noise[i]! += x[i] === undefined ? 0 : b.features[i]!.noise;
        for (let j = 0; j < k; j++) target.xx[i]![j]! += (x[i] ?? 0) * (x[j] ?? 0);
      }
    }
  }
  const errorVariance = total.count > 0 ? Math.max(0, (total.dd - total.errorNoise) / total.count) : 0;
  const clusters = [...byCluster.values()];
  const tRatios = new Array<number>(k).fill(0);
  // Jackknife t-ratios over trusts of every effect in a fitted set; undefined when the set cannot be fitted.
  const judge = (set: number[]): { effects: number[]; t: number[] } | undefined => {
    if (total.count <= set.length + 2 || clusters.length < 3) return undefined;
    const effects = partialEffects(total, set);
    if (!effects) return undefined;
    const leaveOneOut = clusters.map((m) => partialEffects(subtract(total, m), set));
    if (leaveOneOut.some((e) => e === undefined)) return undefined;
    const g = clusters.length;
    const t = set.map((_, j) => {
      const mean = leaveOneOut.reduce((a, e) => a + e![j]!, 0) / g;
      const variance = ((g - 1) / g) * leaveOneOut.reduce((a, e) => a + (e![j]! - mean) ** 2, 0);
      return effects[j]! / Math.sqrt(Math.max(variance, 1e-300));
    });
    return { effects, t };
  };
  // Best subset: of the sets of features whose every effect is credibly nonzero, the one that explains
  // most of the prior's error (c′(Σ + N̄)⁻¹c). Greedy selection can stall on a weak feature that, once in,
  // keeps a stronger pair out; with a handful of features every subset can be tried.
  let keep: number[] = [];
  let effects: number[] = [];
  let explained = 0;
  let keptT: number[] = [];
  for (let mask = 1; mask < 1 << k; mask++) {
    const set = featureNames.flatMap((_, i) => ((mask >> i) & 1 ? [i] : []));
    const fit = judge(set);
    if (!fit) continue;
    if (set.length === 1) tRatios[set[0]!] = fit.t[0]!;
    if (!fit.t.every((v) => Math.abs(v) >= minT)) continue;
    // What the set can explain as seen, with the features' average sampling noise, not noise-free:
    // a weak feature's noise-corrected effect is large and would otherwise look like a large gain.
    const { sigma, c } = covariances(total, set);
    const seen = sigma.map((row, a) => row.map((v, b) => v + (a === b ? total.noise[set[a]!]! / total.count : 0)));
    const gain = solveLinear(seen, c, 'prior-error gain').reduce((a, w, j) => a + w * c[j]!, 0);
    if (gain > explained) {
      keep = set;
      effects = fit.effects;
      keptT = fit.t;
      explained = gain;
    }
  }
  for (const [j, i] of keep.entries()) tRatios[i] = keptT[j]!;
  // Σ and c in feature order, as `predictRaw` reads them.
  const ordered = [...keep].sort((a, b) => a - b);
  const { sigma, c } = ordered.length > 0 ? covariances(total, ordered) : { sigma: [], c: [] };
  const selected = featureNames.map((_, i) => keep.includes(i));
  const allEffects = new Array<number>(k).fill(0);
  for (const [j, i] of keep.entries()) allEffects[i] = effects[j]!;
  return {
    featureNames: [...featureNames],
    selected,
    effects: allEffects,
    tRatios,
    centring,
    covariance: sigma,
    crossCovariance: c,
    errorVariance,
    scale: 1,
    blocks: total.count,
  };
}

/** The best linear prediction of the prior's error at a block, before the cross-fitted scale. */
export interface PriorErrorPrediction {
  /** Predicted error (log-odds), unscaled: c′(Σ+N)⁻¹x. */
  raw: number;
  /** Its variance over blocks with this block's noise: c′(Σ+N)⁻¹c. */
  rawVariance: number;
}

/**
 * Prediction from the selected features present at the block. A missing feature is simply left out of
 * the system (not read as zero); a block with none predicts nothing.
 */
export function predictRaw(cal: PriorErrorCalibration, block: PriorErrorBlock): PriorErrorPrediction | undefined {
  const kept = cal.selected.flatMap((s, i) => (s ? [i] : []));
  const present: number[] = [];
  const x: number[] = [];
  for (const [j, i] of kept.entries()) {
    const v = departureOf(cal.centring[i], block, i);
    if (v === undefined) continue;
    present.push(j);
    x.push(v);
  }
  if (present.length === 0) return undefined;
  const a = present.map((p, r) =>
    present.map((q, s) => cal.covariance[p]![q]! + (r === s ? block.features[kept[p]!]!.noise : 0)),
  );
  const c = present.map((p) => cal.crossCovariance[p]!);
  const weights = solveLinear(a, c, 'prior-error prediction');
  return {
    raw: weights.reduce((acc, w, r) => acc + w * x[r]!, 0),
    rawVariance: weights.reduce((acc, w, r) => acc + w * c[r]!, 0),
  };
}

/**
 * The signals as one reading of the prior's error, for the estimator's precision weighting: a reading
 * y = error + e with e independent of the error carries the same information as the prediction m with
 * residual variance R when y = m·V/(V − R) and Var(e) = V·R/(V − R). Undefined when the signals explain nothing.
 */
export function priorErrorReading(
  cal: PriorErrorCalibration,
  block: PriorErrorBlock,
): { error: number; variance: number } | undefined {
  const p = predictRaw(cal, block);
  const v = cal.errorVariance;
  if (!p || !(cal.scale > 0) || !(v > 0)) return undefined;
  const explained = Math.min(cal.scale ** 2 * p.rawVariance, v * (1 - 1e-9));
  if (!(explained > 1e-12)) return undefined;
  const predicted = cal.scale * p.raw;
  return { error: (predicted * v) / explained, variance: (v * (v - explained)) / explained };
}
