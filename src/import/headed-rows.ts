/**
 * Published NHS files put titles and notes above their header. Every importer reads them the same
 * way: look for the header in the first lines, then hand each non-blank line after it to a row parser.
 */
import type { CsvLine } from './csv-lines.js';

export type RowParser = (cells: string[], row: number) => void;

/**
 * Offers each of the first `scanRows` lines to `onHeader` until it returns a row parser, then gives
 * that parser every non-blank line after the header. Returns how many data rows were read, or
 * `undefined` when no header was found.
 */
export async function readHeadedRows(
  lines: AsyncIterable<CsvLine>,
  scanRows: number,
  onHeader: (cells: string[], line: number) => RowParser | undefined,
): Promise<number | undefined> {
  let parseRow: RowParser | undefined;
  let rowsRead = 0;
  for await (const { line, cells } of lines) {
    if (parseRow) {
      if (cells.every((c) => c.trim() === '')) continue;
      rowsRead += 1;
      parseRow(cells, line);
      continue;
    }
    if (line > scanRows) break;
    parseRow = onHeader(cells, line);
  }
  return parseRow ? rowsRead : undefined;
}
