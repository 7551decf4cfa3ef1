import type { TumourGroupId } from '../../model.js';
import type { CpesTable } from '../cpes-table.js';
import { clampScore, ppPerLogit } from '../logit.js';
import {
  type CalibrationPoint,
  fitSignalCalibration,
  readSignal,
  type SignalCalibration,
} from '../signal-calibration.js';
import type { CellSignal } from '../triangulated-score.js';
import { cellKey } from './cell-keys.js';
import type { CellPrior } from './cell-priors.js';

/** An outside source's value at a trust × group × question, on its own scale. */
export interface SignalValue {
  signal: number;
  /** Known sampling variance of `signal` (e.g. binomial, from its count). */
  noise: number;
  /** Calibration stratum with its own intercept (e.g. the tumour group, for per-specialty baselines). */
  stratum?: string | undefined;
  /** True when the same measurement stands for every question of the trust × group (see `CalibrationPoint`). */
  sharedNoise?: boolean | undefined;
}

export interface SignalSource {
  name: string;
  /**
   * Whether the calibration conditions on the survey prior. A trust-wide source (FFT) must: what it
   * knows, All Cancers already says, and unconditioned it would be counted twice. A source specific to
   * the trust × group must not: the prior's own error, larger for a small suppressed group than for the
   * published ones it is fitted on, would leak into its readings. @defaultValue false
   */
  conditionOnPrior?: boolean;
  /** Undefined where the source says nothing (no comments, no activity). */
  value(odsCode: string, group: TumourGroupId, question: number): SignalValue | undefined;
}

export interface CalibratedSource {
  source: SignalSource;
  calibration: SignalCalibration;
}

/**
 * Truth scale of the calibration: departure from England's score for the group and question, in pp
 * divided by the log-odds slope at England's score (a linearised log-odds departure). A source that
 * speaks to the trust × group as a whole reads one departure for all its questions; on the log-odds
 * scale that moves a question near 95% less, in pp, than one near 70%, as experience does. Linearising
 * at England's score, not at the published one, keeps a published score's noise binomial (scaled), even
 * for a 100% from 21 respondents.
 */
const slopeAt = (prior: CellPrior) => ppPerLogit(prior.national);
const departure = (scorePp: number, prior: CellPrior) => (scorePp - prior.national) / slopeAt(prior);

/**
 * Fits each source's calibration on the published tumour-group cells (never on a suppressed one): the
 * published score's departure from England is the truth, seen with its sampling and rounding noise,
 * and the survey prior's departure is a covariate for sources that ask for it.
 */
export function calibrateSources(
  sources: SignalSource[],
  table: CpesTable,
  priors: Map<string, CellPrior>,
  scoreRoundingUnit = 1,
): CalibratedSource[] {
  return sources.map((source) => {
    const points: CalibrationPoint[] = [];
    for (const [odsCode, byQuestion] of table.trusts) {
      for (const [question, cells] of byQuestion) {
        for (const [group, cell] of cells.groups) {
          const prior = priors.get(cellKey(odsCode, group, question));
          const value = source.value(odsCode, group, question);
          if (!prior || !value) continue;
          // Noise at the expected score: at the observed one it would grow with the noise itself.
          const expected = clampScore(prior.prior);
          points.push({
            block: `${odsCode}|${group}`,
            stratum: value.stratum,
            signal: value.signal,
            noise: value.noise,
            sharedNoise: value.sharedNoise,
            truth: departure(cell.score, prior),
            truthVariance:
              ((expected * (100 - expected)) / cell.respondents + scoreRoundingUnit ** 2 / 12) / slopeAt(prior) ** 2,
            covariates: source.conditionOnPrior ? [departure(prior.prior, prior)] : [],
          });
        }
      }
    }
    return { source, calibration: fitSignalCalibration(points) };
  });
}

/**
 * Every calibrated source's reading of one trust × group's cells, as `CellSignal`s on the CPES scale, its
 * common error passed on as such.
 */
export function signalsFor(
  calibrated: CalibratedSource[],
  priors: Map<string, CellPrior>,
  odsCode: string,
  group: TumourGroupId,
  questions: number[],
): CellSignal[] {
  const signals: CellSignal[] = [];
  for (const question of questions) {
    const prior = priors.get(cellKey(odsCode, group, question));
    if (!prior) continue;
    for (const { source, calibration } of calibrated) {
      const value = source.value(odsCode, group, question);
      if (!value) continue;
      const covariates = source.conditionOnPrior ? [departure(prior.prior, prior)] : [];
      const reading = readSignal(calibration, { ...value, covariates });
      if (!reading) continue;
      signals.push({
        source: source.name,
        question,
        score: clampScore(prior.national + slopeAt(prior) * reading.truth),
        variance: slopeAt(prior) ** 2 * reading.variance,
        commonVariance: slopeAt(prior) ** 2 * reading.commonVariance,
      });
    }
  }
  return signals;
}
