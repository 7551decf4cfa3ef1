import { createHash } from 'node:crypto';
import type { ParsedItem } from '../connector.js';
import { type FileSlice, rawPreview, type SliceRequest } from './file-slice.js';
import { readLines } from './line-reader.js';
import { isRecord, rejection, toParsedItem } from './record-fields.js';

/** Reads up to `pageSize` lines of a JSON Lines file; blank lines are skipped, every other bad line is rejected. */
export async function readJsonlSlice(request: SliceRequest): Promise<FileSlice> {
  const hash = createHash('sha256');
  const items: ParsedItem[] = [];
  let lastLine = request.startLine;
  let endByte = request.startByte;
  const lines = readLines(request.path, {
    startByte: request.startByte,
    startLine: request.startLine,
    maxLineBytes: request.maxLineBytes,
    onBytes: (bytes) => hash.update(bytes),
  });
  for await (const line of lines) {
    lastLine = line.number;
    endByte = line.endByte;
    const context = { location: `${request.name}:${line.number}`, raw: rawPreview(line.text ?? line.preview) };
    if (line.problem) {
      items.push({ ok: false, rejection: rejection(line.problem.code, line.problem.reason, context) });
    } else if (line.text!.trim() !== '') {
      items.push(parseJsonLine(line.text!, context));
    }
    if (line.number - request.startLine >= request.pageSize) break;
  }
  return { items, lastLine, endByte, contentHash: hash.digest('hex') };
}

function parseJsonLine(text: string, context: { location: string; raw: string }): ParsedItem {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, rejection: rejection('invalid_json', `not valid JSON: ${(error as Error).message}`, context) };
  }
  if (!isRecord(value)) {
    const found = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
    return { ok: false, rejection: rejection('not_an_object', `expected a JSON object, found ${found}`, context) };
  }
  return toParsedItem(value, context);
}
