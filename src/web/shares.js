/** Pooling comment counts into one share with a Wilson 95% interval (all on a 0–100 scale). */

const Z = 1.959964;

/** Wilson score interval: stays inside 0–100 and behaves for small counts, unlike the normal approximation. */
export function wilsonInterval(positive, n) {
  if (n === 0) return null;
  const p = positive / n;
  const denominator = 1 + (Z * Z) / n;
  const centre = (p + (Z * Z) / (2 * n)) / denominator;
  const half = (Z * Math.sqrt((p * (1 - p)) / n + (Z * Z) / (4 * n * n))) / denominator;
  return { lower: 100 * Math.max(0, centre - half), upper: 100 * Math.min(1, centre + half) };
}

/** Score rows (trust × period cells) summed into one raw positive share; n 0 when there are none. */
export function pooledShare(rows) {
  const n = rows.reduce((sum, row) => sum + row.n, 0);
  const positive = rows.reduce((sum, row) => sum + row.positive, 0);
  const interval = wilsonInterval(positive, n);
  return interval ? { n, estimate: (100 * positive) / n, ...interval } : { n: 0, estimate: 0, lower: 0, upper: 0 };
}
