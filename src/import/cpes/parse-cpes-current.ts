import type { ThemeId } from '../../domain/model.js';
import type { ImportedCpesScore } from '../../storage/import-types.js';
import { countCell, odsCodeCell, percentageCell } from '../cells.js';
import type { CsvLine } from '../csv-lines.js';
import { readHeadedRows } from '../headed-rows.js';
import { cellsOf, mapColumns, normaliseHeader } from '../header-map.js';
import { ImportLayoutError } from '../import-layout-error.js';
import { emptyOutcome, KeyRegister, type ParseOutcome, skip } from '../parse-outcome.js';
import {
  CPES_CANCER_TYPE_ALIASES,
  CPES_CURRENT_COLUMNS,
  type CpesCurrentField,
  cancerTypeKey,
  levelOf,
} from './cpes-current-columns.js';

export interface CpesCurrentParseOptions {
  /** Survey year for files without a year column. */
  year?: number | undefined;
  /** Themes a question measures in a survey year's numbering; empty when the crosswalk does not cover the year. */
  themesOf: (year: number, question: number) => ThemeId[];
  /** Lines searched for the header row, to pass title rows. @defaultValue 20 */
  headerScanRows?: number;
}

const CODE_NAMES = CPES_CURRENT_COLUMNS.orgCode.names.map(normaliseHeader);

function yearOf(text: string | undefined, fallback: number | undefined): number | { error: string } {
  if (text === undefined || text.trim() === '') {
    return fallback ?? { error: 'no survey year (the file has no year column: give the year)' };
  }
  const m = /^(\d{4})$/.exec(text.trim());
  const y = m ? Number(m[1]) : Number.NaN;
  return y >= 2010 && y <= 2100 ? y : { error: `survey year "${text.trim()}" is not a year` };
}

/**
 * Reads CPES results in the current layout (see cpes-current-columns.ts): trust and England rows with a
 * summary score are kept; other geographies and rows without a score (frequency tables, suppressed
 * cells) are skipped and counted.
 */
export async function parseCpesCurrent(
  lines: AsyncIterable<CsvLine>,
  options: CpesCurrentParseOptions,
): Promise<ParseOutcome<ImportedCpesScore>> {
  const scanRows = options.headerScanRows ?? 20;
  const outcome = emptyOutcome<ImportedCpesScore>('cpes-current');
  const keys = new KeyRegister();

  const rowsRead = await readHeadedRows(lines, scanRows, (cells, line) => {
    if (!cells.some((c) => CODE_NAMES.includes(normaliseHeader(c)))) return undefined;
    const index = mapColumns(cells, CPES_CURRENT_COLUMNS, 'CPES results', line);
    const header = (f: CpesCurrentField) => (index[f] === undefined ? undefined : cells[index[f]!]);
    const issue = (row: number, field: CpesCurrentField, message: string) =>
      outcome.issues.add({ row, column: header(field), message });

    return (row, at) => {
      const raw = cellsOf(row, index);
      const level = levelOf(raw.level ?? '', raw.orgCode);
      if (level === 'other') return skip(outcome, 'not a trust or England row (Cancer Alliance, ICB, …)');
      if (raw.score === '') return skip(outcome, 'no summary score (frequency row or suppressed)');
      const year = yearOf(raw.year, options.year);
      if (typeof year !== 'number') return issue(at, 'year', year.error);
      let odsCode: string | null = null;
      if (level === 'trust') {
        const code = odsCodeCell.safeParse(raw.orgCode);
        if (!code.success) return issue(at, 'orgCode', code.error.issues[0]!.message);
        odsCode = code.data;
      }
      const tumourGroup = CPES_CANCER_TYPE_ALIASES[cancerTypeKey(raw.cancerType)];
      if (tumourGroup === undefined) return issue(at, 'cancerType', `unknown cancer type "${raw.cancerType}"`);
      const q = /^q?(\d{1,3})$/i.exec(raw.question);
      if (!q) return issue(at, 'question', `expected a question number like Q12, got "${raw.question}"`);
      const question = Number(q[1]);
      const respondents = countCell.safeParse(raw.respondents);
      if (!respondents.success) return issue(at, 'respondents', respondents.error.issues[0]!.message);
      if (respondents.data.value === null) {
        return issue(at, 'respondents', 'a score needs its number of respondents');
      }
      const score = percentageCell.safeParse(raw.score);
      if (!score.success) return issue(at, 'score', score.error.issues[0]!.message);
      if (score.data.value === null) return skip(outcome, 'no summary score (frequency row or suppressed)');
      const ci = (field: 'ciLower' | 'ciUpper') => {
        const parsed = percentageCell.safeParse(raw[field] ?? '');
        if (!parsed.success) {
          issue(at, field, parsed.error.issues[0]!.message);
          return undefined;
        }
        return parsed.data.value;
      };
      const ciLower = ci('ciLower');
      const ciUpper = ci('ciUpper');
      if (ciLower === undefined || ciUpper === undefined) return;
      const key = JSON.stringify([year, odsCode, tumourGroup, question]);
      const first = keys.seen(key, at);
      if (first !== undefined) {
        const who = odsCode ?? 'England';
        return outcome.issues.add({
          row: at,
          message: `${who} / ${tumourGroup} / Q${question} appears again (first on row ${first})`,
        });
      }
      outcome.rows.push({
        survey: 'cpes',
        year,
        odsCode,
        tumourGroup,
        question,
        respondents: respondents.data.value,
        score: score.data.value,
        ciLower,
        ciUpper,
        themes: options.themesOf(year, question),
      });
    };
  });
  if (rowsRead === undefined) {
    throw new ImportLayoutError(
      `no CPES header found in the first ${scanRows} lines: expected an organisation code column ("Organisation Code", …)`,
    );
  }
  outcome.rowsRead = rowsRead;
  // Scores given as proportions would read as near-zero percentages without any row failing.
  if (outcome.rows.length > 0 && outcome.rows.every((r) => r.score <= 1)) {
    outcome.issues.add({ row: 1, message: 'every score is between 0 and 1: scores must be percentages (0–100)' });
  }
  return outcome;
}
