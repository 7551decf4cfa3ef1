import { createHash } from 'node:crypto';
import { basename, resolve } from 'node:path';
import type { Connector, ConnectorContext, FetchedPage } from '../connector.js';
import { readCsvSlice } from './csv-slice.js';
import { decodeFileCursor, encodeFileCursor, type FileCursor } from './file-cursor.js';
import type { FileSlice, SliceRequest } from './file-slice.js';
import { FileHasher, type InboxFile, listInbox } from './inbox.js';
import { readJsonlSlice } from './jsonl-slice.js';

export interface FileConnectorOptions {
  /** The inbox folder operators drop `.jsonl`, `.ndjson` and `.csv` files into. */
  dir: string;
  /** Lines read per page. @defaultValue 500 */
  pageSize?: number;
  /** Longest accepted line (or multi-line CSV record) in bytes. @defaultValue 1 MiB */
  maxLineBytes?: number;
  /** Source id; names the collect queue. @defaultValue `file` */
  id?: string;
}

export const DEFAULT_FILE_PAGE_SIZE = 500;
export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

/** State key marking a file (by content hash) as fully ingested. */
export function fileDoneKey(sha256: string): string {
  return `file:${sha256}`;
}

interface Position {
  file: InboxFile;
  sha256: string;
  line: number;
  byte: number;
}

/**
 * The `file` source. Files are known by content hash, so a renamed or re-dropped identical file is
 * ingested once and a changed file is a new file. Progress within a file is the cursor; a finished
 * file is recorded through `stateUpdates`, which the collect stage persists only after the page's
 * comments are enqueued, so a crash re-reads at most one page.
 */
export function createFileConnector(options: FileConnectorOptions): Connector {
  const id = options.id ?? 'file';
  const dir = resolve(options.dir);
  const pageSize = options.pageSize ?? DEFAULT_FILE_PAGE_SIZE;
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError(`${id}: pageSize must be a positive integer`);
  const hasher = new FileHasher();

  async function isDone(sha256: string, ctx: ConnectorContext): Promise<boolean> {
    return (await ctx.state.get(fileDoneKey(sha256))) === 'done';
  }

  /** The oldest file not yet ingested, skipping copies of files already seen. */
  async function oldestUnfinished(
    files: InboxFile[],
    ctx: ConnectorContext,
    skip: ReadonlySet<string>,
  ): Promise<Position | null> {
    const seen = new Set(skip);
    for (const file of files) {
      const sha256 = await hasher.sha256(file);
      if (seen.has(sha256)) continue;
      seen.add(sha256);
      if (!(await isDone(sha256, ctx))) return { file, sha256, line: 0, byte: 0 };
    }
    return null;
  }

  /** The cursor's file, wherever it now is; null when it has gone or changed (a changed file is new). */
  async function resume(cursor: FileCursor, files: InboxFile[], ctx: ConnectorContext): Promise<Position | null> {
    const byName = files.filter((file) => file.name === cursor.name);
    for (const file of [...byName, ...files.filter((f) => f.name !== cursor.name)]) {
      if (file.size < cursor.byte || (await hasher.sha256(file)) !== cursor.sha256) continue;
      if (await isDone(cursor.sha256, ctx)) return null;
      return { file, sha256: cursor.sha256, line: cursor.line, byte: cursor.byte };
    }
    return null;
  }

  async function readSlice(position: Position): Promise<FileSlice & { finished: boolean }> {
    const request: SliceRequest = {
      path: position.file.path,
      name: position.file.name,
      sha256: position.sha256,
      startLine: position.line,
      startByte: position.byte,
      pageSize,
      maxLineBytes,
    };
    if (position.file.format === 'csv') return readCsvSlice(request);
    return { ...(await readJsonlSlice(request)), finished: false };
  }

  return {
    id,
    async fetchPage(cursor: string | null, ctx: ConnectorContext): Promise<FetchedPage> {
      ctx.signal?.throwIfAborted();
      const fetchedAt = ctx.now().toISOString();
      const files = await listInbox(dir);
      const resumed = cursor === null ? null : await resume(decodeFileCursor(id, cursor), files, ctx);
      const position = resumed ?? (await oldestUnfinished(files, ctx, new Set()));
      if (!position) {
        const contentHash = createHash('sha256').digest('hex');
        return { url: `file://${basename(dir)}/`, fetchedAt, contentHash, items: [], nextCursor: null };
      }

      const slice = await readSlice(position);
      const { name } = position.file;
      const url = `file://${name}#lines=${position.line + 1}-${Math.max(slice.lastLine, position.line + 1)}`;
      const page: FetchedPage = {
        url,
        fetchedAt,
        contentHash: slice.contentHash,
        items: slice.items,
        nextCursor: null,
      };
      if (!slice.finished && slice.endByte < position.file.size) {
        page.nextCursor = encodeFileCursor({
          sha256: position.sha256,
          name,
          line: slice.lastLine,
          byte: slice.endByte,
        });
        return page;
      }
      page.stateUpdates = { [fileDoneKey(position.sha256)]: 'done' };
      // Point at the next file directly: the done mark is only persisted after this page is enqueued.
      const next = await oldestUnfinished(files, ctx, new Set([position.sha256]));
      if (next) page.nextCursor = encodeFileCursor({ sha256: next.sha256, name: next.file.name, line: 0, byte: 0 });
      return page;
    },
  };
}
