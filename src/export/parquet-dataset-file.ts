import { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import type { CsvValue } from './csv-cell.js';
import { DatasetFile, type ExportFileEntry } from './dataset-file.js';
import { type ParquetColumnSpec, parquetSchema } from './parquet-columns.js';

/** One Parquet cell: a scalar as in CSV, or the strings of a `STRING_LIST` column. */
export type ParquetValue = CsvValue | readonly string[];

/**
 * Rows per row group unless told otherwise: the unit the writer holds before encoding it. At
 * 100,000 comments the built export peaked at about 390 MB with 10,000 rows (340 MB once aggregate
 * cells were read by period) against 510 MB with 50,000 (docs/BENCHMARKS.md, "Nightly export at
 * scale"); readers handle either.
 */
export const DEFAULT_ROW_GROUP_SIZE = 10_000;

export interface ParquetDatasetOptions<C extends string> {
  columns: readonly C[];
  types: Readonly<Record<C, ParquetColumnSpec>>;
  /** Rows per row group: the unit held in memory before it is encoded and written. @defaultValue DEFAULT_ROW_GROUP_SIZE */
  rowGroupSize?: number;
  /** Key–value pairs stored in the file footer (e.g. the export schema version). @defaultValue none */
  metadata?: Record<string, string>;
}

/**
 * The encoder calls `flush` after each row group and `finish` at the end; both hand the encoded
 * bytes on and reuse the buffer, so memory stays at one row group.
 */
class DrainingWriter extends ByteWriter {
  constructor(private readonly drain: (bytes: Buffer, final: boolean) => Promise<void>) {
    super(1 << 16);
  }

  private take(): Buffer {
    const bytes = Buffer.from(this.getBytes());
    this.index = 0;
    return bytes;
  }

  flush(): Promise<void> {
    return this.drain(this.take(), false);
  }

  override finish(): Promise<void> {
    return this.drain(this.take(), true);
  }
}

/**
 * Streams rows into one Parquet file: rows are buffered per column until a row group is full, then
 * encoded and appended through a `DatasetFile` (which keeps the checksum), so a large export never
 * holds more than one row group in memory.
 */
export class ParquetDatasetFile<C extends string> {
  private readonly rowGroupSize: number;
  private buffers: ParquetValue[][];
  private buffered = 0;

  private constructor(
    private readonly file: DatasetFile,
    private readonly parquet: ParquetWriter,
    /** Rows of the group being encoded; credited to the file when its bytes are flushed. */
    private readonly encoding: { rows: number },
    private readonly columns: readonly C[],
    rowGroupSize: number,
  ) {
    this.rowGroupSize = rowGroupSize;
    this.buffers = columns.map(() => []);
  }

  static async create<C extends string>(
    path: string,
    options: ParquetDatasetOptions<C>,
  ): Promise<ParquetDatasetFile<C>> {
    const rowGroupSize = options.rowGroupSize ?? DEFAULT_ROW_GROUP_SIZE;
    if (!Number.isInteger(rowGroupSize) || rowGroupSize < 1) {
      throw new RangeError(`rowGroupSize must be a positive integer; got ${rowGroupSize}`);
    }
    const file = await DatasetFile.create(path);
    const encoding = { rows: 0 };
    const writer = new DrainingWriter(async (bytes, final) => {
      const rows = final ? 0 : encoding.rows;
      encoding.rows = 0;
      await file.writeBytes(bytes, rows);
    });
    let parquet: ParquetWriter;
    try {
      parquet = new ParquetWriter({
        writer,
        schema: parquetSchema(options.columns, options.types),
        createdBy: 'carevoice',
        ...(options.metadata
          ? { kvMetadata: Object.entries(options.metadata).map(([key, value]) => ({ key, value })) }
          : {}),
      });
    } catch (error) {
      await file.abandon();
      throw error;
    }
    return new ParquetDatasetFile(file, parquet, encoding, options.columns, rowGroupSize);
  }

  /** Appends rows, each a list of values in column order. */
  async append(rows: readonly (readonly ParquetValue[])[]): Promise<void> {
    for (const row of rows) {
      if (row.length !== this.columns.length) {
        throw new RangeError(`a row has ${row.length} values; the file has ${this.columns.length} columns`);
      }
      for (const [i, value] of row.entries()) this.buffers[i]!.push(value ?? null);
      this.buffered++;
      if (this.buffered >= this.rowGroupSize) await this.writeGroup();
    }
  }

  private async writeGroup(): Promise<void> {
    if (this.buffered === 0) return;
    const columnData = this.columns.map((name, i) => ({ name, data: this.buffers[i]! }));
    this.encoding.rows = this.buffered;
    const groupSize = this.buffered;
    this.buffers = this.columns.map(() => []);
    this.buffered = 0;
    await this.parquet.write({ columnData, rowGroupSize: groupSize });
  }

  async close(): Promise<ExportFileEntry> {
    await this.writeGroup();
    await this.parquet.finish();
    return this.file.close();
  }

  async abandon(): Promise<void> {
    await this.file.abandon();
  }
}
