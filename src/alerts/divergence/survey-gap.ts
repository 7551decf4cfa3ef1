import type { ThemeId } from '../../domain/model.js';
import type { AggregateCounts } from '../../storage/store.js';
import { probabilityBelow } from './beta-compare.js';
import { compareKeys } from './deterioration.js';
import type { DivergenceFinding } from './divergence-finding.js';
import type { DivergenceOptions } from './divergence-options.js';
import { windowEnding } from './periods.js';
import { posteriorShape, sumWindow, themeKey, themePriors, trustThemeCells, windowEvidence } from './theme-windows.js';

/** A trust's imported survey (CPES) result for one theme: its crosswalked questions' positive share. */
export interface SurveyThemeScore {
  odsCode: string;
  theme: ThemeId;
  /** Share of respondents answering positively, 0–1. */
  score: number;
  /** Respondents behind the score; weights the national mean. @defaultValue 1 (unweighted) */
  respondents?: number | undefined;
}

const EDGE = 1e-3;
const logit = (p: number): number => {
  const q = Math.min(1 - EDGE, Math.max(EDGE, p));
  return Math.log(q / (1 - q));
};
const invLogit = (x: number): number => 1 / (1 + Math.exp(-x));

/** Respondent-weighted mean survey score per theme over every trust that has one. */
function nationalScores(scores: readonly SurveyThemeScore[]): Map<ThemeId, number> {
  const sums = new Map<ThemeId, { weighted: number; weight: number }>();
  for (const s of scores) {
    const weight = s.respondents ?? 1;
    const sum = sums.get(s.theme) ?? { weighted: 0, weight: 0 };
    sum.weighted += weight * s.score;
    sum.weight += weight;
    sums.set(s.theme, sum);
  }
  return new Map([...sums].filter(([, s]) => s.weight > 0).map(([theme, s]) => [theme, s.weighted / s.weight]));
}

/**
 * Worse than the survey suggests. Comments run more negative than surveys everywhere, so the two are
 * not compared raw: a trust's survey score sets how far from the national comment share its comments
 * should sit (the same distance on the logit scale as its score from the national score). The alert
 * fires when the shrunk comment share is credibly below that expectation by more than `minDifference`.
 * No survey scores: no findings.
 */
export function findSurveyGaps(
  counts: readonly AggregateCounts[],
  scores: readonly SurveyThemeScore[],
  asOf: string,
  options: DivergenceOptions,
): DivergenceFinding[] {
  if (scores.length === 0) return [];
  const window = windowEnding(asOf, options.surveyWindowMonths);
  const comments = sumWindow(trustThemeCells(counts), window);
  const priors = themePriors(comments.values());
  // One score per trust × theme; a repeated one replaces the earlier.
  const latest = new Map(scores.map((s) => [themeKey(s.odsCode, s.theme), s]));
  const national = nationalScores([...latest.values()]);

  const findings: DivergenceFinding[] = [];
  for (const s of latest.values()) {
    const w = comments.get(themeKey(s.odsCode, s.theme));
    const prior = priors.get(s.theme);
    const nationalScore = national.get(s.theme);
    if (!w || !prior || nationalScore === undefined || w.n < options.minComments) continue;
    const expectedShare = invLogit(logit(prior.mean) + logit(s.score) - logit(nationalScore));
    const threshold = expectedShare - options.minDifference;
    if (threshold <= 0) continue;
    const probability = probabilityBelow(posteriorShape(w, prior), threshold);
    if (probability < options.credibility) continue;
    findings.push({
      kind: 'worse_than_survey',
      odsCode: s.odsCode,
      theme: s.theme,
      period: asOf,
      evidence: {
        recent: windowEvidence(w, window, prior, options.intervalMass),
        survey: { score: s.score, nationalScore, expectedShare },
        probability,
      },
    });
  }
  return findings.sort((a, b) => compareKeys(themeKey(a.odsCode, a.theme), themeKey(b.odsCode, b.theme)));
}
