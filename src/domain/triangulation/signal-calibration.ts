import { solveLinear } from './solve-linear.js';

/**
 * Calibration of an outside signal (comment sentiment, FFT, complaint rates) against published CPES cells,
 * so it can enter the estimator as a `CellSignal`. The model is the classical measurement model
 *
 *   signal = intercept[stratum] + slope · truth + Σ c_j · covariate_j + common[block] + independent,
 *
 * fitted by least squares on published cells, where `truth` is seen only through the published score
 * (with known sampling and rounding noise, corrected for so the slope is not attenuated). Read backwards,
 * it turns a signal into a reading of the truth whose error is independent of the truth: what precision
 * weighting needs. A covariate such as the survey's own prior for the cell makes the reading carry only
 * what the signal knows beyond it, so nothing is counted twice.
 */
export interface CalibrationPoint {
  /** Readings in one block (a trust × tumour group) share the signal's common error. */
  block: string;
  /** Points of one stratum (e.g. a tumour group) share an intercept. @defaultValue one shared intercept */
  stratum?: string | undefined;
  /** The signal on its own scale (e.g. log-odds of positive comments). */
  signal: number;
  /** Known sampling variance of the signal at this point (e.g. binomial, from its count); 0 when exact. */
  noise: number;
  /**
   * True when the signal is one measurement shared by every point of its block (a trust × group's
   * comment share, read onto each of its questions): its sampling noise then does not average away
   * across the block's questions, and belongs to the common error. @defaultValue false
   */
  sharedNoise?: boolean | undefined;
  /** The published value on the truth scale (e.g. log-odds departure of the CPES score). */
  truth: number;
  /** Known variance of `truth` around the real value (sampling and rounding). */
  truthVariance: number;
  /** Further covariates of the signal, the same number at every point. @defaultValue [] */
  covariates?: number[] | undefined;
}

export interface SignalCalibration {
  intercepts: Map<string, number>;
  slope: number;
  covariateSlopes: number[];
  /** Independent error variance of the signal at a point, beyond its known sampling variance `noise`. */
  baseVariance: number;
  /** Variance of the error shared within a block. */
  commonVariance: number;
  points: number;
}

export interface CalibrationFitOptions {
  /** Reweighting rounds of the least squares fit. @defaultValue 3 */
  iterations?: number;
  /** Floor of the fitted base variance, so no signal is ever taken as exact. @defaultValue 1e-6 */
  minVariance?: number;
}

const stratumOf = (p: { stratum?: string | undefined }) => p.stratum ?? '';

export function fitSignalCalibration(
  points: readonly CalibrationPoint[],
  options: CalibrationFitOptions = {},
): SignalCalibration {
  const minVariance = options.minVariance ?? 1e-6;
  const strata = [...new Set(points.map(stratumOf))].sort();
  const covariateCount = points[0]?.covariates?.length ?? 0;
  if (points.length < strata.length + covariateCount + 3) {
    throw new RangeError(`fitSignalCalibration: ${points.length} points are too few for ${strata.length} strata`);
  }
  const column = new Map(strata.map((s, i) => [s, i]));
  const truthColumn = strata.length;
  const size = strata.length + 1 + covariateCount;
  const design = points.map((p) => {
    const z = new Array<number>(size).fill(0);
    z[column.get(stratumOf(p))!] = 1;
    z[truthColumn] = p.truth;
    for (let j = 0; j < covariateCount; j++) z[truthColumn + 1 + j] = p.covariates?.[j] ?? 0;
    return z;
  });
  let weights = points.map(() => 1);
  let beta: number[] = [];
  let variances = { baseVariance: minVariance, commonVariance: 0 };
  for (let round = 0; round < (options.iterations ?? 3); round++) {
    const a = Array.from({ length: size }, () => new Array<number>(size).fill(0));
    const rhs = new Array<number>(size).fill(0);
    for (const [i, z] of design.entries()) {
      const w = weights[i]!;
      for (let r = 0; r < size; r++) {
        rhs[r]! += w * z[r]! * points[i]!.signal;
        for (let c = 0; c < size; c++) a[r]![c]! += w * z[r]! * z[c]!;
      }
      // Errors in the published truth inflate its sum of squares: take their known part out.
      a[truthColumn]![truthColumn]! -= w * points[i]!.truthVariance;
    }
    beta = solveLinear(a, rhs, 'fitSignalCalibration');
    const slope = beta[truthColumn]!;
    const residuals = design.map((z, i) => points[i]!.signal - z.reduce((s, x, k) => s + x * beta[k]!, 0));
    variances = varianceComponents(points, residuals, slope, minVariance);
    weights = points.map(
      (p) => 1 / (variances.baseVariance + p.noise + variances.commonVariance + slope ** 2 * p.truthVariance),
    );
  }
  return {
    intercepts: new Map(strata.map((s, i) => [s, beta[i]!])),
    slope: beta[truthColumn]!,
    covariateSlopes: beta.slice(truthColumn + 1),
    ...variances,
    points: points.length,
  };
}

