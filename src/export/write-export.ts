import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Store } from '../storage/store.js';
import {
  ALERT_COLUMNS,
  ALERT_PARQUET_TYPES,
  alertCsvRow,
  alertJsonRecord,
  EXPORTED_ALERT_TYPE,
} from './alert-records.js';
import type { ExportFileEntry } from './dataset-file.js';
import { DatasetFormats } from './dataset-formats.js';
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
import { AGGREGATE_PARQUET_TYPES, COMMENT_PARQUET_TYPES } from './parquet-columns.js';
import { DEFAULT_ROW_GROUP_SIZE } from './parquet-dataset-file.js';
import {
  TRIANGULATION_COLUMNS,
  TRIANGULATION_PARQUET_TYPES,
  triangulationCsvRow,
  triangulationJsonRecord,
  triangulationParquetRow,
} from './triangulation-records.js';

/**
 * The dated export: comments, aggregates, alerts and triangulated scores as CSV, JSON Lines and Parquet plus a manifest with
 * row counts and checksums. It is built in a temporary folder and renamed into place, so readers
 * see either the old export or the new one, never half of one; rerunning a date replaces it.
 */

/** Bumped whenever a file, a column or a column's meaning changes (see docs/exports.md). */
export const EXPORT_SCHEMA_VERSION = 4;

export interface ExportManifest {
  schemaVersion: number;
  generatedAt: string;
  date: string;
  /** Every period (`YYYY-MM`) that has a comment or an aggregate cell in this export. */
  periods: string[];
  minCellCount: number;
  files: ExportFileEntry[];
}

/**
 * Rows written so far: after every page of comments and every period of aggregate cells (once, with
 * none, when there are no cells), and once for alerts and for triangulation.
 */
export interface ExportProgress {
  dataset: 'comments' | 'aggregates' | 'alerts' | 'triangulation';
  rows: number;
}

export interface WriteExportOptions {
  store: Store;
  /** Folder holding the dated export folders and `latest.json`. */
  dir: string;
  /** `YYYY-MM-DD`. */
  date: string;
  clock: () => Date;
  /**
   * Aggregate cells with fewer comments are suppressed (counts and shares blank); triangulated scores
   * on fewer respondents keep their estimate but not their respondent count. @defaultValue 5
   */
  minCellCount?: number;
  /** Dated folders to keep; older ones are removed. @defaultValue 30 */
  retain?: number;
  /** Comments, alerts and triangulated scores read from the store per page. @defaultValue 500 */
  pageSize?: number;
  /** Rows per Parquet row group (the most rows held in memory per file). @defaultValue DEFAULT_ROW_GROUP_SIZE */
  rowGroupSize?: number;
  /** Called as rows are written. @defaultValue none */
  onProgress?: (progress: ExportProgress) => void;
}

export interface ExportResult {
  path: string;
  manifest: ExportManifest;
  latest: LatestPointer | null;
  removed: string[];
}

interface DatasetContext {
  store: Store;
  tmp: string;
  periods: Set<string>;
  rowGroupSize: number;
  onProgress: (progress: ExportProgress) => void;
}

const PARQUET_METADATA = { 'carevoice.schemaVersion': String(EXPORT_SCHEMA_VERSION) };

async function writeDataset(
  formats: DatasetFormats,
  fill: (formats: DatasetFormats) => Promise<void>,
): Promise<ExportFileEntry[]> {
  try {
    await fill(formats);
    return await formats.close();
  } catch (error) {
    await formats.abandon();
    throw error;
  }
}

/** Reads a keyset-paged listing page by page (never all at once), handing each page on; returns the row count. */
async function pageThrough<T>(
  list: (after: string | null) => Promise<{ items: T[]; next: string | null }>,
  onPage: (items: T[], rowsSoFar: number) => Promise<void>,
): Promise<number> {
  let after: string | null = null;
  let rows = 0;
  do {
    const page = await list(after);
    rows += page.items.length;
    await onPage(page.items, rows);
    after = page.next;
  } while (after !== null);
  return rows;
}

async function writeComments(ctx: DatasetContext, pageSize: number): Promise<ExportFileEntry[]> {
  const formats = await DatasetFormats.create({
    dir: ctx.tmp,
    name: 'comments',
    columns: COMMENT_COLUMNS,
    types: COMMENT_PARQUET_TYPES,
    rowGroupSize: ctx.rowGroupSize,
    parquetMetadata: PARQUET_METADATA,
  });
  return writeDataset(formats, async () => {
    await pageThrough(
      (after) => ctx.store.listComments({ includeDuplicates: true }, { limit: pageSize, after }),
      async (comments, rows) => {
        for (const comment of comments) ctx.periods.add(comment.period);
        await formats.append(comments.map((c) => ({ row: commentCsvRow(c), json: commentJsonRecord(c) })));
        ctx.onProgress({ dataset: 'comments', rows });
      },
    );
  });
}

