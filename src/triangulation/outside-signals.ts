/**
 * Comments, FFT and KO41a complaints as one reading per trust × tumour group of its departure from the
 * survey prior: every feature is calibrated jointly on the prior's error over the published groups,
 * cross-fitted over trusts, exactly as the simulation does (`outside-group-signals.ts`), and handed to
 * the estimator as a `GroupSignal`. A source is listed only where a feature of it carries weight.
 * Pure: the service hands in the stored rows.
 */
import type { TumourGroupId } from '../domain/model.js';
import { cellPriors } from '../domain/triangulation/cell-priors.js';
import type { CpesTable } from '../domain/triangulation/cpes-table.js';
import {
  type CalibratedFeatures,
  calibrateFeatures,
  type OutsideFeature,
  outsideGroupSignal,
} from '../domain/triangulation/outside-group-signals.js';
import type { TriangulationParameters } from '../domain/triangulation/parameters.js';
import { SingularSystemError } from '../domain/triangulation/solve-linear.js';
import type { GroupSignal } from '../domain/triangulation/triangulated-score.js';
import type { ImportedComplaintCount, ImportedFftResponse } from '../storage/import-types.js';
import type { AggregateRow } from '../storage/store.js';
import { COMMENT_SOURCE, commentFeature, tallyComments, trustCommentFeature } from './comment-features.js';
import { COMPLAINT_SOURCE, complaintFeature, tallyComplaints } from './complaint-source.js';
import { FFT_SOURCE, fftFeature, tallyFft } from './fft-source.js';

export type OutsideSourceName = typeof COMMENT_SOURCE | typeof FFT_SOURCE | typeof COMPLAINT_SOURCE;

export interface OutsideSourceOptions {
  /** A source with values for fewer of the survey's trusts is left out: too few to calibrate. @defaultValue 10 */
  minSourceTrusts?: number;
}

/** What became of one source in a run. */
export type OutsideSourceOutcome =
  | {
      status: 'used';
      /** Survey trusts the source has a value for. */
      trusts: number;
      /** Trust × groups whose estimates it fed. */
      trustGroups: number;
      /** Partial effects of its features on the prior's error (log-odds per unit), averaged over the fits that kept them. */
      effects: Record<string, number>;
    }
  | {
      status: 'skipped';
      /**
       * `no_rows`: nothing stored for the survey's window; `too_few_trusts`: values for too few trusts;
       * `not_credible`: no feature of it credibly predicts the prior's error on trusts it was not fitted
       * on, so it gets no weight; `calibration_failed`: the calibration could not be fitted (`message`).
       */
      reason: 'no_rows' | 'too_few_trusts' | 'not_credible' | 'calibration_failed';
      trusts: number;
      message?: string;
    };

export interface OutsideSignals {
  /** One reading per trust × group key (`ODS|group`) that some source gives weight. */
  signals: Map<string, GroupSignal>;
  sources: Record<OutsideSourceName, OutsideSourceOutcome>;
}

export interface OutsideRows {
  /** `all`-theme comment aggregates, every period. */
  comments: readonly AggregateRow[];
  /** FFT rows of the survey's window and cancer settings. */
  fft: readonly ImportedFftResponse[];
  /** KO41a rows of the survey's financial year. */
  complaints: readonly ImportedComplaintCount[];
}

interface Candidate {
  name: OutsideSourceName;
  features: OutsideFeature[];
  rows: number;
}

/** Survey trusts at which any of the source's features has a value for any group. */
function trustsWithValues(features: readonly OutsideFeature[], table: CpesTable, groups: readonly TumourGroupId[]) {
  let trusts = 0;
  for (const odsCode of table.trusts.keys()) {
    if (features.some((f) => groups.some((g) => f.value(odsCode, g) !== undefined))) trusts++;
  }
  return trusts;
}

export function outsideSignals(
  table: CpesTable,
  parameters: TriangulationParameters,
  groups: readonly TumourGroupId[],
  rows: OutsideRows,
  options: OutsideSourceOptions = {},
): OutsideSignals {
  const minTrusts = options.minSourceTrusts ?? 10;
  const comments = tallyComments(rows.comments);
  const candidates: Candidate[] = [
    {
      name: COMMENT_SOURCE,
      features: [commentFeature(comments), trustCommentFeature(comments)],
      rows: comments.england.n,
    },
    { name: FFT_SOURCE, features: [fftFeature(tallyFft(rows.fft))], rows: rows.fft.length },
    {
      name: COMPLAINT_SOURCE,
      features: [complaintFeature(table, tallyComplaints(rows.complaints))],
      rows: rows.complaints.length,
    },
  ];
  const sources = {} as Record<OutsideSourceName, OutsideSourceOutcome>;
  const usable: Candidate[] = [];
  const trustCounts = new Map<OutsideSourceName, number>();
  for (const c of candidates) {
    const trusts = c.rows > 0 ? trustsWithValues(c.features, table, groups) : 0;
    trustCounts.set(c.name, trusts);
    if (c.rows === 0) sources[c.name] = { status: 'skipped', reason: 'no_rows', trusts };
    else if (trusts < minTrusts) sources[c.name] = { status: 'skipped', reason: 'too_few_trusts', trusts };
    else usable.push(c);
  }
  const signals = new Map<string, GroupSignal>();
  if (usable.length === 0) return { signals, sources };

  const features = usable.flatMap((c) => c.features);
  let calibrated: CalibratedFeatures;
  try {
    calibrated = calibrateFeatures(features, table, cellPriors(table, parameters), table.questions);
  } catch (error) {
    // Too few trusts or published groups beside the sources, or a degenerate feature: the survey goes on alone.
    if (!(error instanceof RangeError || error instanceof SingularSystemError)) throw error;
    for (const c of usable) {
      sources[c.name] = {
        status: 'skipped',
        reason: 'calibration_failed',
        trusts: trustCounts.get(c.name)!,
        message: error.message,
      };
    }
    return { signals, sources };
  }
  const fed = new Map<string, number>();
  for (const odsCode of table.trusts.keys()) {
    for (const group of groups) {
      const signal = outsideGroupSignal(calibrated, odsCode, group);
      if (!signal) continue;
      signals.set(`${odsCode}|${group}`, signal);
      for (const name of signal.sources) fed.set(name, (fed.get(name) ?? 0) + 1);
    }
  }
  for (const c of usable) {
    const trusts = trustCounts.get(c.name)!;
    const trustGroups = fed.get(c.name) ?? 0;
    sources[c.name] =
      trustGroups > 0
        ? { status: 'used', trusts, trustGroups, effects: meanEffects(calibrated, c.features) }
        : { status: 'skipped', reason: 'not_credible', trusts };
  }
  return { signals, sources };
}

/** Each feature's partial effect, averaged over the trusts whose cross-fitted calibration kept it. */
function meanEffects(calibrated: CalibratedFeatures, features: readonly OutsideFeature[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const feature of features) {
    const i = calibrated.features.indexOf(feature);
    let sum = 0;
    let kept = 0;
    for (const cluster of new Set([...calibrated.blocks.values()].map((b) => b.cluster))) {
      const calibration = calibrated.crossFit.forCluster(cluster);
      if (!calibration.selected[i]) continue;
      sum += calibration.effects[i]!;
      kept++;
    }
    if (kept > 0) out[feature.name] = sum / kept;
  }
  return out;
}
