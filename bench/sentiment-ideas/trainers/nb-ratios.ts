import type { SparseRow } from './sparse-rows.js';

/**
 * Naive-Bayes log-count ratios per hashed bucket (Wang & Manning's NBSVM): r = log((p/|p|) / (q/|q|)) with p,
 * q the smoothed counts of comments containing the bucket inside and outside the class. Scaling a comment's
 * binary features by r lets a linear model start from what each word says on its own. Norms are taken over
 * buckets seen in training, so the many empty hash buckets do not swamp them.
 */
export function logCountRatios(
  rows: readonly SparseRow[],
  inClass: readonly boolean[],
  buckets: number,
  alpha = 1,
): Float32Array {
  const inside = new Float64Array(buckets);
  const outside = new Float64Array(buckets);
  const seen = new Uint8Array(buckets);
  rows.forEach((row, r) => {
    const counts = inClass[r] ? inside : outside;
    // Presence, not frequency: a word said five times is one piece of evidence.
    for (const f of new Set(row.features)) {
      counts[f] = (counts[f] as number) + 1;
      seen[f] = 1;
    }
  });
  let insideNorm = 0;
  let outsideNorm = 0;
  for (let b = 0; b < buckets; b++) {
    if (!seen[b]) continue;
    insideNorm += (inside[b] as number) + alpha;
    outsideNorm += (outside[b] as number) + alpha;
  }
  const ratios = new Float32Array(buckets);
  for (let b = 0; b < buckets; b++) {
    if (!seen[b]) continue;
    ratios[b] = Math.log(
      ((inside[b] as number) + alpha) / insideNorm / (((outside[b] as number) + alpha) / outsideNorm),
    );
  }
  return ratios;
}

/** The row with each feature's value multiplied by its bucket's ratio (repeats keep their own entries). */
export function scaleByRatios(row: SparseRow, ratios: Float32Array): SparseRow {
  const values = new Float32Array(row.features.length);
  row.features.forEach((f, i) => {
    values[i] = (row.values ? (row.values[i] as number) : 1) * (ratios[f] as number);
  });
  return { features: row.features, values };
}
