import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { type CsvValue, csvCell } from './csv-cell.js';
import { DatasetFile, type ExportFileEntry } from './dataset-file.js';
import type { ParquetColumnSpec } from './parquet-columns.js';
import { ParquetDatasetFile, type ParquetValue } from './parquet-dataset-file.js';

/** One exported record in both shapes: the flat row (CSV, Parquet) and the JSON Lines object. */
export interface DatasetRecord {
  row: CsvValue[];
  json: unknown;
  /** The Parquet row, when it differs from the CSV row (a list column that CSV joins). @defaultValue `row` */
  parquet?: ParquetValue[];
}

export interface DatasetFormatsOptions<C extends string> {
  /** Folder to write into. */
  dir: string;
  /** File stem: `comments` gives comments.csv, comments.jsonl and comments.parquet. */
  name: string;
  columns: readonly C[];
  types: Readonly<Record<C, ParquetColumnSpec>>;
  /** Rows per Parquet row group. @defaultValue DEFAULT_ROW_GROUP_SIZE (parquet-dataset-file.ts) */
  rowGroupSize?: number;
  /** Footer metadata of the Parquet file. @defaultValue none */
  parquetMetadata?: Record<string, string>;
}

function csvLines(rows: readonly (readonly CsvValue[])[]): string {
  return rows.length === 0 ? '' : stringify(rows.map((row) => row.map(csvCell)));
}

function jsonLines(records: readonly unknown[]): string {
  return records.map((record) => `${JSON.stringify(record)}\n`).join('');
}

/**
 * Writes one dataset as CSV, JSON Lines and Parquet at once, batch by batch, so the same records
 * land in all three in the same order. CSV text is formula-neutralised; the other two keep it as is.
 */
export class DatasetFormats {
  private constructor(
    private readonly csv: DatasetFile,
    private readonly jsonl: DatasetFile,
    private readonly parquet: ParquetDatasetFile<string>,
  ) {}

  static async create<C extends string>(options: DatasetFormatsOptions<C>): Promise<DatasetFormats> {
    const path = (extension: string) => join(options.dir, `${options.name}.${extension}`);
    const opened: { abandon(): Promise<void> }[] = [];
    try {
      const csv = await DatasetFile.create(path('csv'));
      opened.push(csv);
      const jsonl = await DatasetFile.create(path('jsonl'));
      opened.push(jsonl);
      const parquet = await ParquetDatasetFile.create<string>(path('parquet'), {
        columns: options.columns,
        types: options.types as Readonly<Record<string, ParquetColumnSpec>>,
        ...(options.rowGroupSize !== undefined ? { rowGroupSize: options.rowGroupSize } : {}),
        ...(options.parquetMetadata ? { metadata: options.parquetMetadata } : {}),
      });
      await csv.write(csvLines([[...options.columns]]), 0);
      return new DatasetFormats(csv, jsonl, parquet);
    } catch (error) {
      await Promise.all(opened.map((file) => file.abandon()));
      throw error;
    }
  }

  async append(records: readonly DatasetRecord[]): Promise<void> {
    if (records.length === 0) return;
    const rows = records.map((record) => record.row);
    await this.csv.write(csvLines(rows), records.length);
    await this.jsonl.write(jsonLines(records.map((record) => record.json)), records.length);
    await this.parquet.append(records.map((record) => record.parquet ?? record.row));
  }

  /** Finishes the three files; their manifest entries in the order csv, jsonl, parquet. */
  async close(): Promise<ExportFileEntry[]> {
    return [await this.csv.close(), await this.jsonl.close(), await this.parquet.close()];
  }

  async abandon(): Promise<void> {
    await Promise.all([this.csv.abandon(), this.jsonl.abandon(), this.parquet.abandon()]);
  }
}