/**
 * Moment estimates from residuals: the common variance from products of distinct residuals within a
 * block (less a shared measurement's known noise, which reappears in every product); the base variance from what is left of the squared residuals once the truth's and the signal's
 * known noise are taken out (kept ≥ `minVariance`).
 */
function varianceComponents(
  points: readonly CalibrationPoint[],
  residuals: number[],
  slope: number,
  minVariance: number,
): Pick<SignalCalibration, 'baseVariance' | 'commonVariance'> {
  const blocks = new Map<string, { sum: number; squares: number; count: number; shared: number }>();
  for (const [i, p] of points.entries()) {
    const b = blocks.get(p.block) ?? { sum: 0, squares: 0, count: 0, shared: 0 };
    b.sum += residuals[i]!;
    b.squares += residuals[i]! ** 2;
    b.count++;
    if (p.sharedNoise) b.shared += p.noise;
    blocks.set(p.block, b);
  }
  let cross = 0;
  let pairs = 0;
  for (const b of blocks.values()) {
    // A measurement shared by the block's points brings its own sampling noise into every product.
    cross += b.sum ** 2 - b.squares - b.count * (b.count - 1) * (b.shared / b.count);
    pairs += b.count * (b.count - 1);
  }
  const commonVariance = pairs > 0 ? Math.max(0, cross / pairs) : 0;
  let excess = 0;
  for (const [i, p] of points.entries()) {
    excess += residuals[i]! ** 2 - slope ** 2 * p.truthVariance - p.noise - commonVariance;
  }
  return { baseVariance: Math.max(minVariance, excess / points.length), commonVariance };
}

/** A signal turned into a reading of the truth, with its independent and common error variances. */
export interface SignalReading {
  truth: number;
  variance: number;
  commonVariance: number;
}

/**
 * Reads the truth off one signal value by inverting the calibration; undefined when the signal does not
 * move with the truth (a zero slope) or its stratum was never calibrated. A shared measurement's noise
 * is passed on as common error, since every question of the block carries the same draw.
 */
export function readSignal(
  calibration: SignalCalibration,
  point: Pick<CalibrationPoint, 'signal' | 'noise' | 'stratum' | 'covariates' | 'sharedNoise'>,
): SignalReading | undefined {
  const intercept = calibration.intercepts.get(stratumOf(point));
  const b = calibration.slope;
  if (intercept === undefined || !(Math.abs(b) > 1e-9)) return undefined;
  const covariatePart = calibration.covariateSlopes.reduce((a, c, j) => a + c * (point.covariates?.[j] ?? 0), 0);
  const shared = point.sharedNoise ? point.noise : 0;
  return {
    truth: (point.signal - intercept - covariatePart) / b,
    variance: (calibration.baseVariance + point.noise - shared) / b ** 2,
    commonVariance: (calibration.commonVariance + shared) / b ** 2,
  };
}
