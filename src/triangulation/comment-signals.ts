/**
 * Comment sentiment as an extra reading of suppressed CPES cells. Per trust × tumour group, the shrunk
 * positive share of its comments (all periods pooled) is calibrated against the published cells of the
 * trust × groups that have both, then read back onto the CPES scale as a `CellSignal` per question.
 * Pure: the service hands in the aggregates and the table.
 */
import type { TumourGroupId } from '../domain/model.js';
import type { CpesTable } from '../domain/triangulation/cpes-table.js';
import {
  type CalibrationPoint,
  fitSignalCalibration,
  readSignal,
  type SignalCalibration,
} from '../domain/triangulation/signal-calibration.js';
import type { CellSignal } from '../domain/triangulation/triangulated-score.js';
import type { AggregateRow } from '../storage/store.js';

export const COMMENT_SOURCE = 'comments';

export interface CommentSignalOptions {
  /** A trust × tumour group with fewer comments gives no signal. @defaultValue 5 */
  minComments?: number;
  /** Fewer trust × groups with both comments and published cells: too little data, comments are left out. @defaultValue 10 */
  minCalibrationBlocks?: number;
}

/** A trust × group's comment signal on its own scale: log-odds of the shrunk positive share. */
interface CommentValue {
  signal: number;
  /** Binomial variance of the log-odds at this many comments. */
  noise: number;
}

const key = (odsCode: string, group: string) => `${odsCode}|${group}`;

/** Pools each trust × group's `all`-theme rows over periods, weighting each period's shrunk share by its count. */
export function commentValues(rows: readonly AggregateRow[], minComments: number): Map<string, CommentValue> {
  const pooled = new Map<string, { n: number; positive: number }>();
  for (const r of rows) {
    if (r.theme !== 'all' || r.tumourGroup === 'all' || r.n <= 0) continue;
    const k = key(r.odsCode, r.tumourGroup);
    const p = pooled.get(k) ?? { n: 0, positive: 0 };
    p.n += r.n;
    p.positive += r.n * r.positiveShare;
    pooled.set(k, p);
  }
  const values = new Map<string, CommentValue>();
  for (const [k, { n, positive }] of pooled) {
    if (n < minComments) continue;
    // Kept off 0 and 1 so the log-odds stays finite.
    const share = Math.min(0.99, Math.max(0.01, positive / n));
    values.set(k, { signal: Math.log(share / (1 - share)), noise: 1 / (n * share * (1 - share)) });
  }
  return values;
}

export interface CommentSignals {
  calibration: SignalCalibration | undefined;
  /** Why comments were left out, when they were. */
  skipped?: 'no_comments' | 'too_few_calibration_cells' | 'no_relation_to_survey';
  /** Readings per trust × group key (`ODS|group`). */
  signals: Map<string, CellSignal[]>;
}

/**
 * Calibrates comments on published cells (truth: the published score, with its binomial and rounding
 * noise; one intercept, so a group that is never published can still be read) and reads every trust ×
 * group that has comments onto each question England published for its group.
 */
export function commentSignals(
  table: CpesTable,
  rows: readonly AggregateRow[],
  options: CommentSignalOptions = {},
): CommentSignals {
  const values = commentValues(rows, options.minComments ?? 5);
  if (values.size === 0) return { calibration: undefined, skipped: 'no_comments', signals: new Map() };
  const points: CalibrationPoint[] = [];
  const blocks = new Set<string>();
  for (const [odsCode, byQuestion] of table.trusts) {
    for (const [question, cells] of byQuestion) {
      for (const [group, cell] of cells.groups) {
        const value = values.get(key(odsCode, group));
        const national = table.national.get(question)?.groups.get(group)?.score;
        if (!value || national === undefined) continue;
        blocks.add(key(odsCode, group));
        points.push({
          block: key(odsCode, group),
          signal: value.signal,
          noise: value.noise,
          truth: cell.score,
          truthVariance: (national * (100 - national)) / cell.respondents + 1 / 12,
        });
      }
    }
  }
  if (blocks.size < (options.minCalibrationBlocks ?? 10)) {
    return { calibration: undefined, skipped: 'too_few_calibration_cells', signals: new Map() };
  }
  const calibration = fitSignalCalibration(points);
  // Comments that do not rise with the survey's scores say nothing about a suppressed cell.
  if (!(calibration.slope > 0)) return { calibration, skipped: 'no_relation_to_survey', signals: new Map() };
  const signals = new Map<string, CellSignal[]>();
  for (const [k, value] of values) {
    const [odsCode, group] = k.split('|') as [string, TumourGroupId];
    if (!table.trusts.has(odsCode)) continue;
    const reading = readSignal(calibration, value);
    if (!reading) continue;
    const list: CellSignal[] = [];
    for (const question of table.questions) {
      const national = table.national.get(question)?.groups.get(group)?.score;
      if (national === undefined) continue;
      list.push({
        source: COMMENT_SOURCE,
        question,
        score: reading.truth,
        variance: reading.variance,
        commonVariance: reading.commonVariance,
      });
    }
    signals.set(k, list);
  }
  return { calibration, signals };
}
