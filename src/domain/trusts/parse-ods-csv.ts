import { parse } from 'csv-parse/sync';
import type { Trust, TrustSite } from './trust.js';

/**
 * Parsers for the headerless 27-column ODS data files (DATA.md §4 and §7). They take file text, not a
 * path, so they stay pure; a malformed row throws with its line number rather than being skipped,
 * because a silently missing trust would make every comment about it unlinkable.
 */

/** 1-based column positions of the standard ODS layout. */
const COL = {
  code: 1,
  name: 2,
  nationalGrouping: 3,
  postcode: 10,
  openDate: 11,
  closeDate: 12,
  // ets.csv only; positions of the standard layout, not confirmed against ets.pdf (DATA.md §7).
  subTypeCode: 14,
  parentCode: 15,
  gorCode: 24,
} as const;

export class OdsFileError extends Error {
  readonly code = 'ods_file_invalid';
  constructor(
    readonly file: string,
    readonly line: number,
    reason: string,
  ) {
    super(`${file} line ${line}: ${reason}`);
    this.name = 'OdsFileError';
  }
}

function readRows(text: string, file: string): string[][] {
  try {
    return parse(text, { relax_column_count: true, skip_empty_lines: true, bom: true }) as string[][];
  } catch (error) {
    throw new OdsFileError(file, 0, `not readable as CSV (${(error as Error).message})`);
  }
}

function field(row: string[], col: number): string {
  return (row[col - 1] ?? '').trim();
}

/** `YYYYMMDD` → `YYYY-MM-DD`; blank → null. */
function odsDate(value: string, file: string, line: number, what: string): string | null {
  if (value === '') return null;
  if (!/^\d{8}$/.test(value)) throw new OdsFileError(file, line, `${what} "${value}" is not YYYYMMDD`);
  return `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`;
}

function checkRow(row: string[], file: string, line: number, minColumns: number): void {
  if (row.length < minColumns) {
    throw new OdsFileError(file, line, `has ${row.length} columns, expected the 27-column ODS layout`);
  }
  if (field(row, COL.code) === '') throw new OdsFileError(file, line, 'has no organisation code');
  if (field(row, COL.name) === '') throw new OdsFileError(file, line, 'has no name');
}

/** Parses the ODS "NHS Trusts" file (etr.csv): one trust per row, no header. */
export function parseEtrCsv(text: string): Trust[] {
  const file = 'etr.csv';
  return readRows(text, file).map((row, i) => {
    const line = i + 1;
    checkRow(row, file, line, COL.closeDate);
    const openDate = odsDate(field(row, COL.openDate), file, line, 'open date');
    if (openDate === null) throw new OdsFileError(file, line, 'has no open date');
    return {
      odsCode: field(row, COL.code).toUpperCase(),
      name: field(row, COL.name),
      postcode: field(row, COL.postcode),
      openDate,
      closeDate: odsDate(field(row, COL.closeDate), file, line, 'close date'),
      nationalGrouping: field(row, COL.nationalGrouping),
      gorCode: field(row, COL.gorCode),
    };
  });
}

/**
 * Parses the ODS "NHS Trust Sites" file (ets.csv): site code, name, …, Parent Organisation Code (the
 * trust). Rows without a parent code are rejected: a site we cannot place is of no use for linking.
 */
export function parseEtsCsv(text: string): TrustSite[] {
  const file = 'ets.csv';
  return readRows(text, file).map((row, i) => {
    const line = i + 1;
    checkRow(row, file, line, COL.parentCode);
    const parent = field(row, COL.parentCode).toUpperCase();
    if (parent === '') throw new OdsFileError(file, line, 'has no parent organisation code');
    return {
      name: field(row, COL.name),
      odsCode: parent,
      siteCode: field(row, COL.code).toUpperCase(),
      closeDate: odsDate(field(row, COL.closeDate), file, line, 'close date'),
    };
  });
}
