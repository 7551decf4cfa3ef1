import { TUMOUR_GROUPS, type TumourGroupId } from '../../model.js';
import { calibrateIntervalInflation } from '../calibrate.js';
import { type CalibratedSource, calibrateSources, signalsFor } from '../calibrated-signals.js';
import { cellPriors } from '../cell-priors.js';
import { buildCpesTable } from '../cpes-table.js';
import { estimateTumourGroup } from '../estimate-tumour-group.js';
import { fitParameters, type TriangulationParameters } from '../parameters.js';
import type { CellSignal } from '../triangulated-score.js';
import { cellKey } from './cell-keys.js';
import { fitCommentOnlyModel } from './comment-only-estimates.js';
import { commentSource, complaintSource, fftSource } from './outside-sources.js';
import { generateSyntheticNhs } from './synthetic-nhs.js';
import type { SyntheticNhsOptions } from './synthetic-nhs-options.js';

/**
 * The four ways of filling a suppressed cell that the simulation compares. `survey`: the CPES estimator
 * alone; `comments`: comment sentiment alone; `survey_fft_complaints`: the estimator with FFT and complaint
 * signals; `triangulated`: the estimator with comment, FFT and complaint signals.
 */
export const METHODS = ['survey', 'comments', 'survey_fft_complaints', 'triangulated'] as const;
export type Method = (typeof METHODS)[number];

export interface MethodScore {
  /** Root mean squared error against the true score, pp. */
  rmse: number;
  /** Share of true scores inside the 95% interval. */
  coverage: number;
  meanWidth: number;
}

interface Tally {
  cells: number;
  squared: number;
  covered: number;
  width: number;
}

export interface SourceCalibrationSummary {
  slope: number;
  baseVariance: number;
  commonVariance: number;
  points: number;
}

export interface TriangulationEvaluation {
  seed: number;
  /** Suppressed cells scored: withheld trust × group × question cells that had respondents. */
  cells: number;
  overall: Record<Method, MethodScore>;
  byTumourGroup: Partial<Record<TumourGroupId, { cells: number } & Record<Method, MethodScore>>>;
  parameters: TriangulationParameters;
  sources: Record<string, SourceCalibrationSummary>;
}

const newTallies = (): Record<Method, Tally> =>
  Object.fromEntries(METHODS.map((m) => [m, { cells: 0, squared: 0, covered: 0, width: 0 }])) as Record<Method, Tally>;

function score(t: Tally): MethodScore {
  return { rmse: Math.sqrt(t.squared / t.cells), coverage: t.covered / t.cells, meanWidth: t.width / t.cells };
}

/**
 * Builds a synthetic NHS from the options and scores each method on its suppressed cells against the
 * truth. Everything is fitted on published figures only: the survey hyper-parameters and interval factor
 * (on hidden published groups, as for real CPES), and every outside source's calibration.
 */
export function evaluateTriangulation(options: SyntheticNhsOptions = {}): TriangulationEvaluation {
  const nhs = generateSyntheticNhs(options);
  const table = buildCpesTable(nhs.cpes);
  const trusts = [...table.trusts.keys()].sort();
  const fitted = fitParameters(table, trusts);
  // As for real CPES: the interval factor is fitted on a third of the trusts' hidden published groups.
  const params = calibrateIntervalInflation(
    table,
    trusts.filter((_, i) => i % 3 === 0),
    fitted,
  );
  const priors = cellPriors(table, params);
  const themeOf = (q: number) => nhs.questions[q - 1]!.theme;
  const commentsOnly = fitCommentOnlyModel(nhs.comments, table, priors, themeOf);
  const [comments, fft, complaints] = calibrateSources(
    [commentSource(nhs.comments), fftSource(nhs.fft), complaintSource(nhs.complaints)],
    table,
    priors,
  ) as [CalibratedSource, CalibratedSource, CalibratedSource];
  const questions = nhs.questions.map((q) => q.question);
  // Every method aims at the cell's true experience, not at the few respondents' realised score.
  const experience = { estimand: 'experience' as const };

  const overall = newTallies();
  const byGroup = new Map<TumourGroupId, Record<Method, Tally>>();
  for (const odsCode of trusts) {
    for (const group of TUMOUR_GROUPS) {
      const withheld = questions.filter((q) => {
        const n = nhs.respondents.get(cellKey(odsCode, group, q)) ?? 0;
        return n > 0 && !table.trusts.get(odsCode)?.get(q)?.groups.has(group);
      });
      if (withheld.length === 0) continue;
      const estimate = (signals: CellSignal[]) =>
        new Map(
          estimateTumourGroup(table, { odsCode, tumourGroup: group, signals }, params, experience).map((e) => [
            e.question,
            e,
          ]),
        );
      const survey = estimate([]);
      const official = estimate(signalsFor([fft, complaints], priors, odsCode, group, questions));
      const all = estimate(signalsFor([comments, fft, complaints], priors, odsCode, group, questions));
      const tallies = byGroup.get(group) ?? newTallies();
      byGroup.set(group, tallies);
      for (const q of withheld) {
        const truth = nhs.truth.get(cellKey(odsCode, group, q))!;
        const readings: Partial<Record<Method, { score: number; lower: number; upper: number }>> = {
          survey: survey.get(q),
          comments: commentsOnly.estimate(odsCode, group, q),
          survey_fft_complaints: official.get(q),
          triangulated: all.get(q),
        };
        if (METHODS.some((m) => readings[m] === undefined)) continue;
        for (const m of METHODS) {
          const r = readings[m]!;
          for (const t of [overall[m], tallies[m]]) {
            t.cells++;
            t.squared += (r.score - truth) ** 2;
            if (truth >= r.lower && truth <= r.upper) t.covered++;
            t.width += r.upper - r.lower;
          }
        }
      }
    }
  }
  const summary = (c: CalibratedSource): SourceCalibrationSummary => ({
    slope: c.calibration.slope,
    baseVariance: c.calibration.baseVariance,
    commonVariance: c.calibration.commonVariance,
    points: c.calibration.points,
  });
  return {
    seed: nhs.options.seed,
    cells: overall.survey.cells,
    overall: Object.fromEntries(METHODS.map((m) => [m, score(overall[m])])) as Record<Method, MethodScore>,
    byTumourGroup: Object.fromEntries(
      [...byGroup].map(([g, t]) => [
        g,
        { cells: t.survey.cells, ...Object.fromEntries(METHODS.map((m) => [m, score(t[m])])) },
      ]),
    ) as TriangulationEvaluation['byTumourGroup'],
    parameters: params,
    sources: { comments: summary(comments), fft: summary(fft), complaints: summary(complaints) },
  };
}
