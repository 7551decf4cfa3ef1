import type { TumourGroupId } from '../model.js';
import { type CpesTable, type GroupCell, publishedGroups, withGroupRemoved } from './cpes-table.js';
import { expitPp, logitPp, ppPerLogit, samplingVarianceLogit } from './logit.js';
import type { QuestionContext } from './question-context.js';
import { type ResolvedOptions, resolveOptions, type TriangulationOptions } from './triangulation-options.js';
import { trustContexts } from './trust-contexts.js';
import { fitTrustQuestionVariance } from './trust-effect-pooling.js';
import { betweenBlockVariance, type DepartureBlock, withinBlockVariance } from './variance-components.js';

/**
 * The model's hyper-parameters. A cell's log-odds is England's score for its tumour group and question,
 * plus `trustLoading` × the trust's case-mix-adjusted effect, plus a trust × tumour-group effect shared
 * by all questions (variance `groupEffectVariance`), plus the cell's own departure (`cellVariance`) and
 * sampling noise. Variances are on the log-odds scale, linearised around the prior mean.
 */
export interface TriangulationParameters {
  trustLoading: number;
  groupEffectVariance: number;
  cellVariance: number;
  /** Ratio of the respondents of groups a trust never publishes to England's case mix for them. */
  suppressedSizeFactor: number;
  /**
   * How far an unpublished group's guessed size n may be off: variance sizeVariation² · n² +
   * sizeDispersion · n. It sets how far the residual's mix may be off.
   */
  sizeVariation: number;
  sizeDispersion: number;
  /**
   * Multiplier on each estimate's posterior variance, fitted by cross-validation so intervals cover as
   * promised (see `calibrateIntervalInflation`); it absorbs what the error model leaves out (chiefly the
   * unknown mix of the residual pool). 1 = the model as is. It widens intervals, never moves estimates.
   */
  intervalInflation: number;
  /**
   * Spread (log-odds²) of a trust's real effect from question to question around its mean; each
   * question's effect, read from a noisy All Cancers score, is shrunk toward the mean accordingly (see
   * `poolTrustEffects`). Absent: each question's effect is used as read.
   */
  trustQuestionVariance?: number | undefined;
}

/** Floor for fitted variances, so a lucky sample never yields a certain prior. */
const MIN_VARIANCE = 1e-4;

/** Prior mean (pp) of a group's cell at a trust: England's score moved by the trust's loaded effect. */
export function priorMean(context: QuestionContext, group: TumourGroupId, params: TriangulationParameters): number {
  const national = context.national.groups.get(group)!.score;
  return expitPp(logitPp(national) + params.trustLoading * (context.trustEffect ?? 0));
}

/**
 * Error variance (log-odds²) of England's published group score as the national level a prior starts
 * from: its respondents' sampling noise and its rounding (`roundingVariance`, pp²). Negligible for
 * breast or lung; for brain and CNS or sarcoma, a few hundred respondents nationally, it is a sizeable
 * part of a prior's error, shared by every trust's estimate for that group and question.
 */
export function nationalScoreVariance(national: GroupCell, roundingVariance: number): number {
  return (
    samplingVarianceLogit(national.score, national.respondents) + roundingVariance / ppPerLogit(national.score) ** 2
  );
}

/** What the pool respondents left after the groups sized from the trust's own figures, over England's expectation. */
function fitSizeFactor(contexts: QuestionContext[]): number {
  let left = 0;
  let expected = 0;
  for (const c of contexts) {
    if (!c.allCancers || c.poolRespondents <= 0) continue;
    let informed = 0;
    let uninformed = 0;
    for (const m of c.pool) {
      if (m.informed) informed += m.expected;
      else uninformed += m.expected;
    }
    left += Math.max(0, c.poolRespondents - informed);
    expected += uninformed;
  }
  return expected > 0 ? left / expected : 1;
}

/**
 * Moment estimate of how far guessed sizes stray: the squared gap between the pool total and the guessed
 * sizes is regressed on Σ guess² and Σ guess (variance cv²·n² + dispersion·n, so small groups stray more,
 * relatively, as counts do). Falls back to the one-term fit if the two-term fit goes negative.
 */
function fitSizeVariation(contexts: QuestionContext[]): { sizeVariation: number; sizeDispersion: number } {
  let a11 = 0;
  let a12 = 0;
  let a22 = 0;
  let b1 = 0;
  let b2 = 0;
  for (const c of contexts) {
    if (!c.allCancers || c.poolRespondents <= 0) continue;
    let guessed = 0;
    let squares = 0;
    for (const m of c.pool) {
      guessed += m.expected;
      squares += m.expected ** 2;
    }
    const gap2 = (c.poolRespondents - guessed) ** 2;
    a11 += squares * squares;
    a12 += squares * guessed;
    a22 += guessed * guessed;
    b1 += squares * gap2;
    b2 += guessed * gap2;
  }
  const det = a11 * a22 - a12 * a12;
  const cv2 = det > 0 ? (b1 * a22 - b2 * a12) / det : -1;
  const dispersion = det > 0 ? (a11 * b2 - a12 * b1) / det : -1;
  if (cv2 >= 0 && dispersion >= 0) return { sizeVariation: Math.sqrt(cv2), sizeDispersion: dispersion };
  return { sizeVariation: a11 > 0 ? Math.sqrt(Math.max(0, b1 / a11)) : 1, sizeDispersion: 0 };
}

