import type { AggregateCounts } from '../../storage/store.js';
import { probabilityExceedsBy } from './beta-compare.js';
import type { DivergenceFinding } from './divergence-finding.js';
import type { DivergenceOptions } from './divergence-options.js';
import { addMonths, windowEnding } from './periods.js';
import { posteriorShape, sumWindow, themeKey, trustThemeCells, windowEvidence } from './theme-windows.js';

/**
 * Deteriorating: a trust × theme whose positive share in the last `recentMonths` (ending `asOf`) is
 * credibly lower, by more than `minDifference`, than in the `baselineMonths` before. Both shares are
 * Beta posteriors under the Jeffreys prior: the question is a trust against its own past, so the
 * national share (which the other rule leans on) has no say; `minComments` keeps small windows out.
 */
const JEFFREYS = { alpha: 0.5, beta: 0.5, mean: 0.5 };

export function findDeterioration(
  counts: readonly AggregateCounts[],
  asOf: string,
  options: DivergenceOptions,
): DivergenceFinding[] {
  const cells = trustThemeCells(counts);
  const recentWindow = windowEnding(asOf, options.recentMonths);
  const baselineWindow = windowEnding(addMonths(recentWindow.periodFrom, -1), options.baselineMonths);
  const recent = sumWindow(cells, recentWindow);
  const baseline = sumWindow(cells, baselineWindow);

  const findings: DivergenceFinding[] = [];
  for (const [key, now] of recent) {
    const before = baseline.get(key);
    if (!before || now.n < options.minComments || before.n < options.minComments) continue;
    const prior = JEFFREYS;
    const nowEvidence = windowEvidence(now, recentWindow, prior, options.intervalMass);
    const beforeEvidence = windowEvidence(before, baselineWindow, prior, options.intervalMass);
    // A mean drop below the minimum cannot reach the credibility bar: skip the integral.
    if (beforeEvidence.share.mean - nowEvidence.share.mean <= options.minDifference) continue;
    const probability = probabilityExceedsBy(
      posteriorShape(now, prior),
      posteriorShape(before, prior),
      options.minDifference,
    );
    if (probability < options.credibility) continue;
    findings.push({
      kind: 'deteriorating',
      odsCode: now.odsCode,
      theme: now.theme,
      period: asOf,
      evidence: { recent: nowEvidence, baseline: beforeEvidence, probability },
    });
  }
  return findings.sort((a, b) => compareKeys(themeKey(a.odsCode, a.theme), themeKey(b.odsCode, b.theme)));
}

export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
