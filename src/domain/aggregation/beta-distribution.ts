/**
 * The Beta distribution's CDF (the regularised incomplete beta I_x(a, b)) and its inverse, for
 * posterior intervals. Continued fraction after Lentz (Numerical Recipes §6.4); the inverse is
 * Newton steps kept inside a shrinking bisection bracket, so it always converges.
 */

const LANCZOS = [
  676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7; relative error about 1e-15). */
export function logGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`logGamma needs x > 0; got ${x}`);
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = 0.99999999999980993;
  for (let i = 0; i < LANCZOS.length; i++) sum += LANCZOS[i]! / (z + i + 1);
  const t = z + LANCZOS.length - 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

const EPSILON = 1e-15;
const TINY = 1e-300;
const MAX_TERMS = 10_000;

function continuedFraction(x: number, a: number, b: number): number {
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_TERMS; m++) {
    const m2 = 2 * m;
    for (const numerator of [
      (m * (b - m) * x) / ((a + m2 - 1) * (a + m2)),
      (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1)),
    ]) {
      d = 1 + numerator * d;
      if (Math.abs(d) < TINY) d = TINY;
      c = 1 + numerator / c;
      if (Math.abs(c) < TINY) c = TINY;
      d = 1 / d;
      h *= d * c;
    }
    if (Math.abs(d * c - 1) < EPSILON) return h;
  }
  throw new Error(`incomplete beta did not converge for x=${x}, a=${a}, b=${b}`);
}

function checkShape(a: number, b: number): void {
  if (!(a > 0 && b > 0 && Number.isFinite(a) && Number.isFinite(b))) {
    throw new RangeError(`Beta shape parameters must be finite and > 0; got a=${a}, b=${b}`);
  }
}

/** I_x(a, b) = P(X ≤ x) for X ~ Beta(a, b). */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  checkShape(a, b);
  if (Number.isNaN(x)) throw new RangeError('x is NaN');
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(a * Math.log(x) + b * Math.log1p(-x) - logBeta(a, b));
  // The fraction converges fast only left of the mean; use the symmetry I_x(a,b) = 1 − I_{1−x}(b,a).
  if (x < (a + 1) / (a + b + 2)) return (front * continuedFraction(x, a, b)) / a;
  return 1 - (front * continuedFraction(1 - x, b, a)) / b;
}

/** The Beta(a, b) density at x in (0, 1). */
function betaDensity(x: number, a: number, b: number): number {
  return Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - logBeta(a, b));
}

/**
 * Near 0, I_x(a, b) ≈ x^a / (a·B(a, b)); near 1 the mirror image. Starting there matters for
 * small shapes, whose tail quantiles can lie hundreds of halvings away from the mean.
 */
function startingPoint(p: number, a: number, b: number): number {
  const mean = a / (a + b);
  if (p <= regularizedIncompleteBeta(mean, a, b)) {
    return Math.min(mean, Math.exp((Math.log(p) + Math.log(a) + logBeta(a, b)) / a));
  }
  return Math.max(mean, -Math.expm1((Math.log1p(-p) + Math.log(b) + logBeta(a, b)) / b));
}

/** The p-quantile of Beta(a, b): the x with I_x(a, b) = p, to about 1e-12. */
export function betaQuantile(p: number, a: number, b: number): number {
  checkShape(a, b);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`a probability is in [0, 1]; got ${p}`);
  if (p === 0) return 0;
  if (p === 1) return 1;
  let low = 0;
  let high = 1;
  let x = startingPoint(p, a, b);
  for (let i = 0; i < 1000; i++) {
    const error = regularizedIncompleteBeta(x, a, b) - p;
    if (Math.abs(error) < 1e-14) return x;
    if (error > 0) high = x;
    else low = x;
    const density = betaDensity(x, a, b);
    let next = density > 0 && Number.isFinite(density) ? x - error / density : Number.NaN;
    if (!(next > low && next < high)) next = (low + high) / 2; // Newton left the bracket: bisect
    // Relative step: quantiles of small shapes can be far below 1e-15.
    if (Math.abs(next - x) <= 1e-15 * Math.max(x, next)) return next;
    x = next;
  }
  return x;
}
