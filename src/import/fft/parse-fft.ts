import { z } from 'zod';
import type { FftField, FftSetting, ImportedFftResponse } from '../../storage/import-types.js';
import { type CellValue, countCell, odsCodeCell, shareCell } from '../cells.js';
import type { CsvLine } from '../csv-lines.js';
import { readHeadedRows } from '../headed-rows.js';
import { cellsOf, isHeaderRow, mapColumns } from '../header-map.js';
import { ImportLayoutError } from '../import-layout-error.js';
import { emptyOutcome, KeyRegister, type ParseOutcome, reportZodIssues, skip } from '../parse-outcome.js';
import {
  FFT_RAW_COLUMNS,
  FFT_SHEET_COLUMNS,
  type FftRawField,
  type FftSheetField,
  RESPONSE_FIELDS,
  type ResponseField,
  rawCountColumns,
} from './fft-columns.js';
import { fftPeriodOf, isPeriod } from './fft-period.js';

export interface FftParseOptions {
  /** The setting the file reports (the FFT publishes one workbook per setting). */
  setting: FftSetting;
  /** `YYYY-MM`: required for the workbook sheets, which state their month only in the title. */
  period?: string | undefined;
  /** Lines searched for the header row, to pass the workbook's title rows. @defaultValue 20 */
  headerScanRows?: number;
}

const counts = Object.fromEntries(RESPONSE_FIELDS.map((f) => [f, countCell])) as Record<
  ResponseField,
  typeof countCell
>;

const sheetRowSchema = z.object({
  trustCode: odsCodeCell,
  siteCode: z.string(),
  totalResponses: countCell,
  totalEligible: countCell,
  percentagePositive: shareCell,
  percentageNegative: shareCell,
  ...counts,
});

const rawRowSchema = z.object({
  yearnumber: z.string(),
  periodname: z.string(),
  orgCode: odsCodeCell,
  totalResponses: countCell,
  totalEligible: countCell,
  ...counts,
});

type Measures = Pick<ImportedFftResponse, FftField>;

function measuresOf(cells: Partial<Record<FftField, CellValue>>): { measures: Measures; suppressed: FftField[] } {
  const fields: FftField[] = [
    'totalResponses',
    'totalEligible',
    'percentagePositive',
    'percentageNegative',
    ...RESPONSE_FIELDS,
  ];
  const measures = Object.fromEntries(fields.map((f) => [f, cells[f]?.value ?? null])) as Measures;
  return { measures, suppressed: fields.filter((f) => cells[f]?.suppressed === true) };
}

/** Total Responses counts every answer, "don't know" included; a mismatch means misread columns. */
function countsMismatch(m: Measures): string | undefined {
  const parts = RESPONSE_FIELDS.map((f) => m[f]);
  if (m.totalResponses === null || parts.some((p) => p === null)) return undefined;
  const sum = (parts as number[]).reduce((a, b) => a + b, 0);
  return sum === m.totalResponses ? undefined : `the six response counts add up to ${sum}, not ${m.totalResponses}`;
}

/** Raw submissions carry counts only; the shares follow NHS England's definitions (DATA.md §7). */
function withShares(m: Measures): Measures {
  const total = m.totalResponses;
  const share = (a: number | null, b: number | null) =>
    total === null || total === 0 || a === null || b === null ? null : (a + b) / total;
  return { ...m, percentagePositive: share(m.veryGood, m.good), percentageNegative: share(m.poor, m.veryPoor) };
}

/**
 * Reads a monthly FFT file in either published layout and validates every row; nothing is stored here.
 * Rows without a trust code (England and selection totals, sub-header rows) are skipped, not rejected.
 */
