/**
 * Variance components of departures grouped in blocks (a trust × tumour group's questions), each
 * departure seen with a known noise variance: x = γ_block + ε + noise, γ ~ N(0, between), ε ~ N(0, within).
 *
 * Each component is the value at which a precision-weighted chi-square statistic meets its degrees of
 * freedom (the Paule–Mandel estimator). Weighting by 1 / (component + noise) keeps a cell whose noise
 * dwarfs everything (a score near 100% from 21 respondents, where the log-odds scale stretches) from
 * dominating, as it would an unweighted sum of squares.
 */
export interface DepartureBlock {
  departures: number[];
  /** Known noise variance of each departure (sampling, rounding, the prior's own). */
  noise: number[];
}

/** Largest variance searched (log-odds²): beyond it a component is not a departure but a misfit. */
const MAX_VARIANCE = 4;

/** Root in [floor, MAX_VARIANCE] of a decreasing function (bisection on a log scale); floor when it is ≤ 0 there. */
function decreasingRoot(f: (v: number) => number, floor: number): number {
  if (f(floor) <= 0) return floor;
  if (f(MAX_VARIANCE) >= 0) return MAX_VARIANCE;
  let lo = floor;
  let hi = MAX_VARIANCE;
  for (let i = 0; i < 50; i++) {
    const mid = Math.sqrt(lo * hi);
    if (f(mid) > 0) lo = mid;
    else hi = mid;
  }
  return Math.sqrt(lo * hi);
}

/** Variance of departures around their block's weighted mean. */
export function withinBlockVariance(blocks: readonly DepartureBlock[], floor: number): number {
  const used = blocks.filter((b) => b.departures.length >= 2);
  const df = used.reduce((a, b) => a + b.departures.length - 1, 0);
  if (df === 0) return floor;
  const q = (v: number) => {
    let sum = 0;
    for (const { departures, noise } of used) {
      const w = noise.map((s) => 1 / (v + s));
      const mean = departures.reduce((a, x, i) => a + w[i]! * x, 0) / w.reduce((a, b) => a + b, 0);
      sum += departures.reduce((a, x, i) => a + w[i]! * (x - mean) ** 2, 0);
    }
    return sum - df;
  };
  return decreasingRoot(q, floor);
}

/** Variance of the blocks' effects, given the within-block variance; departures are centred at zero. */
export function betweenBlockVariance(blocks: readonly DepartureBlock[], within: number, floor: number): number {
  const means = blocks
    .filter((b) => b.departures.length > 0)
    .map(({ departures, noise }) => {
      const w = noise.map((s) => 1 / (within + s));
      const total = w.reduce((a, b) => a + b, 0);
      return { mean: departures.reduce((a, x, i) => a + w[i]! * x, 0) / total, variance: 1 / total };
    });
  if (means.length === 0) return floor;
  const q = (v: number) => means.reduce((a, m) => a + m.mean ** 2 / (v + m.variance), 0) - means.length;
  return decreasingRoot(q, floor);
}
