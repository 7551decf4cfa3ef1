import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import { ImportLayoutError } from './import-layout-error.js';

/** One CSV record with the file line it ends on (a quoted field may span lines). */
export interface CsvLine {
  line: number;
  cells: string[];
}

export interface CsvFile {
  lines: AsyncIterable<CsvLine>;
  /** SHA-256 of the file's bytes once every line has been read; null before that. */
  sha256(): string | null;
}

/** A workbook handed over instead of its CSV export starts with the ZIP signature. */
async function refuseWorkbook(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4), 0, 4, 0);
    if (bytesRead === 4 && buffer.readUInt32LE(0) === 0x04034b50) {
      throw new ImportLayoutError('this is an Excel workbook (or another ZIP file): export the sheet to CSV first');
    }
  } finally {
    await handle.close();
  }
}

/**
 * Streams a CSV file as raw records (no header handling: some layouts have title rows above the
 * header), hashing the bytes on the way through. Rows may have different lengths.
 */
export async function openCsvFile(path: string): Promise<CsvFile> {
  await refuseWorkbook(path);
  const hash = createHash('sha256');
  const hasher = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  const parser = parse({ info: true, relax_column_count: true, skip_empty_lines: true, bom: true });
  const flowing = pipeline(createReadStream(path), hasher, parser);
  // The consumer sees failures through the parser's iterator; this only keeps them from going unhandled.
  flowing.catch(() => undefined);
  let digest: string | null = null;
  async function* lines(): AsyncGenerator<CsvLine> {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      yield { line: info.lines, cells: record };
    }
    await flowing;
    digest = hash.digest('hex');
  }
  return { lines: lines(), sha256: () => digest };
}
