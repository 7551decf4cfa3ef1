import type { CpesTable } from './cpes-table.js';
import { publishedGroups, withGroupHidden } from './cpes-table.js';
import { estimateTumourGroup } from './estimate-tumour-group.js';
import type { TriangulationParameters } from './parameters.js';
import type { TriangulationOptions } from './triangulation-options.js';

/** Share of a set of trusts' published cells that fall inside their interval when each group is hidden in turn. */
export function hiddenGroupCoverage(
  table: CpesTable,
  trusts: Iterable<string>,
  params: TriangulationParameters,
  options: TriangulationOptions = {},
): { cells: number; covered: number } {
  let cells = 0;
  let covered = 0;
  for (const ods of trusts) {
    for (const group of publishedGroups(table, ods)) {
      const hidden = withGroupHidden(table, ods, group);
      const request = { odsCode: ods, tumourGroup: group, targetWasSuppressed: false };
      for (const e of estimateTumourGroup(hidden, request, params, options)) {
        const truth = table.trusts.get(ods)?.get(e.question)?.groups.get(group);
        if (!truth) continue;
        cells++;
        if (truth.score >= e.lower && truth.score <= e.upper) covered++;
      }
    }
  }
  return { cells, covered };
}

export interface CalibrationOptions extends TriangulationOptions {
  /** Interval coverage to aim for. @defaultValue 0.95 */
  targetCoverage?: number;
  /** Search range for the inflation. @defaultValue [1, 4] */
  range?: [number, number];
  /** Bisection steps (each is one pass over the trusts). @defaultValue 7 */
  steps?: number;
}

/**
 * Fits `intervalInflation` by hiding each published group of `trusts` in turn and bisecting on the
 * inflation (geometric midpoints) until the intervals cover `targetCoverage` of the published values (coverage rises with it).
 * Pass training trusts only when validating.
 */
export function calibrateIntervalInflation(
  table: CpesTable,
  trusts: string[],
  params: TriangulationParameters,
  options: CalibrationOptions = {},
): TriangulationParameters {
  const target = options.targetCoverage ?? 0.95;
  let [lo, hi] = options.range ?? [1, 4];
  const coverageAt = (k: number) => {
    const { cells, covered } = hiddenGroupCoverage(table, trusts, { ...params, intervalInflation: k }, options);
    return cells > 0 ? covered / cells : target;
  };
  if (coverageAt(lo) >= target) return { ...params, intervalInflation: lo };
  for (let i = 0; i < (options.steps ?? 7); i++) {
    const mid = Math.sqrt(lo * hi);
    if (coverageAt(mid) < target) lo = mid;
    else hi = mid;
  }
  return { ...params, intervalInflation: hi };
}
