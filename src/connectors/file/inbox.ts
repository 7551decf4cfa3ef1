import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';

/** A file waiting in the inbox. */
export interface InboxFile {
  name: string;
  path: string;
  size: number;
  mtimeMs: number;
  format: 'jsonl' | 'csv';
}

const FORMATS: Record<string, InboxFile['format']> = { '.jsonl': 'jsonl', '.ndjson': 'jsonl', '.csv': 'csv' };

/** The inbox folder does not exist or cannot be listed. */
export class InboxUnavailableError extends Error {
  readonly code = 'inbox_unavailable';
  constructor(
    readonly dir: string,
    cause: unknown,
  ) {
    super(`file source: cannot list the inbox ${dir} (${(cause as Error).message}); create it or set sources.file.dir`);
    this.name = 'InboxUnavailableError';
  }
}

/**
 * The inbox's data files, oldest first (by modification time, then name). Hidden files and other
 * extensions are ignored, so an upload in progress named `x.csv.part` is not read half-written.
 */
export async function listInbox(dir: string): Promise<InboxFile[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    throw new InboxUnavailableError(dir, error);
  }
  const files: InboxFile[] = [];
  for (const name of names) {
    const format = FORMATS[extname(name).toLowerCase()];
    if (!format || name.startsWith('.')) continue;
    const path = join(dir, name);
    const info = await stat(path).catch(() => null);
    if (info?.isFile()) files.push({ name, path, size: info.size, mtimeMs: info.mtimeMs, format });
  }
  return files.sort((a, b) => a.mtimeMs - b.mtimeMs || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * SHA-256 of whole files, streamed, and remembered while a file's path, size and modification time
 * stay the same, so a large file is hashed once per process rather than once per page.
 */
export class FileHasher {
  private readonly known = new Map<string, { size: number; mtimeMs: number; sha256: string }>();

  async sha256(file: InboxFile): Promise<string> {
    const cached = this.known.get(file.path);
    if (cached && cached.size === file.size && cached.mtimeMs === file.mtimeMs) return cached.sha256;
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(file.path, { highWaterMark: 1024 * 1024 })) hash.update(chunk);
    const sha256 = hash.digest('hex');
    this.known.set(file.path, { size: file.size, mtimeMs: file.mtimeMs, sha256 });
    return sha256;
  }
}