export async function parseFft(
  lines: AsyncIterable<CsvLine>,
  options: FftParseOptions,
): Promise<ParseOutcome<ImportedFftResponse>> {
  const scanRows = options.headerScanRows ?? 20;
  let outcome = emptyOutcome<ImportedFftResponse>('fft');
  let columnName: (field: string) => string | undefined = () => undefined;
  const keys = new KeyRegister();

  const accept = (row: number, response: Omit<ImportedFftResponse, 'setting'>) => {
    const mismatch = countsMismatch(response);
    if (mismatch) return outcome.issues.add({ row, message: mismatch });
    const key = `${response.period}|${response.odsCode}|${response.siteCode ?? ''}`;
    const first = keys.seen(key, row);
    if (first !== undefined) {
      const where = response.siteCode ? `site ${response.siteCode}` : `trust ${response.odsCode}`;
      return outcome.issues.add({
        row,
        message: `${where} in ${response.period} appears again (first on row ${first})`,
      });
    }
    outcome.rows.push({ setting: options.setting, ...response });
  };

  const rowsRead = await readHeadedRows(lines, scanRows, (cells, line) => {
    if (
      isHeaderRow(cells, ['Trust Code', 'Total Responses']) ||
      isHeaderRow(cells, ['Org Code', 'Total Responses', 'Very Good'])
    ) {
      // Checked before the columns so the message names the sheet, not its missing columns.
      if (isHeaderRow(cells, ['Ward Name'])) {
        throw new ImportLayoutError('the Wards sheet is not imported: export the Trusts or Sites sheet', line);
      }
      const index = mapColumns(cells, FFT_SHEET_COLUMNS, 'FFT Trusts/Sites sheet', line);
      if (options.period === undefined || !isPeriod(options.period)) {
        throw new ImportLayoutError(
          'the FFT workbook sheets state their month only in the title: give the period as YYYY-MM',
          line,
        );
      }
      const period = options.period;
      const site = index.siteCode !== undefined;
      outcome = { ...outcome, layout: site ? 'fft-sites-sheet' : 'fft-trusts-sheet' };
      columnName = (f) => (index[f as FftSheetField] === undefined ? undefined : cells[index[f as FftSheetField]!]);
      return (row, at) => {
        const raw = cellsOf(row, index);
        if (raw.trustCode === '') return skip(outcome, 'no trust code (England or selection totals, sub-headers)');
        if (site && raw.siteCode === '')
          return outcome.issues.add({
            row: at,
            column: columnName('siteCode'),
            message: 'site row without a site code',
          });
        const parsed = sheetRowSchema.safeParse({ ...raw, siteCode: raw.siteCode ?? '' });
        if (!parsed.success) return reportZodIssues(outcome.issues, parsed.error, at, columnName);
        const { measures, suppressed } = measuresOf(parsed.data);
        accept(at, {
          period,
          odsCode: parsed.data.trustCode,
          siteCode: site ? parsed.data.siteCode.toUpperCase() : null,
          ...measures,
          suppressed,
        });
      };
    } else if (isHeaderRow(cells, ['Yearnumber', 'Periodname'])) {
      if (options.period !== undefined) {
        throw new ImportLayoutError('raw FFT submissions state their own months: do not give a period', line);
      }
      const index = mapColumns(cells, FFT_RAW_COLUMNS, 'FFT raw monthly submission', line);
      const countIndex = rawCountColumns(cells);
      const missing = RESPONSE_FIELDS.filter((f) => countIndex[f] === undefined);
      if (missing.length > 0) {
        throw new ImportLayoutError(
          `not the FFT raw monthly submission layout: no "${missing.map((f) => RESPONSE_FIELDS.indexOf(f) + 1).join('", "')} … SUM" column(s)`,
          line,
        );
      }
      const all = { ...index, ...countIndex };
      outcome = { ...outcome, layout: 'fft-raw-submission' };
      columnName = (f) => {
        const at = all[f as FftRawField | ResponseField];
        return at === undefined ? undefined : cells[at];
      };
      return (row, at) => {
        const raw = cellsOf(row, all);
        if (raw.orgCode === '') return skip(outcome, 'no org code');
        const parsed = rawRowSchema.safeParse(raw);
        if (!parsed.success) return reportZodIssues(outcome.issues, parsed.error, at, columnName);
        const period = fftPeriodOf(parsed.data.yearnumber, parsed.data.periodname);
        if ('error' in period) return outcome.issues.add({ row: at, message: period.error });
        const { measures, suppressed } = measuresOf(parsed.data);
        accept(at, {
          period: period.period,
          odsCode: parsed.data.orgCode,
          siteCode: null,
          ...withShares(measures),
          suppressed,
        });
      };
    }
    return undefined;
  });
  if (rowsRead === undefined) {
    throw new ImportLayoutError(
      `no FFT header found in the first ${scanRows} lines: expected the Trusts/Sites sheet ("Trust Code", "Total Responses", …) or a raw submission ("Yearnumber", "Periodname", "Org code", …)`,
    );
  }
  outcome.rowsRead = rowsRead;
  return outcome;
}
