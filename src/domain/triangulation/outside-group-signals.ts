/**
 * Outside sources (comments, FFT, complaints) as readings of each trust × tumour group's shared departure
 * from the survey prior: every feature is calibrated jointly on the prior's error over published groups,
 * cross-fitted over trusts (`prior-error-cross-fit.ts`), and read back as one `GroupSignal` per trust ×
 * group. Shared by the simulation and the live service, so both weigh outside sources the same way.
 */
import { TUMOUR_GROUPS, type TumourGroupId } from '../model.js';
import { cellKey } from './cell-key.js';
import type { CellPrior } from './cell-priors.js';
import type { CpesTable } from './cpes-table.js';
import { clampScore, logitPp, ppPerLogit } from './logit.js';
import { type FeatureValue, type PriorErrorBlock, priorErrorReading } from './prior-error-calibration.js';
import { type CrossFittedPriorError, crossFitPriorErrorCalibration } from './prior-error-cross-fit.js';
import type { GroupSignal } from './triangulated-score.js';

/**
 * One outside measurement of a trust × tumour group (a comment share, a complaint ratio, FFT), read the
 * same for all of its questions. `source` names what it came from, listed in the estimates it feeds.
 */
export interface OutsideFeature {
  name: string;
  source: string;
  /** Undefined where the source says nothing (no comments, no activity). */
  value(odsCode: string, group: TumourGroupId): FeatureValue | undefined;
}

/** Outside features calibrated together on the survey prior's error, ready to feed the estimator. */
export interface CalibratedFeatures {
  features: OutsideFeature[];
  crossFit: CrossFittedPriorError;
  /** Every trust × group block the features can speak to, keyed `odsCode|group`. */
  blocks: Map<string, PriorErrorBlock>;
}

/**
 * One block per trust × group with the features' values and, where the group published any question,
 * the prior's error: published − prior on the log-odds scale linearised at the prior (as the estimator
 * reads departures), averaged over its published questions, with the published scores' binomial and
 * rounding noise as known variance. Published groups' priors come from `cellPriors`, computed without the
 * group's own respondents, so their errors are those of a suppressed group's prior.
 */
function buildBlocks(
  table: CpesTable,
  priors: Map<string, CellPrior>,
  features: OutsideFeature[],
  questions: number[],
  roundingUnit: number,
): Map<string, PriorErrorBlock> {
  const blocks = new Map<string, PriorErrorBlock>();
  for (const [odsCode, byQuestion] of table.trusts) {
    for (const group of TUMOUR_GROUPS) {
      let priorDeparture = 0;
      let priorCount = 0;
      let error = 0;
      let noise = 0;
      let published = 0;
      for (const q of questions) {
        const prior = priors.get(cellKey(odsCode, group, q));
        if (!prior) continue;
        priorDeparture += logitPp(prior.prior) - logitPp(prior.national);
        priorCount++;
        const cell = byQuestion.get(q)?.groups.get(group);
        if (!cell) continue;
        const expected = clampScore(prior.prior);
        const slope = ppPerLogit(expected);
        error += (cell.score - prior.prior) / slope;
        noise += ((expected * (100 - expected)) / cell.respondents + roundingUnit ** 2 / 12) / slope ** 2;
        published++;
      }
      if (priorCount === 0) continue;
      blocks.set(`${odsCode}|${group}`, {
        cluster: odsCode,
        priorDeparture: priorDeparture / priorCount,
        error: published > 0 ? error / published : undefined,
        // The mean of independent per-question errors: its noise is the mean noise over the count.
        errorNoise: published > 0 ? noise / published ** 2 : undefined,
        features: features.map((f) => f.value(odsCode, group)),
      });
    }
  }
  return blocks;
}

/** Cross-fits the features' calibration on every published block (see `crossFitPriorErrorCalibration`). */
export function calibrateFeatures(
  features: OutsideFeature[],
  table: CpesTable,
  priors: Map<string, CellPrior>,
  questions: number[],
  roundingUnit = 1,
): CalibratedFeatures {
  const blocks = buildBlocks(table, priors, features, questions, roundingUnit);
  const crossFit = crossFitPriorErrorCalibration(
    [...blocks.values()],
    features.map((f) => f.name),
  );
  return { features, crossFit, blocks };
}

/**
 * The features' joint reading of one trust × group's shared departure from its prior, named by the sources
 * whose features carry weight there; undefined when the features explain nothing.
 */
export function outsideGroupSignal(
  calibrated: CalibratedFeatures,
  odsCode: string,
  group: TumourGroupId,
): GroupSignal | undefined {
  const block = calibrated.blocks.get(`${odsCode}|${group}`);
  if (!block) return undefined;
  const calibration = calibrated.crossFit.forCluster(odsCode);
  const reading = priorErrorReading(calibration, block);
  if (!reading) return undefined;
  const sources = calibrated.features
    .filter((_, i) => calibration.selected[i] && block.features[i])
    .map((f) => f.source);
  return { sources: [...new Set(sources)], departure: reading.error, variance: reading.variance };
}
