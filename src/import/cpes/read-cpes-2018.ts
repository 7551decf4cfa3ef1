import type { ThemeId } from '../../domain/model.js';
import type { ImportedCpesScore } from '../../storage/import-types.js';
import type { CsvLine } from '../csv-lines.js';
import { ImportLayoutError } from '../import-layout-error.js';
import { emptyOutcome, type ParseOutcome } from '../parse-outcome.js';
import { CpesParseError } from './cpes-parse-error.js';
import { parseCpes2018Stream } from './parse-cpes-2018.js';

export interface Cpes2018ReadOptions {
  /** Question number (2018 numbering) → the themes it measures. */
  questionThemes: ReadonlyMap<number, ThemeId[]>;
}

/** Header row → record per line, for the 2018 parser that reads records keyed by column name. */
async function* records(lines: AsyncIterable<CsvLine>, onRead: () => void): AsyncGenerator<Record<string, string>> {
  let header: string[] | undefined;
  for await (const { cells } of lines) {
    if (!header) {
      header = cells.map((c) => c.trim());
      continue;
    }
    onRead();
    yield Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
  }
}

/**
 * The 2018 trust-results file (DATA.md §5) through the existing 2018 parser: 2018 unadjusted,
 * whole-population scores of Q1–Q58 for England and each trust. Every other row is skipped, not rejected.
 */
export async function readCpes2018(
  lines: AsyncIterable<CsvLine>,
  options: Cpes2018ReadOptions,
): Promise<ParseOutcome<ImportedCpesScore>> {
  const outcome = emptyOutcome<ImportedCpesScore>('cpes-2018');
  try {
    const scores = await parseCpes2018Stream(
      records(lines, () => {
        outcome.rowsRead += 1;
      }),
    );
    outcome.rows = scores.map((s) => ({
      survey: 'cpes',
      year: 2018,
      odsCode: s.odsCode,
      tumourGroup: s.tumourGroup,
      question: s.question,
      respondents: s.respondents,
      score: s.score,
      ciLower: s.ciLower ?? null,
      ciUpper: s.ciUpper ?? null,
      themes: options.questionThemes.get(s.question) ?? [],
    }));
  } catch (error) {
    if (!(error instanceof CpesParseError)) throw error;
    const layout = error.issues.find((i) => i.message.includes('not the CPES 2018 layout'));
    if (layout) throw new ImportLayoutError(layout.message, layout.row);
    // The 2018 parser stops after 20 problems, so the file may hold more than reported.
    for (const issue of error.issues) outcome.issues.add(issue);
    return outcome;
  }
  const left = outcome.rowsRead - outcome.rows.length;
  if (left > 0) {
    outcome.skipped.set(
      'not a 2018 unadjusted whole-population score of Q1–Q58 (adjusted, year-on-year, breakdowns, Q59, no respondents)',
      left,
    );
  }
  return outcome;
}