/**
 * Aggregate cells one period at a time: a period holds at most trusts × themes × tumour groups
 * cells, however many years the store covers, so memory does not grow with the store's history.
 * (Like the comments, read page by page, the periods are not one snapshot: an aggregate run that
 * replaces a period meanwhile shows in the periods read after it.)
 */
async function writeAggregates(ctx: DatasetContext, minCellCount: number): Promise<ExportFileEntry[]> {
  // In code-unit order, as compareAggregateRows orders the cells, whatever the database's collation.
  const periods = (await ctx.store.listAggregatePeriods()).sort();
  const formats = await DatasetFormats.create({
    dir: ctx.tmp,
    name: 'aggregates',
    columns: AGGREGATE_COLUMNS,
    types: AGGREGATE_PARQUET_TYPES,
    rowGroupSize: ctx.rowGroupSize,
    parquetMetadata: PARQUET_METADATA,
  });
  return writeDataset(formats, async () => {
    let rows = 0;
    for (const period of periods) {
      const cells = (await ctx.store.listAggregates({ periodFrom: period, periodTo: period })).sort(
        compareAggregateRows,
      );
      if (cells.length > 0) ctx.periods.add(period);
      await formats.append(
        cells.map((cell) => ({
          row: aggregateCsvRow(cell, minCellCount),
          json: aggregateJsonRecord(cell, minCellCount),
        })),
      );
      rows += cells.length;
      ctx.onProgress({ dataset: 'aggregates', rows });
    }
    if (periods.length === 0) ctx.onProgress({ dataset: 'aggregates', rows: 0 });
  });
}

async function writeAlerts(ctx: DatasetContext, pageSize: number): Promise<ExportFileEntry[]> {
  const formats = await DatasetFormats.create({
    dir: ctx.tmp,
    name: 'alerts',
    columns: ALERT_COLUMNS,
    types: ALERT_PARQUET_TYPES,
    rowGroupSize: ctx.rowGroupSize,
    parquetMetadata: PARQUET_METADATA,
  });
  return writeDataset(formats, async () => {
    const rows = await pageThrough(
      (after) => ctx.store.listAlerts({ type: EXPORTED_ALERT_TYPE }, { limit: pageSize, after }),
      (alerts) => formats.append(alerts.map((a) => ({ row: alertCsvRow(a), json: alertJsonRecord(a) }))),
    );
    ctx.onProgress({ dataset: 'alerts', rows });
  });
}

async function writeTriangulation(
  ctx: DatasetContext,
  pageSize: number,
  minCellCount: number,
): Promise<ExportFileEntry[]> {
  const formats = await DatasetFormats.create({
    dir: ctx.tmp,
    name: 'triangulation',
    columns: TRIANGULATION_COLUMNS,
    types: TRIANGULATION_PARQUET_TYPES,
    rowGroupSize: ctx.rowGroupSize,
    parquetMetadata: PARQUET_METADATA,
  });
  return writeDataset(formats, async () => {
    const rows = await pageThrough(
      (after) => ctx.store.listTriangulation({}, { limit: pageSize, after }),
      (cells) =>
        formats.append(
          cells.map((cell) => ({
            row: triangulationCsvRow(cell, minCellCount),
            json: triangulationJsonRecord(cell, minCellCount),
            parquet: triangulationParquetRow(cell, minCellCount),
          })),
        ),
    );
    ctx.onProgress({ dataset: 'triangulation', rows });
  });
}

function positiveInteger(name: string, value: number, atLeast = 1): void {
  if (!Number.isInteger(value) || value < atLeast) throw new RangeError(`${name} must be ≥ ${atLeast}; got ${value}`);
}

export async function writeExport(options: WriteExportOptions): Promise<ExportResult> {
  const { store, dir, date, clock } = options;
  const minCellCount = options.minCellCount ?? 5;
  const retain = options.retain ?? 30;
  const pageSize = options.pageSize ?? 500;
  const rowGroupSize = options.rowGroupSize ?? DEFAULT_ROW_GROUP_SIZE;
  if (!DATE_FOLDER.test(date)) throw new RangeError(`an export date is YYYY-MM-DD; got "${date}"`);
  positiveInteger('minCellCount', minCellCount);
  positiveInteger('pageSize', pageSize);
  positiveInteger('rowGroupSize', rowGroupSize);

  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.tmp-${date}-${randomSuffix()}`);
  await mkdir(tmp);
  const finalDir = join(dir, date);
  try {
    const ctx: DatasetContext = {
      store,
      tmp,
      periods: new Set<string>(),
      rowGroupSize,
      onProgress: options.onProgress ?? (() => undefined),
    };
    const files = [
      ...(await writeComments(ctx, pageSize)),
      ...(await writeAggregates(ctx, minCellCount)),
      ...(await writeAlerts(ctx, pageSize)),
      ...(await writeTriangulation(ctx, pageSize, minCellCount)),
    ];
    const manifest: ExportManifest = {
      schemaVersion: EXPORT_SCHEMA_VERSION,
      generatedAt: clock().toISOString(),
      date,
      periods: [...ctx.periods].sort(),
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
