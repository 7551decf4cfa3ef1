/** CSV text → the records a parser reads from openCsvFile, with the same line numbers. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { CsvLine } from '../../../src/import/csv-lines.js';

export async function* linesOf(text: string): AsyncGenerator<CsvLine> {
  const records = parse(text, {
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    bom: true,
  }) as unknown as {
    record: string[];
    info: { lines: number };
  }[];
  for (const { record, info } of records) yield { line: info.lines, cells: record };
}

export const fixture = (name: string): string =>
  readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'import', name), 'utf8');
