import { parse } from 'csv-parse/sync';
import type { CpesScore } from '../../domain/triangulation/cpes-score.js';
import { CPES_2018_COLUMNS, type Cpes2018Row, cpes2018RowSchema } from './cpes-2018-row.js';
import { CpesParseError, type CpesRowIssue } from './cpes-parse-error.js';

export interface Cpes2018ParseOptions {
  /** Give up after this many problems so a wrong file fails fast with a readable message. @defaultValue 20 */
  maxIssues?: number;
}

/** Q59 is a 0–10 mean rating, not a percentage, so only Q1–Q58 are kept. */
const LAST_PERCENTAGE_QUESTION = 58;

/** Keeps 2018 unadjusted, whole-population rows of percentage questions that have respondents. */
function isKept(row: Cpes2018Row): boolean {
  return (
    row.Year === 2018 &&
    row['adjusted.unadjusted.yearonyear'] === 'unadjusted' &&
    row.Gender === 'Both' &&
    row.IMD === 'All' &&
    row['Question.Number'] >= 1 &&
    row['Question.Number'] <= LAST_PERCENTAGE_QUESTION &&
    (row['Number.of.responses'] ?? 0) > 0 &&
    row['scored.percentage'] !== undefined
  );
}

/** Validates rows one at a time and gathers the kept ones; shared by the text, iterable and stream entry points. */
class Cpes2018Collector {
  private readonly scores: CpesScore[] = [];
  private readonly issues: CpesRowIssue[] = [];
  private readonly seen = new Set<string>();
  private readonly maxIssues: number;

  constructor(options: Cpes2018ParseOptions) {
    this.maxIssues = options.maxIssues ?? 20;
  }

  add(record: Record<string, unknown>, row: number): void {
    const missing = CPES_2018_COLUMNS.filter((c) => typeof record[c] !== 'string');
    if (missing.length > 0) {
      // A missing column is a layout problem, not a row problem: report it once and stop.
      this.issues.push({ row, message: `missing column(s) ${missing.join(', ')}: not the CPES 2018 layout` });
      throw new CpesParseError(this.issues);
    }
    const parsed = cpes2018RowSchema.safeParse(record);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        this.report({ row, column: String(issue.path[0] ?? ''), message: issue.message });
      }
      return;
    }
    const r = parsed.data;
    if (!isKept(r)) return;
    const odsCode = r.Geog === 'National' ? null : r['Trust.Code'];
    const key = `${odsCode}|${r['Cancer.Type']}|${r['Question.Number']}`;
    if (this.seen.has(key)) {
      this.report({ row, message: `duplicate 2018 unadjusted row for ${key.replaceAll('|', ' / ')}` });
      return;
    }
    this.seen.add(key);
    this.scores.push({
      odsCode,
      tumourGroup: r['Cancer.Type'],
      question: r['Question.Number'],
      respondents: r['Number.of.responses']!,
      score: r['scored.percentage']!,
      ciLower: r['Lower.95..confidence.interval'],
      ciUpper: r['Upper.95..confidence.interval'],
    });
  }

  report(issue: CpesRowIssue): void {
    this.issues.push(issue);
    if (this.issues.length >= this.maxIssues) throw new CpesParseError(this.issues);
  }

  finish(): CpesScore[] {
    if (this.issues.length > 0) throw new CpesParseError(this.issues);
    return this.scores;
  }
}

/**
 * Rows already split into records (header names as keys), e.g. from csv-parse. Row numbers count the
 * header as row 1, so the first record is row 2.
 */
export function parseCpes2018Records(
  records: Iterable<Record<string, unknown>>,
  options: Cpes2018ParseOptions = {},
): CpesScore[] {
  const collector = new Cpes2018Collector(options);
  let row = 1;
  for (const record of records) collector.add(record, ++row);
  return collector.finish();
}

/** Same as {@link parseCpes2018Records} for a stream of records, e.g. `createReadStream(f).pipe(parse({columns: true}))`. */
export async function parseCpes2018Stream(
  records: AsyncIterable<Record<string, unknown>>,
  options: Cpes2018ParseOptions = {},
): Promise<CpesScore[]> {
  const collector = new Cpes2018Collector(options);
  let row = 1;
  for await (const record of records) collector.add(record, ++row);
  return collector.finish();
}

/** The whole file as text (the published layout: header row, comma-separated, no quoting needed). */
export function parseCpes2018Csv(text: string, options: Cpes2018ParseOptions = {}): CpesScore[] {
  let records: Record<string, string>[];
  try {
    records = parse(text, { columns: true, skip_empty_lines: true, bom: true });
  } catch (error) {
    const lines = (error as { lines?: number }).lines;
    throw new CpesParseError([{ row: lines ?? 0, message: `not readable as CSV: ${(error as Error).message}` }]);
  }
  return parseCpes2018Records(records, options);
}
