import { describe, expect, it } from 'vitest';
import {
  publishedRespondents,
  TRIANGULATION_COLUMNS,
  triangulationCsvRow,
  triangulationJsonRecord,
  triangulationParquetRow,
} from '../../../src/export/triangulation-records.js';
import type { TriangulatedCell } from '../../../src/storage/triangulation-types.js';

const cell = (overrides: Partial<TriangulatedCell> = {}): TriangulatedCell => ({
  odsCode: 'RZZ',
  trustName: 'Synthetic Trust',
  tumourGroup: 'sarcoma',
  theme: 'cns_access',
  estimate: 81.123456789,
  lower: 74.0000004,
  upper: 87.5,
  observed: true,
  respondents: 23,
  sources: ['cpes', 'comments'],
  year: 2030,
  ...overrides,
});

describe('publishedRespondents', () => {
  it('shows a count at or above minCellCount and withholds one below it or unknown', () => {
    expect(publishedRespondents(23, 23)).toBe(23);
    expect(publishedRespondents(22, 23)).toBeNull();
    expect(publishedRespondents(null, 1)).toBeNull();
  });
});

describe('triangulation rows', () => {
  it('keeps the estimate and interval (6 decimals) when the respondent count is withheld', () => {
    expect(triangulationJsonRecord(cell(), 30)).toEqual({
      odsCode: 'RZZ',
      trustName: 'Synthetic Trust',
      tumourGroup: 'sarcoma',
      theme: 'cns_access',
      year: 2030,
      estimate: 81.123457,
      lower: 74,
      upper: 87.5,
      observed: true,
      respondents: null,
      sources: ['cpes', 'comments'],
    });
    expect(triangulationJsonRecord(cell(), 5).respondents).toBe(23);
  });

  it('lists sources in Parquet and joins them with ";" in CSV, column for column', () => {
    const parquet = triangulationParquetRow(cell({ theme: 'all', sources: ['cpes'] }), 5);
    const csv = triangulationCsvRow(cell({ theme: 'all', sources: ['cpes'] }), 5);
    expect(parquet).toHaveLength(TRIANGULATION_COLUMNS.length);
    expect(parquet.at(-1)).toEqual(['cpes']);
    expect(csv.at(-1)).toBe('cpes');
    expect(triangulationCsvRow(cell(), 5).at(-1)).toBe('cpes;comments');
    expect(csv.slice(0, -1)).toEqual(parquet.slice(0, -1));
  });

  it('does not share the stored sources array with the exported record', () => {
    const stored = cell();
    const record = triangulationJsonRecord(stored, 5);
    record.sources.push('cpes');
    expect(stored.sources).toEqual(['cpes', 'comments']);
  });
});
