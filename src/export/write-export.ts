import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { Store } from '../storage/store.js';
import { type CsvValue, csvCell } from './csv-cell.js';
import { DatasetFile, type ExportFileEntry } from './dataset-file.js';
import {
  DATE_FOLDER,
  type LatestPointer,
  pruneExports,
  randomSuffix,
  replaceFolder,
  syncDirectory,
  updateLatestPointer,
} from './export-folders.js';
import {
  AGGREGATE_COLUMNS,
  aggregateCsvRow,
  aggregateJsonRecord,
  COMMENT_COLUMNS,
  commentCsvRow,
  commentJsonRecord,
  compareAggregateRows,
} from './export-records.js';

/**
 * The dated export: comments and aggregates as CSV and JSON Lines plus a manifest with row counts
 * and checksums. It is built in a temporary folder and renamed into place, so readers see either
 * the old export or the new one, never half of one; rerunning a date replaces it.
 */

export const EXPORT_SCHEMA_VERSION = 1;

export interface ExportManifest {
  schemaVersion: number;
  generatedAt: string;
  date: string;
  /** Every period (`YYYY-MM`) that has a comment or an aggregate cell in this export. */
  periods: string[];
  minCellCount: number;
  files: ExportFileEntry[];
}

export interface WriteExportOptions {
  store: Store;
  /** Folder holding the dated export folders and `latest.json`. */
  dir: string;
  /** `YYYY-MM-DD`. */
  date: string;
  clock: () => Date;
  /** Aggregate cells with fewer comments are suppressed (counts and shares blank). @defaultValue 5 */
  minCellCount?: number;
  /** Dated folders to keep; older ones are removed. @defaultValue 30 */
  retain?: number;
  /** Comments read from the store per page. @defaultValue 500 */
  pageSize?: number;
}

export interface ExportResult {
  path: string;
  manifest: ExportManifest;
  latest: LatestPointer | null;
  removed: string[];
}

function csvLines(rows: CsvValue[][]): string {
  return rows.length === 0 ? '' : stringify(rows.map((row) => row.map(csvCell)));
}

function jsonLines(records: unknown[]): string {
  return records.map((record) => `${JSON.stringify(record)}\n`).join('');
}

async function writeComments(store: Store, tmp: string, pageSize: number, periods: Set<string>) {
  const csv = await DatasetFile.create(join(tmp, 'comments.csv'));
  const jsonl = await DatasetFile.create(join(tmp, 'comments.jsonl'));
  try {
    await csv.write(csvLines([[...COMMENT_COLUMNS]]), 0);
    let after: string | null = null;
    do {
      const page = await store.listComments({ includeDuplicates: true }, { limit: pageSize, after });
      for (const comment of page.items) periods.add(comment.period);
      await csv.write(csvLines(page.items.map(commentCsvRow)), page.items.length);
      await jsonl.write(jsonLines(page.items.map(commentJsonRecord)), page.items.length);
      after = page.next;
    } while (after !== null);
    return [await csv.close(), await jsonl.close()];
  } catch (error) {
    await Promise.all([csv.abandon(), jsonl.abandon()]);
    throw error;
  }
}

async function writeAggregates(store: Store, tmp: string, minCellCount: number, periods: Set<string>) {
  const rows = (await store.listAggregates({})).sort(compareAggregateRows);
  for (const row of rows) periods.add(row.period);
  const csv = await DatasetFile.create(join(tmp, 'aggregates.csv'));
  const jsonl = await DatasetFile.create(join(tmp, 'aggregates.jsonl'));
  try {
    await csv.write(
      csvLines([[...AGGREGATE_COLUMNS], ...rows.map((row) => aggregateCsvRow(row, minCellCount))]),
      rows.length,
    );
    await jsonl.write(jsonLines(rows.map((row) => aggregateJsonRecord(row, minCellCount))), rows.length);
    return [await csv.close(), await jsonl.close()];
  } catch (error) {
    await Promise.all([csv.abandon(), jsonl.abandon()]);
    throw error;
  }
}

export async function writeExport(options: WriteExportOptions): Promise<ExportResult> {
  const { store, dir, date, clock } = options;
  const minCellCount = options.minCellCount ?? 5;
  const retain = options.retain ?? 30;
  const pageSize = options.pageSize ?? 500;
  if (!DATE_FOLDER.test(date)) throw new RangeError(`an export date is YYYY-MM-DD; got "${date}"`);
  if (!Number.isInteger(minCellCount) || minCellCount < 1)
    throw new RangeError(`minCellCount must be ≥ 1; got ${minCellCount}`);
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError(`pageSize must be ≥ 1; got ${pageSize}`);

  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.tmp-${date}-${randomSuffix()}`);
  await mkdir(tmp);
  const finalDir = join(dir, date);
  try {
    const periods = new Set<string>();
    const files = [
      ...(await writeComments(store, tmp, pageSize, periods)),
      ...(await writeAggregates(store, tmp, minCellCount, periods)),
    ];
    const manifest: ExportManifest = {
      schemaVersion: EXPORT_SCHEMA_VERSION,
      generatedAt: clock().toISOString(),
      date,
      periods: [...periods].sort(),
      minCellCount,
      files,
    };
    await writeFile(join(tmp, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, { flush: true });
    await syncDirectory(tmp);
    await replaceFolder(dir, tmp, finalDir, date);
    const removed = await pruneExports(dir, retain);
    const latest = await updateLatestPointer(dir);
    return { path: finalDir, manifest, latest, removed };
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }
}
