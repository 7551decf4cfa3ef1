import { TUMOUR_GROUPS, type TumourGroupId } from '../../model.js';
import { calibrateIntervalInflation } from '../calibrate.js';
import { cellPriors } from '../cell-priors.js';
import { buildCpesTable } from '../cpes-table.js';
import { estimateTumourGroup } from '../estimate-tumour-group.js';
import { type CalibratedFeatures, calibrateFeatures, outsideGroupSignal } from '../outside-group-signals.js';
import { fitParameters, type TriangulationParameters } from '../parameters.js';
import type { GroupSignal } from '../triangulated-score.js';
import { cellKey } from './cell-keys.js';
import { fitCommentOnlyModel } from './comment-only-estimates.js';
import { commentFeature, complaintFeature, fftFeature, trustCommentFeature } from './outside-sources.js';
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

/** One feature's place in a cross-fitted calibration on the survey prior's error, over its folds. */
export interface FeatureSummary {
  /** Share of folds that kept the feature (its effect credibly nonzero). */
  keptShare: number;
  /** Mean partial effect on the prior's error (log-odds per unit of the feature) where kept. */
  effect: number;
  /** Median jackknife t-ratio over folds. */
  tRatio: number;
}

/** A set of outside features calibrated together, as fitted and as judged on held-out trusts. */
export interface FeatureSetSummary {
  features: Record<string, FeatureSummary>;
  /** Calibration slope of held-out predictions (0 = signals get no weight) and its t-ratio. */
  scale: number;
  scaleTRatio: number;
  /** Held-out published blocks: the prior's error variance, and what is left after the signals (log-odds²). */
  heldOut: { blocks: number; errorVariance: number; residualVariance: number };
}

export interface TriangulationEvaluation {
  seed: number;
  /** Suppressed cells scored: withheld trust × group × question cells that had respondents. */
  cells: number;
  overall: Record<Method, MethodScore>;
  byTumourGroup: Partial<Record<TumourGroupId, { cells: number } & Record<Method, MethodScore>>>;
  parameters: TriangulationParameters;
  /** `official`: FFT and complaints; `all`: with comments. */
  sources: { official: FeatureSetSummary; all: FeatureSetSummary };
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
  // As the service does: the interval factor is fitted on every trust's hidden published groups.
  const params = calibrateIntervalInflation(table, trusts, fitted);
  const priors = cellPriors(table, params);
  const themeOf = (q: number) => nhs.questions[q - 1]!.theme;
  const commentsOnly = fitCommentOnlyModel(nhs.comments, table, priors, themeOf);
  const questions = nhs.questions.map((q) => q.question);
  const fft = fftFeature(nhs.fft);
  const complaints = complaintFeature(nhs.complaints);
  const official = calibrateFeatures([fft, complaints], table, priors, questions);
  const all = calibrateFeatures(
    [commentFeature(nhs.comments), trustCommentFeature(nhs.comments), fft, complaints],
    table,
    priors,
    questions,
  );
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
      const estimate = (signal: GroupSignal | undefined) =>
        new Map(
          estimateTumourGroup(
            table,
            { odsCode, tumourGroup: group, groupSignals: signal ? [signal] : [] },
            params,
            experience,
          ).map((e) => [e.question, e]),
        );
      const survey = estimate(undefined);
      const withOfficial = estimate(outsideGroupSignal(official, odsCode, group));
      const withAll = estimate(outsideGroupSignal(all, odsCode, group));
      const tallies = byGroup.get(group) ?? newTallies();
      byGroup.set(group, tallies);
      for (const q of withheld) {
        const truth = nhs.truth.get(cellKey(odsCode, group, q))!;
        const readings: Partial<Record<Method, { score: number; lower: number; upper: number }>> = {
          survey: survey.get(q),
          comments: commentsOnly.estimate(odsCode, group, q),
          survey_fft_complaints: withOfficial.get(q),
          triangulated: withAll.get(q),
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
  const summary = (c: CalibratedFeatures): FeatureSetSummary => {
    const fits = [...new Set(trusts.map((t) => c.crossFit.forCluster(t)))];
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    const feature = (i: number): FeatureSummary => {
      const kept = fits.filter((f) => f.selected[i]);
      return {
        keptShare: kept.length / fits.length,
        effect: kept.length > 0 ? kept.reduce((a, f) => a + f.effects[i]!, 0) / kept.length : 0,
        tRatio: median(fits.map((f) => f.tRatios[i]!)),
      };
    };
    return {
      features: Object.fromEntries(c.features.map((f, i) => [f.name, feature(i)])),
      scale: c.crossFit.scale,
      scaleTRatio: c.crossFit.scaleTRatio,
      heldOut: c.crossFit.heldOut,
    };
  };
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
    sources: { official: summary(official), all: summary(all) },
  };
}
