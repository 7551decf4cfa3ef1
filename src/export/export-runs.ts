import type { RunRecord, Store } from '../storage/store.js';
import { newestDate } from './catch-up-dates.js';
import { datedFolders } from './export-folders.js';
import { type ExportProgress, type ExportResult, writeExport } from './write-export.js';

/**
 * An export as an operation: write the dated folder and record the run (ok or failed) in the store,
 * which is where `status`, the catch-up and the metrics look for the last successful export.
 */

export const EXPORT_RUN_KIND = 'export';

export interface ExportRunDeps {
  store: Store;
  /** Folder holding the dated export folders. */
  exportDir: string;
  clock: () => Date;
  /** @defaultValue 5 */
  minCellCount?: number;
  /** Dated folders kept. @defaultValue 30 */
  retain?: number;
  /** Rows per Parquet row group. @defaultValue DEFAULT_ROW_GROUP_SIZE (parquet-dataset-file.ts) */
  rowGroupSize?: number;
}

/** Run ids carry the export date, so the last successful date can be read back from `lastRuns`. */
export function exportRunId(date: string, startedAt: string): string {
  return `${EXPORT_RUN_KIND}-${date}-${startedAt}`;
}

export function exportDateOfRun(run: RunRecord): string | null {
  if (run.kind !== EXPORT_RUN_KIND || run.status !== 'ok') return null;
  return /^export-(\d{4}-\d{2}-\d{2})-/.exec(run.id)?.[1] ?? null;
}

/** Writes one date's export and records the run; a failure is recorded too, then rethrown. */
export async function exportAndRecord(
  deps: ExportRunDeps,
  date: string,
  onProgress?: (progress: ExportProgress) => void,
): Promise<ExportResult> {
  const startedAt = deps.clock().toISOString();
  const id = exportRunId(date, startedAt);
  let result: ExportResult;
  try {
    result = await writeExport({
      store: deps.store,
      dir: deps.exportDir,
      date,
      clock: deps.clock,
      ...(deps.minCellCount !== undefined ? { minCellCount: deps.minCellCount } : {}),
      ...(deps.retain !== undefined ? { retain: deps.retain } : {}),
      ...(deps.rowGroupSize !== undefined ? { rowGroupSize: deps.rowGroupSize } : {}),
      ...(onProgress ? { onProgress } : {}),
    });
  } catch (error) {
    await deps.store
      .recordRun({
        id,
        kind: EXPORT_RUN_KIND,
        startedAt,
        finishedAt: deps.clock().toISOString(),
        status: 'failed',
        counts: {},
        message: `${date}: ${error instanceof Error ? error.message : String(error)}`,
      })
      .catch(() => undefined); // the export's own error is the one worth reporting
    throw error;
  }
  await deps.store.recordRun({
    id,
    kind: EXPORT_RUN_KIND,
    startedAt,
    finishedAt: deps.clock().toISOString(),
    status: 'ok',
    counts: Object.fromEntries(result.manifest.files.map((file) => [file.name, file.rows])),
    message: result.path,
  });
  return result;
}

/** The newest date exported successfully, from the export folder and the store's run records. */
export async function lastExportedDate(store: Store, exportDir: string): Promise<string | null> {
  const folders = await datedFolders(exportDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const runs = await store.lastRuns();
  return newestDate([folders.at(-1), ...runs.map(exportDateOfRun)]);
}
