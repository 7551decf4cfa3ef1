/**
 * Exact Gaussian pooling of one trust × tumour group across questions, on the log-odds scale.
 *
 * The departure of question q from its prior is θ_q = γ + ε_q: γ ~ N(0, groupVariance) is shared by the
 * questions, ε_q ~ N(0, cellVariance_q) is the question's own. A reading of question q is
 * u_q = θ_q + Σ_k loading_qk·f_k + e_q, where the f_k ~ N(0, 1) are errors common to all the group's
 * readings (a wrong guess of its size, the other pooled groups' own effects) and e_q ~ N(0, errorVariance_q)
 * is independent. Common errors do not average away across questions, which is why they are modelled.
 * The covariance is diagonal plus low rank, so the Woodbury identity keeps this O(questions × rank²).
 */
export interface QuestionEvidence {
  /** Prior variance of the question's own departure ε_q (cell variance plus sampling). */
  cellVariance: number;
  /** The reading u_q and its independent error variance; absent when nothing observed the question. */
  reading?: number | undefined;
  errorVariance?: number | undefined;
  /** Loadings of the reading on the common errors (same length for every question). */
  loadings?: number[] | undefined;
}

export interface PooledDeparture {
  mean: number;
  variance: number;
}

function invert(m: number[][]): number[][] {
  const n = m.length;
  const a = m.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[pivot]![c]!)) pivot = r;
    [a[c], a[pivot]] = [a[pivot]!, a[c]!];
    const p = a[c]![c]!;
    for (let j = 0; j < 2 * n; j++) a[c]![j]! /= p;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = a[r]![c]!;
      if (f !== 0) for (let j = 0; j < 2 * n; j++) a[r]![j]! -= f * a[c]![j]!;
    }
  }
  return a.map((row) => row.slice(n));
}

export function poolAcrossQuestions(evidence: QuestionEvidence[], groupVariance: number): PooledDeparture[] {
  const sg = Math.sqrt(groupVariance);
  const observed = evidence.map((e, i) => ({ e, i })).filter(({ e }) => e.reading !== undefined);
  const rank = 1 + Math.max(0, ...observed.map(({ e }) => e.loadings?.length ?? 0));
  // U: column 0 carries γ (σ_γ on every reading), the others the common errors.
  const U = observed.map(({ e }) => [sg, ...Array.from({ length: rank - 1 }, (_, k) => e.loadings?.[k] ?? 0)]);
  const D = observed.map(({ e }) => e.cellVariance + e.errorVariance!);
  const u = observed.map(({ e }) => e.reading!);
  const M = Array.from({ length: rank }, (_, a) =>
    Array.from(
      { length: rank },
      (_, b) => (a === b ? 1 : 0) + U.reduce((s, row, j) => s + (row[a]! * row[b]!) / D[j]!, 0),
    ),
  );
  const Minv = invert(M);
  const Utu = Array.from({ length: rank }, (_, k) => U.reduce((s, row, j) => s + (row[k]! * u[j]!) / D[j]!, 0));
  const MinvUtu = Minv.map((row) => row.reduce((s, x, k) => s + x * Utu[k]!, 0));
  const alpha = u.map((x, j) => (x - U[j]!.reduce((s, y, k) => s + y * MinvUtu[k]!, 0)) / D[j]!);
  const sumAlpha = alpha.reduce((a, b) => a + b, 0);
  const sumInvD = D.reduce((a, d) => a + 1 / d, 0);
  const colOverD = Array.from({ length: rank }, (_, k) => U.reduce((s, row, j) => s + row[k]! / D[j]!, 0));
  const position = new Map(observed.map(({ i }, j) => [i, j]));
  return evidence.map((e, i) => {
    const j = position.get(i);
    const own = j === undefined ? 0 : e.cellVariance;
    const mean = groupVariance * sumAlpha + (j === undefined ? 0 : own * alpha[j]!);
    let quad = groupVariance * groupVariance * sumInvD;
    const bDU = colOverD.map((c) => groupVariance * c);
    if (j !== undefined) {
      quad += (2 * groupVariance * own + own * own) / D[j]!;
      for (let k = 0; k < rank; k++) bDU[k]! += (own * U[j]![k]!) / D[j]!;
    }
    const correction = bDU.reduce((s, x, a) => s + x * Minv[a]!.reduce((t, y, b) => t + y * bDU[b]!, 0), 0);
    return { mean, variance: Math.max(0, groupVariance + e.cellVariance - (quad - correction)) };
  });
}
