/** Thrown when normal equations have no unique solution (a covariate constant, a stratum empty…). */
export class SingularSystemError extends Error {
  readonly code = 'singular_system';
  constructor(what: string) {
    super(`${what}: the linear system is singular (a column is constant or duplicates another)`);
    this.name = 'SingularSystemError';
  }
}

/** Solves A·x = b by Gaussian elimination with partial pivoting; A is small and dense. */
export function solveLinear(a: readonly number[][], b: readonly number[], what = 'solveLinear'): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  const scale = Math.max(1e-300, ...m.map((row) => Math.max(...row.slice(0, n).map(Math.abs))));
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[pivot]![c]!)) pivot = r;
    if (Math.abs(m[pivot]![c]!) <= 1e-12 * scale) throw new SingularSystemError(what);
    [m[c], m[pivot]] = [m[pivot]!, m[c]!];
    for (let r = c + 1; r < n; r++) {
      const f = m[r]![c]! / m[c]![c]!;
      if (f !== 0) for (let j = c; j <= n; j++) m[r]![j]! -= f * m[c]![j]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r]![n]!;
    for (let j = r + 1; j < n; j++) s -= m[r]![j]! * x[j]!;
    x[r] = s / m[r]![r]!;
  }
  return x;
}
