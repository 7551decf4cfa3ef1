import type { TumourGroupId } from '../model.js';
import type { CpesTable } from './cpes-table.js';
import { clampScore, ppPerLogit, samplingVarianceLogit, Z95 } from './logit.js';
import { observedScore } from './observed-cell.js';
import { nationalScoreVariance, priorMean, type TriangulationParameters } from './parameters.js';
import { poolAcrossQuestions, type QuestionEvidence } from './pool-questions.js';
import type { QuestionContext } from './question-context.js';
import { surveyCellInterval } from './survey-cell-interval.js';
import type { GroupSignal, TriangulatedScore, TriangulationInput } from './triangulated-score.js';
import { resolveOptions, type TriangulationOptions } from './triangulation-options.js';
import { trustContexts } from './trust-contexts.js';

export interface TumourGroupRequest {
  odsCode: string;
  tumourGroup: TumourGroupId;
  /**
   * True when the group's missing cells were withheld by the suppression rule, so each has fewer
   * respondents than the threshold; false when they were hidden for validation and their size is unknown.
   * @defaultValue true
   */
  targetWasSuppressed?: boolean;
  /** Readings of the trust × group's shared departure from the prior, from outside sources. @defaultValue [] */
  groupSignals?: GroupSignal[];
}

/** One question's evidence about the target, in log-odds departures from its prior mean. */
interface Evidence extends QuestionEvidence {
  question: number;
  context: QuestionContext;
  prior: number;
  slope: number;
  /**
   * The part of `cellVariance` that is the target's own sampling noise (log-odds²): its few respondents'
   * binomial draw, which the interval draws on the percentage scale (see `surveyCellInterval`).
   */
  samplingVariance: number;
  inputs: TriangulationInput[];
}

/** The residual's reading of the target's score (pp) with its independent error variance (pp²) and common-error loadings (pp). */
interface Reading {
  score: number;
  variance: number;
  loadings: number[];
}

function sizeVariance(size: number, params: TriangulationParameters): number {
  return (params.sizeVariation * size) ** 2 + params.sizeDispersion * size;
}

/**
 * How much of the target's departure from its prior remains once the prior has seen it. The variance
 * parameters describe a group's departure from a prior computed without it; the trust's effect is read
 * from All Cancers, where the target holds a share w of the respondents, so the prior already moved by
 * loading × w of the target's departure, leaving (1 − loading·w)² of its variance.
 */
function ownShareFactor(context: QuestionContext, size: number, params: TriangulationParameters): number {
  const all = context.allCancers;
  if (!all || context.trustEffect === undefined || all.respondents <= 0) return 1;
  const w = Math.min(1, size / all.respondents);
  return (1 - params.trustLoading * w) ** 2;
}

/**
 * Sampling variance (log-odds²) the trust's effect brings into a missing cell's prior, from All Cancers'
 * respondents. As an estimate of the survey cell, the target's own respondents (share w) move with the
 * cell and only the others' noise (1 − w) is error; as an estimate of the experience, all of it is.
 */
function trustEffectVariance(
  context: QuestionContext,
  size: number,
  params: TriangulationParameters,
  latent: boolean,
): number {
  const all = context.allCancers;
  if (!all || all.respondents <= 0) return 0;
  const others = latent ? 1 : Math.max(0, 1 - size / all.respondents);
  return params.trustLoading ** 2 * others * (context.trustEffectVariance ?? 0);
}

/** Below this many estimated respondents the target's sampling variance uses half the threshold instead. */
const MIN_SIZE = 1;

/**
 * Scores for one trust × tumour group on every question: published cells as they are, missing cells
 * estimated. Per question, the prior (England's group score moved by the trust's effect) meets the
 * residual of the trust's All Cancers total, after the other unpublished groups' expected share is
 * taken out, and any extra signals, each weighted by its precision. Across questions, the same
 * readings estimate a trust × group effect by empirical Bayes, which lifts questions whose own residual
 * is weak. Every estimate carries a 95% interval and the inputs that fed it.
 */
