import { createHash } from 'node:crypto';
import type { ParsedItem } from '../connector.js';
import { type ColumnMap, mapColumns, rowFields } from './csv-columns.js';
import { type CsvRecord, readCsvRecords } from './csv-records.js';
import { type FileSlice, rawPreview, type SliceRequest } from './file-slice.js';
import { rejection, toParsedItem } from './record-fields.js';

type HeaderResult = { ok: true; columns: ColumnMap; width: number } | { ok: false; code: string; reason: string };

function readHeader(record: CsvRecord): HeaderResult {
  if (record.problem) return { ok: false, code: 'invalid_header', reason: `header row: ${record.problem.reason}` };
  if (!record.fields || record.blank) return { ok: false, code: 'invalid_header', reason: 'the header row is empty' };
  const columns = mapColumns(record.fields);
  if (columns.text === undefined) {
    return {
      ok: false,
      code: 'missing_text_column',
      reason: `the header has no "text" (or "FFT answer") column; found: ${record.fields.join(', ').slice(0, 300)}`,
    };
  }
  return { ok: true, columns, width: record.fields.length };
}

/** The header of a file read from its start; later pages need it to name their columns. */
async function readHeaderOf(request: SliceRequest): Promise<HeaderResult> {
  for await (const record of readCsvRecords(request.path, {
    startByte: 0,
    startLine: 0,
    maxLineBytes: request.maxLineBytes,
  })) {
    return readHeader(record);
  }
  return { ok: false, code: 'invalid_header', reason: 'the file is empty' };
}

/**
 * Reads the CSV records on the next `pageSize` lines. A file whose header cannot be used yields one
 * rejection and is `finished`: none of its rows could be read.
 */
export async function readCsvSlice(request: SliceRequest): Promise<FileSlice & { finished: boolean }> {
  const hash = createHash('sha256');
  const items: ParsedItem[] = [];
  let lastLine = request.startLine;
  let endByte = request.startByte;
  let header = request.startLine > 0 ? await readHeaderOf(request) : undefined;
  if (header && !header.ok) {
    // Only reachable when a later page is asked for first; the problem is reported where the header is.
    const context = { location: `${request.name}:1`, raw: '' };
    items.push({ ok: false, rejection: rejection(header.code, header.reason, context) });
    return { items, lastLine, endByte, contentHash: hash.digest('hex'), finished: true };
  }
  const records = readCsvRecords(request.path, {
    startByte: request.startByte,
    startLine: request.startLine,
    maxLineBytes: request.maxLineBytes,
    onBytes: (bytes) => hash.update(bytes),
  });
  for await (const record of records) {
    lastLine = record.lastLine;
    endByte = record.endByte;
    const context = { location: `${request.name}:${record.firstLine}`, raw: rawPreview(record.preview) };
    if (header === undefined) {
      header = readHeader(record);
      if (!header.ok) {
        items.push({ ok: false, rejection: rejection(header.code, header.reason, context) });
        return { items, lastLine, endByte, contentHash: hash.digest('hex'), finished: true };
      }
    } else if (header.ok && record.problem) {
      items.push({ ok: false, rejection: rejection(record.problem.code, record.problem.reason, context) });
    } else if (header.ok && !record.blank) {
      items.push(toItem(record, header.columns, header.width, request, context));
    }
    if (lastLine - request.startLine >= request.pageSize) break;
  }
  return { items, lastLine, endByte, contentHash: hash.digest('hex'), finished: false };
}

function toItem(
  record: CsvRecord,
  columns: ColumnMap,
  width: number,
  request: SliceRequest,
  context: { location: string; raw: string },
): ParsedItem {
  const row = record.fields!;
  if (row.length !== width) {
    const reason = `expected ${width} fields as in the header, found ${row.length}`;
    return { ok: false, rejection: rejection('invalid_csv', reason, context) };
  }
  const fallbackId = columns.id === undefined ? `${request.sha256.slice(0, 12)}:${record.firstLine}` : undefined;
  return toParsedItem(rowFields(row, columns), { ...context, fallbackId });
}
