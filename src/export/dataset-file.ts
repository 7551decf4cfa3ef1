import { createHash, type Hash } from 'node:crypto';
import { type FileHandle, open } from 'node:fs/promises';
import { basename } from 'node:path';

/** A file of an export as the manifest lists it. */
export interface ExportFileEntry {
  name: string;
  /** Data rows (a CSV header is not a row). */
  rows: number;
  sha256: string;
  bytes: number;
}

/**
 * Appends chunks to one export file while keeping its SHA-256, size and row count, so nothing is
 * read back for the manifest. `close` fsyncs before closing: the folder rename comes after.
 */
export class DatasetFile {
  private readonly hash: Hash = createHash('sha256');
  private bytes = 0;
  private rows = 0;

  private constructor(
    private readonly path: string,
    private readonly handle: FileHandle,
  ) {}

  static async create(path: string): Promise<DatasetFile> {
    return new DatasetFile(path, await open(path, 'wx'));
  }

  /** Writes `chunk`, which holds `rows` data rows. */
  async write(chunk: string, rows: number): Promise<void> {
    if (chunk.length === 0) return;
    await this.writeBytes(Buffer.from(chunk, 'utf8'), rows);
  }

  /** Writes raw bytes (a binary format such as Parquet), which hold `rows` data rows. */
  async writeBytes(buffer: Uint8Array, rows: number): Promise<void> {
    if (buffer.length === 0) {
      this.rows += rows;
      return;
    }
    this.hash.update(buffer);
    this.bytes += buffer.length;
    this.rows += rows;
    let offset = 0;
    while (offset < buffer.length) {
      const { bytesWritten } = await this.handle.write(buffer, offset, buffer.length - offset);
      offset += bytesWritten;
    }
  }

  async close(): Promise<ExportFileEntry> {
    await this.handle.sync();
    await this.handle.close();
    return { name: basename(this.path), rows: this.rows, sha256: this.hash.digest('hex'), bytes: this.bytes };
  }

  /** Closes without fsync after a failure; the temporary folder is removed anyway. */
  async abandon(): Promise<void> {
    await this.handle.close().catch(() => undefined);
  }
}