export function estimateTumourGroup(
  table: CpesTable,
  request: TumourGroupRequest,
  params: TriangulationParameters,
  options: TriangulationOptions = {},
): TriangulatedScore[] {
  const resolved = resolveOptions(options);
  const { odsCode, tumourGroup: target } = request;
  const suppressed = request.targetWasSuppressed ?? true;
  const contexts = trustContexts(
    table,
    odsCode,
    resolved,
    suppressed ? undefined : target,
    params.suppressedSizeFactor,
    // A suppressed target holds too few of All Cancers' respondents for a question's own swing to be its
    // own: that swing is the trust's (or noise), so it is pooled across questions. A hidden published
    // group moves its questions' All Cancers scores itself, and its effects are used as read.
    suppressed ? params.trustQuestionVariance : undefined,
  );
  const groupRounding = (resolved.scoreRoundingUnit * resolved.scoreRoundingUnit) / 12;
  const latent = resolved.estimand === 'experience';
  const evidence: Evidence[] = [];
  const shares: number[] = [];
  for (const [q, context] of contexts) {
    const national = context.national.groups.get(target);
    if (!national) continue;
    const prior = priorMean(context, target, params);
    const slope = ppPerLogit(prior);
    const own = context.published.find((c) => c.tumourGroup === target);
    if (own) {
      const share = ownShareFactor(context, own.respondents, params);
      shares.push(share);
      evidence.push({
        question: q,
        context,
        prior,
        slope,
        samplingVariance: 0,
        cellVariance:
          share * (params.cellVariance + samplingVarianceLogit(prior, own.respondents)) +
          trustEffectVariance(context, own.respondents, params, false) +
          nationalScoreVariance(national, groupRounding),
        reading: (own.score - prior) / slope,
        errorVariance: groupRounding / slope ** 2,
        inputs: [],
      });
      continue;
    }
    const member = context.pool.find((m) => m.group === target);
    const size = member && member.respondents >= MIN_SIZE ? member.respondents : resolved.suppressionThreshold / 2;
    const inputs: TriangulationInput[] = [
      { kind: 'national_group', score: national.score, respondents: national.respondents },
    ];
    if (context.allCancers) {
      inputs.push({
        kind: 'trust_all_cancers',
        score: context.allCancers.score,
        respondents: context.allCancers.respondents,
      });
    }
    if (context.published.length > 0) {
      inputs.push({ kind: 'published_groups', groups: context.published.map((c) => c.tumourGroup) });
    }
    const sampling = samplingVarianceLogit(prior, size);
    const ownShare = ownShareFactor(context, size, params);
    shares.push(ownShare);
    const e: Evidence = {
      question: q,
      context,
      prior,
      slope,
      samplingVariance: latent ? 0 : ownShare * sampling,
      cellVariance:
        ownShare * (params.cellVariance + (latent ? 0 : sampling)) +
        trustEffectVariance(context, size, params, latent) +
        nationalScoreVariance(national, groupRounding),
      inputs,
    };
    const residual = context.residual;
    if (residual && member && member.weight > 0) {
      const reading = residualReading(context, target, member.weight, residual, params, suppressed, groupRounding);
      // The residual holds the target's realised score: as a reading of its experience, sampling noise is error.
      if (latent) reading.variance += slope ** 2 * sampling;
      e.reading = (reading.score - prior) / slope;
      e.errorVariance = reading.variance / slope ** 2;
      e.loadings = reading.loadings.map((l) => l / slope);
      inputs.push({ kind: 'residual', used: true });
    } else {
      inputs.push({
        kind: 'residual',
        used: false,
        reason: context.residualUnusable ?? 'fewer_than_minimum_respondents',
      });
    }
    evidence.push(e);
  }
  // The shared trust × group effect is seen by the prior in the same share, on average over questions.
  const meanShare = shares.length > 0 ? shares.reduce((a, b) => a + b, 0) / shares.length : 1;
  const groupSignals = (request.groupSignals ?? []).filter((g) => g.variance > 0 && Number.isFinite(g.departure));
  return combine(odsCode, target, evidence, groupSignals, params, params.groupEffectVariance * meanShare);
}

/**
 * The residual as a reading of the target: the pool's mean less the other pooled groups' expected share,
 * scaled up by the target's share. Its errors: rounding (`groupRounding`, a published group score's
 * rounding variance in pp²), the other groups' own departures and England's noise in their priors
 * (independent per question), plus two errors common to every question: a wrong guess of the target's
 * share (weighing the gap between its score and the others') and the other groups' shared effects.
 */
