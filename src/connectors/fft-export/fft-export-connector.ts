import { createHash } from 'node:crypto';
import { basename, resolve } from 'node:path';
import type { Connector, ConnectorContext, FetchedPage, ParsedItem } from '../connector.js';
import { type CsvRecord, readCsvRecords } from '../file/csv-records.js';
import { decodeFileCursor, encodeFileCursor, type FileCursor } from '../file/file-cursor.js';
import { FileHasher, type InboxFile, listInbox } from '../file/inbox.js';
import { type SourceConnector, withDescription } from '../http/source-connector.js';
import { type FftColumns, mapFftColumns } from './fft-columns.js';
import type { FftExportOptions } from './fft-export-options.js';
import { fftRow } from './fft-rows.js';

const DEFAULT_PAGE_SIZE = 500;
const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

/** State key marking an export (by content hash) as fully read. */
export const fftDoneKey = (sha256: string) => `fft:${sha256}`;

type Header = { columns: FftColumns; width: number } | { problem: string };

function readHeader(record: CsvRecord | undefined): Header {
  if (!record?.fields) return { problem: record?.problem?.reason ?? 'the file is empty' };
  const columns = mapFftColumns(record.fields);
  if (columns.text === undefined) {
    return { problem: `no "FFT answer" (or "text") column; found: ${record.fields.join(', ').slice(0, 300)}` };
  }
  return { columns, width: record.fields.length };
}

/**
 * The `fft-export` source: a trust's FFT free-text exports, streamed page by page like any dropped
 * file and each read once. Rows with no answer are skipped; unreadable rows are rejected alone.
 */
export function createFftExportConnector(options: FftExportOptions): SourceConnector {
  const id = options.id ?? 'fft-export';
  const dir = resolve(options.dir);
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError(`${id}: pageSize must be a positive integer`);
  const hasher = new FileHasher();

  async function exports(): Promise<InboxFile[]> {
    return (await listInbox(dir)).filter((file) => file.format === 'csv');
  }

  async function firstUnread(files: InboxFile[], ctx: ConnectorContext, skip: string | null) {
    for (const file of files) {
      const sha256 = await hasher.sha256(file);
      if (sha256 === skip || (await ctx.state.get(fftDoneKey(sha256))) === 'done') continue;
      return { file, sha256, line: 0, byte: 0 };
    }
    return null;
  }

  async function resume(cursor: FileCursor, files: InboxFile[], ctx: ConnectorContext) {
    if ((await ctx.state.get(fftDoneKey(cursor.sha256))) === 'done') return null;
    for (const file of files) {
      if (file.size >= cursor.byte && (await hasher.sha256(file)) === cursor.sha256) {
        return { file, sha256: cursor.sha256, line: cursor.line, byte: cursor.byte };
      }
    }
    return null;
  }

  async function headerOf(path: string): Promise<Header> {
    for await (const record of readCsvRecords(path, { startByte: 0, startLine: 0, maxLineBytes })) {
      return readHeader(record);
    }
    return readHeader(undefined);
  }

  const connector: Connector = {
    id,
    async fetchPage(cursor, ctx): Promise<FetchedPage> {
      ctx.signal?.throwIfAborted();
      const fetchedAt = ctx.now().toISOString();
      const files = await exports();
      const resumed = cursor === null ? null : await resume(decodeFileCursor(id, cursor), files, ctx);
      const at = resumed ?? (await firstUnread(files, ctx, null));
      if (!at) {
        const contentHash = createHash('sha256').digest('hex');
        return { url: `file://${basename(dir)}/`, fetchedAt, contentHash, items: [], nextCursor: null };
      }
      const hash = createHash('sha256');
      const items: ParsedItem[] = [];
      let header: Header | undefined = at.line > 0 ? await headerOf(at.file.path) : undefined;
      let lastLine = at.line;
      let endByte = at.byte;
      let finished = true;
      const records = readCsvRecords(at.file.path, {
        startByte: at.byte,
        startLine: at.line,
        maxLineBytes,
        onBytes: (bytes) => hash.update(bytes),
      });
      for await (const record of records) {
        lastLine = record.lastLine;
        endByte = record.endByte;
        const location = `${at.file.name}:${record.firstLine}`;
        if (header === undefined) {
          header = readHeader(record);
        } else if ('problem' in header) {
          // Unreachable: the loop stops as soon as the header is found wanting.
        } else if (record.problem) {
          const { code, reason } = record.problem;
          items.push({ ok: false, rejection: { code, reason, raw: record.preview.slice(0, 2000), location } });
        } else if (record.fields && !record.blank) {
          if (record.fields.length !== header.width) {
            const reason = `expected ${header.width} fields as in the header, found ${record.fields.length}`;
            items.push({ ok: false, rejection: { code: 'invalid_csv', reason, raw: record.preview, location } });
          } else {
            const fallbackId = `${at.sha256.slice(0, 12)}:${record.firstLine}`;
            const item = fftRow(record.fields, header.columns, { location, fallbackId, odsCode: options.odsCode });
            if (item) items.push(item);
          }
        }
        if (header && 'problem' in header) break;
        if (lastLine - at.line >= pageSize) {
          finished = endByte >= at.file.size;
          break;
        }
      }
      if (header && 'problem' in header) {
        items.push({
          ok: false,
          rejection: { code: 'invalid_header', reason: header.problem, raw: '', location: `${at.file.name}:1` },
        });
        finished = true;
      }
      const page: FetchedPage = {
        url: `file://${at.file.name}#lines=${at.line + 1}-${Math.max(lastLine, at.line + 1)}`,
        fetchedAt,
        contentHash: hash.digest('hex'),
        items,
        nextCursor: null,
      };
      if (!finished) {
        page.nextCursor = encodeFileCursor({ sha256: at.sha256, name: at.file.name, line: lastLine, byte: endByte });
        return page;
      }
      page.stateUpdates = { [fftDoneKey(at.sha256)]: 'done' };
      const next = await firstUnread(files, ctx, at.sha256);
      if (next) page.nextCursor = encodeFileCursor({ sha256: next.sha256, name: next.file.name, line: 0, byte: 0 });
      return page;
    },
  };
  return withDescription(connector, () => ({
    id,
    title: 'FFT free-text exports (trust files)',
    endpoint: dir,
    auth: 'none',
    authConfigured: false,
    options: { dir, odsCode: options.odsCode ?? null, pageSize, maxLineBytes },
  }));
}
