/**
 * FFT and KO41a complaints as readings of every trust × tumour group's questions, calibrated on the
 * published cells exactly as the simulation calibrates them (`calibrateSources` with the survey's priors),
 * then handed to the estimator beside the comment signals. Pure: the service hands in the stored rows.
 */
import type { ThemeId, TumourGroupId } from '../domain/model.js';
import {
  type CalibratedSource,
  calibrateSources,
  type SignalSource,
  signalsFor,
} from '../domain/triangulation/calibrated-signals.js';
import { cellKey } from '../domain/triangulation/cell-key.js';
import { cellPriors } from '../domain/triangulation/cell-priors.js';
import type { CpesTable } from '../domain/triangulation/cpes-table.js';
import { ppPerLogit, samplingVarianceLogit } from '../domain/triangulation/logit.js';
import type { TriangulationParameters } from '../domain/triangulation/parameters.js';
import { SingularSystemError } from '../domain/triangulation/solve-linear.js';
import type { CellSignal } from '../domain/triangulation/triangulated-score.js';
import { resolveOptions } from '../domain/triangulation/triangulation-options.js';
import type { ImportedComplaintCount, ImportedFftResponse } from '../storage/import-types.js';
import { COMPLAINT_SOURCE, complaintSource, tallyComplaints } from './complaint-source.js';
import { FFT_SOURCE, fftSource, tallyFft } from './fft-source.js';

export type OutsideSourceName = typeof FFT_SOURCE | typeof COMPLAINT_SOURCE;

export interface OutsideSourceOptions {
  /** A source with figures for fewer of the survey's trusts is left out: too few to calibrate. @defaultValue 10 */
  minSourceTrusts?: number;
}

/** What became of one source in a run. */
export type OutsideSourceOutcome =
  | { status: 'used'; trusts: number; slope: number }
  | {
      status: 'skipped';
      reason: 'no_rows' | 'too_few_trusts' | 'calibration_failed' | 'no_relation_to_survey';
      trusts: number;
      /** Why the calibration could not be fitted (`calibration_failed`). */
      message?: string;
    };

export interface OutsideSignals {
  /** Readings per trust × group key (`ODS|group`). */
  signals: Map<string, CellSignal[]>;
  sources: Record<OutsideSourceName, OutsideSourceOutcome>;
}

export interface OutsideRows {
  /** FFT rows of the survey's window and cancer settings. */
  fft: readonly ImportedFftResponse[];
  /** KO41a rows of the survey's financial year. */
  complaints: readonly ImportedComplaintCount[];
}

/**
 * How a source must move with the survey's scores: FFT rises with them, complaints fall. A fit the other
 * way says the source does not measure what the survey measures here, and it is left out.
 */
const DIRECTION: Record<OutsideSourceName, 1 | -1> = { fft: 1, complaints: -1 };

/** Survey trusts the source has a value for (FFT and KO41a are trust-wide: any group reads the same). */
function trustsWithValues(source: SignalSource, table: CpesTable, group: TumourGroupId): number {
  let trusts = 0;
  for (const odsCode of table.trusts.keys()) {
    if (table.questions.some((q) => source.value(odsCode, group, q) !== undefined)) trusts++;
  }
  return trusts;
}

export function outsideSignals(
  table: CpesTable,
  parameters: TriangulationParameters,
  questionThemes: ReadonlyMap<number, readonly ThemeId[]>,
  groups: readonly TumourGroupId[],
  rows: OutsideRows,
  options: OutsideSourceOptions = {},
): OutsideSignals {
  const minTrusts = options.minSourceTrusts ?? 10;
  const candidates: [OutsideSourceName, SignalSource, number][] = [
    [FFT_SOURCE, fftSource(tallyFft(rows.fft)), rows.fft.length],
    [
      COMPLAINT_SOURCE,
      complaintSource(table, questionThemes, tallyComplaints(rows.complaints)),
      rows.complaints.length,
    ],
  ];
  const sources = {} as Record<OutsideSourceName, OutsideSourceOutcome>;
  const usable: [OutsideSourceName, SignalSource, number][] = [];
  for (const [name, source, rowCount] of candidates) {
    const trusts = rowCount > 0 && groups.length > 0 ? trustsWithValues(source, table, groups[0]!) : 0;
    if (rowCount === 0) sources[name] = { status: 'skipped', reason: 'no_rows', trusts };
    else if (trusts < minTrusts) sources[name] = { status: 'skipped', reason: 'too_few_trusts', trusts };
    else usable.push([name, source, trusts]);
  }
  const signals = new Map<string, CellSignal[]>();
  if (usable.length === 0) return { signals, sources };

  const priors = cellPriors(table, parameters);
  // The estimator's own guess of a suppressed cell's size when nothing better is known.
  const suppressedSize = resolveOptions().suppressionThreshold / 2;
  const calibrated: CalibratedSource[] = [];
  for (const [name, source, trusts] of usable) {
    let fitted: CalibratedSource;
    try {
      [fitted] = calibrateSources([source], table, priors) as [CalibratedSource];
    } catch (error) {
      // Too few published cells beside the source, or a degenerate one: the survey goes on without it.
      if (!(error instanceof RangeError || error instanceof SingularSystemError)) throw error;
      sources[name] = { status: 'skipped', reason: 'calibration_failed', trusts, message: error.message };
      continue;
    }
    if (Math.sign(fitted.calibration.slope) !== DIRECTION[name]) {
      sources[name] = { status: 'skipped', reason: 'no_relation_to_survey', trusts };
      continue;
    }
    sources[name] = { status: 'used', trusts, slope: fitted.calibration.slope };
    calibrated.push(fitted);
  }
  if (calibrated.length === 0) return { signals, sources };
  for (const odsCode of table.trusts.keys()) {
    for (const group of groups) {
      const list = signalsFor(calibrated, priors, odsCode, group, table.questions).map((s) => {
        // A source reads the group's experience; the figure estimated is the survey cell its few respondents
        // would have given, so their sampling noise (at half the suppression threshold, the estimator's own
        // fallback size for a suppressed cell) is part of the reading's error. Without it, intervals fed by FFT come out far too narrow.
        const prior = priors.get(cellKey(odsCode, group, s.question))!.prior;
        return { ...s, variance: s.variance + ppPerLogit(prior) ** 2 * samplingVarianceLogit(prior, suppressedSize) };
      });
      if (list.length > 0) signals.set(`${odsCode}|${group}`, list);
    }
  }
  return { signals, sources };
}
