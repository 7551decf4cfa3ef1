import { DEFAULT_PRIOR_OPTIONS, estimateBetaPrior } from '../../domain/aggregation/beta-binomial-prior.js';
import { posteriorShare } from '../../domain/aggregation/shrink-aggregates.js';
import type { ThemeId } from '../../domain/model.js';
import type { AggregateCounts } from '../../storage/store.js';
import type { WindowEvidence } from '../alert.js';
import type { BetaShape } from './beta-compare.js';
import { inWindow, type PeriodWindow } from './periods.js';

/** Comment counts of one trust × theme summed over a window of months. */
export interface ThemeWindow {
  odsCode: string;
  theme: ThemeId;
  n: number;
  positive: number;
  negative: number;
}

/** Trust × theme rows (every tumour group together) of the aggregate counts. */
export function trustThemeCells(counts: readonly AggregateCounts[]): AggregateCounts[] {
  return counts.filter((cell) => cell.tumourGroup === 'all' && cell.theme !== 'all');
}

/** Sums each trust × theme over the window; keyed `odsCode␀theme`. */
export function sumWindow(cells: readonly AggregateCounts[], window: PeriodWindow): Map<string, ThemeWindow> {
  const sums = new Map<string, ThemeWindow>();
  for (const cell of cells) {
    if (cell.theme === 'all' || !inWindow(cell.period, window)) continue;
    const key = themeKey(cell.odsCode, cell.theme);
    const sum = sums.get(key) ?? { odsCode: cell.odsCode, theme: cell.theme, n: 0, positive: 0, negative: 0 };
    sum.n += cell.n;
    sum.positive += cell.positive;
    sum.negative += cell.negative;
    sums.set(key, sum);
  }
  return sums;
}

export function themeKey(odsCode: string, theme: ThemeId): string {
  return `${odsCode}\u0000${theme}`;
}

/**
 * Empirical-Bayes priors per theme, fitted across trusts on the given windows (the same shrinkage the
 * aggregate stage uses), so one trust's few comments lean on the national share for that theme.
 */
export function themePriors(
  windows: Iterable<ThemeWindow>,
): Map<ThemeId, { alpha: number; beta: number; mean: number }> {
  const byTheme = new Map<ThemeId, { n: number; k: number }[]>();
  for (const w of windows) {
    const cells = byTheme.get(w.theme) ?? [];
    cells.push({ n: w.n, k: w.positive });
    byTheme.set(w.theme, cells);
  }
  const priors = new Map<ThemeId, { alpha: number; beta: number; mean: number }>();
  for (const [theme, cells] of byTheme) priors.set(theme, estimateBetaPrior(cells, DEFAULT_PRIOR_OPTIONS));
  return priors;
}

/** The posterior Beta of a window's positive share under a prior. */
export function posteriorShape(w: ThemeWindow, prior: BetaShape): BetaShape {
  return { alpha: prior.alpha + w.positive, beta: prior.beta + (w.n - w.positive) };
}

export function windowEvidence(
  w: ThemeWindow,
  window: PeriodWindow,
  prior: BetaShape & { mean: number },
  intervalMass: number,
): WindowEvidence {
  const share = posteriorShare(w.positive, w.n, { ...prior, strength: prior.alpha + prior.beta }, intervalMass);
  return { ...window, n: w.n, positive: w.positive, negative: w.negative, share };
}
