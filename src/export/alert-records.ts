import type { StoredAlert } from '../alerts/alert.js';
import type { CsvValue } from './csv-cell.js';
import type { ParquetColumnSpec } from './parquet-columns.js';

/**
 * The published shape of alerts. Only divergence alerts are exported: they are statements about a
 * trust and a theme. A safety alert says that one person's comment suggests self-harm, a fall or
 * a medication error: a health inference about an individual, for follow-up, never open data.
 * Delivery state (attempts, webhook errors) is operational and is not exported either.
 */

export const EXPORTED_ALERT_TYPE = 'divergence';

export const ALERT_COLUMNS = [
  'id',
  'kind',
  'odsCode',
  'trustName',
  'theme',
  'period',
  'summary',
  'probability',
  'recentFrom',
  'recentTo',
  'recentN',
  'recentPositiveShare',
  'baselineN',
  'baselinePositiveShare',
  'surveyScore',
  'expectedPositiveShare',
  'commentIds',
  'createdAt',
] as const;

type AlertColumn = (typeof ALERT_COLUMNS)[number];

const text = (nullable = false): ParquetColumnSpec => ({ type: 'STRING', nullable });
const number: ParquetColumnSpec = { type: 'DOUBLE', nullable: true };
const count: ParquetColumnSpec = { type: 'INT32', nullable: true };

export const ALERT_PARQUET_TYPES: Readonly<Record<AlertColumn, ParquetColumnSpec>> = {
  id: text(),
  kind: text(),
  odsCode: text(true),
  trustName: text(true),
  theme: text(true),
  period: text(),
  summary: text(),
  probability: number,
  recentFrom: text(true),
  recentTo: text(true),
  recentN: count,
  recentPositiveShare: number,
  baselineN: count,
  baselinePositiveShare: number,
  surveyScore: number,
  expectedPositiveShare: number,
  commentIds: text(),
  createdAt: text(),
};

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** One line of alerts.jsonl: the alert with its evidence nested as stored. */
export function alertJsonRecord(alert: StoredAlert) {
  return {
    id: alert.id,
    kind: alert.kind,
    odsCode: alert.odsCode,
    trustName: alert.trustName,
    theme: alert.theme,
    period: alert.period,
    summary: alert.evidenceText,
    evidence: alert.evidence,
    createdAt: alert.createdAt,
  };
}

/** One row of alerts.csv / alerts.parquet: the evidence's headline figures as columns. */
export function alertCsvRow(alert: StoredAlert): CsvValue[] {
  const evidence = alert.evidence;
  const row: Record<AlertColumn, CsvValue> = {
    id: alert.id,
    kind: alert.kind,
    odsCode: alert.odsCode,
    trustName: alert.trustName,
    theme: alert.theme,
    period: alert.period,
    summary: alert.evidenceText,
    probability: evidence ? round6(evidence.probability) : null,
    recentFrom: evidence?.recent.periodFrom ?? null,
    recentTo: evidence?.recent.periodTo ?? null,
    recentN: evidence?.recent.n ?? null,
    recentPositiveShare: evidence ? round6(evidence.recent.share.mean) : null,
    baselineN: evidence?.baseline?.n ?? null,
    baselinePositiveShare: evidence?.baseline ? round6(evidence.baseline.share.mean) : null,
    surveyScore: evidence?.survey ? round6(evidence.survey.score) : null,
    expectedPositiveShare: evidence?.survey ? round6(evidence.survey.expectedShare) : null,
    commentIds: (evidence?.commentIds ?? []).join(';'),
    createdAt: alert.createdAt,
  };
  return ALERT_COLUMNS.map((column) => row[column]);
}