function residualReading(
  context: QuestionContext,
  target: TumourGroupId,
  weight: number,
  residual: { score: number; roundingVariance: number },
  params: TriangulationParameters,
  suppressed: boolean,
  groupRounding: number,
): Reading {
  const prior = priorMean(context, target, params);
  const targetVariance =
    ppPerLogit(prior) ** 2 *
    (params.groupEffectVariance + params.cellVariance + samplingVarianceLogit(prior, weight * context.poolRespondents));
  let othersMean = 0;
  let othersWeight = 0;
  let othersVariance = 0;
  let othersEffect = 0;
  let othersSizeVariance = 0;
  let othersSpread = 0;
  for (const m of context.pool) {
    if (m.group === target || m.weight === 0) continue;
    const mean = priorMean(context, m.group, params);
    const slope2 = ppPerLogit(mean) ** 2;
    othersMean += m.weight * mean;
    othersWeight += m.weight;
    othersVariance +=
      m.weight ** 2 *
      slope2 *
      (params.cellVariance +
        samplingVarianceLogit(mean, Math.max(MIN_SIZE, m.respondents)) +
        nationalScoreVariance(context.national.groups.get(m.group)!, groupRounding));
    othersEffect += m.weight ** 2 * slope2 * params.groupEffectVariance;
    othersSpread +=
      m.weight *
      slope2 *
      (params.groupEffectVariance +
        params.cellVariance +
        samplingVarianceLogit(mean, Math.max(MIN_SIZE, m.respondents)));
    othersSizeVariance += sizeVariance(m.respondents, params);
  }
  const n = context.poolRespondents;
  const targetSizeVariance = suppressed ? sizeVariance(weight * n, params) : 0;
  // With the pool total fixed, the target's share moves against the others' guessed sizes.
  const weightVariance =
    ((1 - weight) ** 2 * targetSizeVariance + (suppressed ? weight ** 2 : 1) * othersSizeVariance) / n ** 2;
  const gap = othersWeight > 0 ? prior - othersMean / othersWeight : 0;
  return {
    score: (residual.score - othersMean) / weight,
    // A wrong share also weighs the realised (not only the expected) gap between target and others.
    variance:
      (residual.roundingVariance +
        othersVariance +
        weightVariance * (targetVariance + (othersWeight > 0 ? othersSpread / othersWeight : 0))) /
      weight ** 2,
    loadings: [(Math.sqrt(weightVariance) * gap) / weight, Math.sqrt(othersEffect) / weight],
  };
}

/** Turns pooled departures into scores: linear in pp, so an exact residual is recovered exactly. */
function combine(
  odsCode: string,
  target: TumourGroupId,
  evidence: Evidence[],
  groupSignals: GroupSignal[],
  params: TriangulationParameters,
  groupEffectVariance: number,
): TriangulatedScore[] {
  // A group reading is a further row whose own departure is nil: it reads the shared effect alone.
  const groupRows = groupSignals.map((g) => ({ cellVariance: 0, reading: g.departure, errorVariance: g.variance }));
  const pooled = poolAcrossQuestions([...evidence, ...groupRows], groupEffectVariance);
  // The same pooling with the target's sampling noise left out of the prior: the difference between
  // the two posterior variances is the share of the uncertainty to draw as the cell's binomial draw.
  const sampled = evidence.some((e) => e.samplingVariance > 0);
  const shareOnly = sampled
    ? poolAcrossQuestions(
        [...evidence.map((e) => ({ ...e, cellVariance: e.cellVariance - e.samplingVariance })), ...groupRows],
        groupEffectVariance,
      )
    : pooled;
  const observedQuestions = evidence.filter((e) => e.reading !== undefined).length;
  const groupInputs: TriangulationInput[] = [...new Set(groupSignals.flatMap((g) => g.sources))].map((source) => ({
    kind: 'signal',
    source,
  }));
  return evidence.map((e, i) => {
    const own = e.context.published.find((c) => c.tumourGroup === target);
    if (own) return observedScore(odsCode, target, own);
    const { mean, variance } = pooled[i]!;
    const score = clampScore(e.prior + e.slope * mean);
    const shareVariance = shareOnly[i]!.variance;
    const samplingVariance = Math.max(0, variance - shareVariance);
    const { lower, upper } = surveyCellInterval(
      score,
      (Z95 * e.slope * Math.sqrt(shareVariance * params.intervalInflation)) / ppPerLogit(score),
      Z95 * e.slope * Math.sqrt(samplingVariance * params.intervalInflation),
    );
    const others = observedQuestions - (e.reading === undefined ? 0 : 1);
    const inputs = [...e.inputs, ...groupInputs];
    return {
      odsCode,
      tumourGroup: target,
      question: e.question,
      kind: 'estimated',
      score,
      lower,
      upper,
      inputs: others > 0 ? [...inputs, { kind: 'group_effect', questions: others }] : inputs,
    };
  });
}
