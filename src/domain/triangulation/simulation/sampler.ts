import { seededRandom } from '../../random.js';

/**
 * Seeded draws for the synthetic NHS: one stream per seed, so a seed always builds the same NHS.
 * Exact samplers (no normal approximations) keep small counts, where suppression bites, honest.
 */
export class Sampler {
  private readonly uniform: () => number;
  private spare: number | undefined;

  constructor(seed: number) {
    this.uniform = seededRandom(seed);
  }

  /** Uniform on [0, 1). */
  next(): number {
    return this.uniform();
  }

  /** Normal(mean, sd²) by Box–Muller (the second draw is kept for the next call). */
  normal(mean = 0, sd = 1): number {
    if (this.spare !== undefined) {
      const z = this.spare;
      this.spare = undefined;
      return mean + sd * z;
    }
    const u = 1 - this.uniform();
    const v = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return mean + sd * r * Math.cos(2 * Math.PI * v);
  }

  /** Binomial(n, p) as a sum of Bernoulli draws: n stays in the low thousands here. */
  binomial(n: number, p: number): number {
    let k = 0;
    for (let i = 0; i < n; i++) if (this.uniform() < p) k++;
    return k;
  }

  /** Poisson(λ): Knuth's product method in chunks of 30, so large λ cannot underflow. */
  poisson(lambda: number): number {
    let count = 0;
    let left = lambda;
    while (left > 0) {
      const step = Math.min(left, 30);
      left -= step;
      const limit = Math.exp(-step);
      let product = this.uniform();
      while (product > limit) {
        count++;
        product *= this.uniform();
      }
    }
    return count;
  }

  /** Gamma(shape, 1) by Marsaglia and Tsang, boosted for shape < 1. */
  gamma(shape: number): number {
    if (shape < 1) return this.gamma(shape + 1) * this.uniform() ** (1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const x = this.normal();
      const v = (1 + c * x) ** 3;
      if (v <= 0) continue;
      const u = this.uniform();
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
    }
  }

  /** Log-normal with the given median and log-scale sd. */
  logNormal(median: number, sdLog: number): number {
    return median * Math.exp(this.normal(0, sdLog));
  }

  /** Index drawn with probability proportional to `weights`. */
  pick(weights: readonly number[]): number {
    const total = weights.reduce((a, b) => a + b, 0);
    let u = this.uniform() * total;
    for (let i = 0; i < weights.length; i++) {
      u -= weights[i]!;
      if (u < 0) return i;
    }
    return weights.length - 1;
  }
}