/**
 * Fits the hyper-parameters by the method of moments on the published tumour-group cells of `trusts`:
 * the size factor and size variation from pool totals, the loading by weighted least squares, then a one-way analysis of
 * variance of the remaining departures within and between trust × group blocks, less the known sampling
 * variance. Pass only training trusts when validating, so no estimate is scored against a cell that
 * shaped its own parameters.
 */
export function fitParameters(
  table: CpesTable,
  trusts: Iterable<string>,
  options: TriangulationOptions = {},
): TriangulationParameters {
  const resolved: ResolvedOptions = resolveOptions(options);
  const trustList = [...trusts];
  const firstPass = trustList.flatMap((ods) => [...trustContexts(table, ods, resolved).values()]);
  const suppressedSizeFactor = fitSizeFactor(firstPass);
  const unpooled = trustList.map((ods) =>
    trustContexts(table, ods, resolved, undefined, suppressedSizeFactor).values(),
  );
  const trustQuestionVariance = fitTrustQuestionVariance(unpooled, MIN_VARIANCE);
  // The loading and variances are fitted on effects as read: a hidden group's own respondents move its
  // question's All Cancers score, so the estimator pools effects only for a suppressed target (see there).
  const contextsOf = (data: CpesTable, ods: string) =>
    trustContexts(data, ods, resolved, undefined, suppressedSizeFactor);
  const contexts = new Map(trustList.map((ods) => [ods, [...contextsOf(table, ods).values()]]));
  const rounding = (resolved.scoreRoundingUnit * resolved.scoreRoundingUnit) / 12;
  // Loading: departures from England regressed on the trust effect, each weighted by its sampling precision.
  let sxy = 0;
  let sxx = 0;
  let cells = 0;
  for (const list of contexts.values()) {
    for (const c of list) {
      if (c.trustEffect === undefined) continue;
      for (const cell of c.published) {
        const national = c.national.groups.get(cell.tumourGroup)!.score;
        const slope = ppPerLogit(national);
        const w = 1 / (samplingVarianceLogit(national, cell.respondents) + rounding / slope ** 2);
        sxy += (w * (cell.score - national) * c.trustEffect) / slope;
        sxx += w * c.trustEffect ** 2;
        cells++;
      }
    }
  }
  if (cells < 10) throw new Error(`fitParameters: only ${cells} published cells to fit on (need 10)`);
  const { sizeVariation, sizeDispersion } = fitSizeVariation([...contexts.values()].flat());
  const partial = {
    trustLoading: sxx > 0 ? sxy / sxx : 0,
    suppressedSizeFactor,
    sizeVariation,
    sizeDispersion,
    intervalInflation: 1,
    trustQuestionVariance,
    groupEffectVariance: 0,
    cellVariance: 0,
  };
  // Departures are taken from priors computed without the group's own respondents: a prior that shares
  // them absorbs part of the group's departure and noise (a quarter, for breast at some trusts), which
  // under-states how far a group can sit from its prior. The prior's own noise is known and taken out.
  const blocks: DepartureBlock[] = [];
  for (const ods of trustList) {
    for (const group of publishedGroups(table, ods)) {
      const block: DepartureBlock = { departures: [], noise: [] };
      const without = contextsOf(withGroupRemoved(table, ods, group), ods);
      for (const [q, cells] of table.trusts.get(ods) ?? []) {
        const cell = cells.groups.get(group);
        const c = without.get(q);
        if (!cell || c?.trustEffect === undefined) continue;
        const prior = priorMean(c, group, partial);
        const slope = ppPerLogit(prior);
        block.departures.push((cell.score - prior) / slope);
        block.noise.push(
          samplingVarianceLogit(prior, cell.respondents) +
            rounding / slope ** 2 +
            partial.trustLoading ** 2 * (c.trustEffectVariance ?? 0) +
            nationalScoreVariance(c.national.groups.get(group)!, rounding),
        );
      }
      if (block.departures.length > 0) blocks.push(block);
    }
  }
  const cellVariance = withinBlockVariance(blocks, MIN_VARIANCE);
  const groupEffectVariance = betweenBlockVariance(blocks, cellVariance, MIN_VARIANCE);
  return { ...partial, groupEffectVariance, cellVariance };
}
