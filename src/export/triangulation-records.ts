import type { TriangulatedCell } from '../storage/triangulation-types.js';
import type { CsvValue } from './csv-cell.js';
import type { ParquetColumnSpec } from './parquet-columns.js';
import type { ParquetValue } from './parquet-dataset-file.js';

/**
 * The published shape of triangulated scores: one row per trust × tumour group × theme (`all`: the
 * overall score) of one CPES year. The estimate and its interval are always published; a respondent
 * count below the export's minCellCount is not, since a small count can single out the few people
 * behind a cell.
 */

export const TRIANGULATION_COLUMNS = [
  'odsCode',
  'trustName',
  'tumourGroup',
  'theme',
  'year',
  'estimate',
  'lower',
  'upper',
  'observed',
  'respondents',
  'sources',
] as const;

type TriangulationColumn = (typeof TRIANGULATION_COLUMNS)[number];

const text: ParquetColumnSpec = { type: 'STRING', nullable: false };
const percentage: ParquetColumnSpec = { type: 'DOUBLE', nullable: false };

export const TRIANGULATION_PARQUET_TYPES: Readonly<Record<TriangulationColumn, ParquetColumnSpec>> = {
  odsCode: text,
  trustName: text,
  tumourGroup: text,
  theme: text,
  year: { type: 'INT32', nullable: false },
  estimate: percentage,
  lower: percentage,
  upper: percentage,
  observed: { type: 'BOOLEAN', nullable: false },
  respondents: { type: 'INT32', nullable: true },
  sources: { type: 'STRING_LIST', nullable: false },
};

/** Figures are published to 6 decimal places: more is noise, and it keeps files stable. */
function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** The respondent count as published: null when unknown (a suppressed question) or below `minCellCount`. */
export function publishedRespondents(respondents: number | null, minCellCount: number): number | null {
  return respondents !== null && respondents >= minCellCount ? respondents : null;
}

/** One line of triangulation.jsonl (and, column for column, one row of triangulation.parquet). */
export function triangulationJsonRecord(cell: TriangulatedCell, minCellCount: number) {
  return {
    odsCode: cell.odsCode,
    trustName: cell.trustName,
    tumourGroup: cell.tumourGroup,
    theme: cell.theme,
    year: cell.year,
    estimate: round6(cell.estimate),
    lower: round6(cell.lower),
    upper: round6(cell.upper),
    observed: cell.observed,
    respondents: publishedRespondents(cell.respondents, minCellCount),
    sources: [...cell.sources],
  };
}

export function triangulationParquetRow(cell: TriangulatedCell, minCellCount: number): ParquetValue[] {
  const json = triangulationJsonRecord(cell, minCellCount);
  return TRIANGULATION_COLUMNS.map((column) => json[column]);
}

/** One row of triangulation.csv: as the Parquet row, with `sources` joined by `;`. */
export function triangulationCsvRow(cell: TriangulatedCell, minCellCount: number): CsvValue[] {
  const row: Record<TriangulationColumn, CsvValue> = {
    ...triangulationJsonRecord(cell, minCellCount),
    sources: cell.sources.join(';'),
  };
  return TRIANGULATION_COLUMNS.map((column) => row[column]);
}
