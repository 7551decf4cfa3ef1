import { parse } from 'csv-parse/sync';
import { type FileLine, type ReadLinesOptions, readLines } from './line-reader.js';

/** One CSV record: one line, or several when a quoted field holds line breaks. */
export interface CsvRecord {
  firstLine: number;
  lastLine: number;
  endByte: number;
  /** The record's fields, when it could be read. */
  fields?: string[] | undefined;
  problem?: { code: string; reason: string } | undefined;
  /** The record's text (or the start of it), for quarantine. */
  preview: string;
  /** A blank line: no record at all. */
  blank: boolean;
}

function countQuotes(text: string): number {
  let count = 0;
  for (let i = text.indexOf('"'); i !== -1; i = text.indexOf('"', i + 1)) count++;
  return count;
}

function toRecord(lines: FileLine[], problem?: CsvRecord['problem']): CsvRecord {
  const first = lines[0]!;
  const last = lines.at(-1)!;
  const text = lines.map((line) => line.text ?? line.preview).join('\n');
  const record: CsvRecord = {
    firstLine: first.number,
    lastLine: last.number,
    endByte: last.endByte,
    preview: text,
    blank: false,
  };
  if (problem) return { ...record, problem };
  if (text.trim() === '') return { ...record, blank: true };
  try {
    const rows = parse(text, { relax_column_count: true, bom: false }) as string[][];
    if (rows.length !== 1) {
      return { ...record, problem: { code: 'invalid_csv', reason: `expected one record, found ${rows.length}` } };
    }
    return { ...record, fields: rows[0] };
  } catch (error) {
    return { ...record, problem: { code: 'invalid_csv', reason: (error as Error).message } };
  }
}

/**
 * Streams CSV records from a line boundary. A record goes on to the next line while its double quotes
 * are unbalanced (RFC 4180 doubles quotes inside fields, so the count stays even in a whole record).
 * A record longer than `maxLineBytes` in total is rejected like a long line.
 */
export async function* readCsvRecords(path: string, options: ReadLinesOptions): AsyncGenerator<CsvRecord> {
  let pending: FileLine[] = [];
  let quotes = 0;
  let bytes = 0;
  for await (const line of readLines(path, options)) {
    pending.push(line);
    bytes += line.byteLength;
    if (line.problem) {
      yield toRecord(pending, line.problem);
    } else if (bytes > options.maxLineBytes) {
      const reason = `record over lines ${pending[0]!.number}-${line.number} is over ${options.maxLineBytes} bytes`;
      yield toRecord(pending, { code: 'line_too_long', reason });
    } else {
      quotes += countQuotes(line.text!);
      if (quotes % 2 === 1) continue;
      yield toRecord(pending);
    }
    pending = [];
    quotes = 0;
    bytes = 0;
  }
  if (pending.length > 0) {
    yield toRecord(pending, { code: 'invalid_csv', reason: 'a quoted field is not closed before the end of the file' });
  }
}
