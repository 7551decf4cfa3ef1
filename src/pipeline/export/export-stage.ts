import { datesToCatchUp } from '../../export/catch-up-dates.js';
import type { ExportFileEntry } from '../../export/dataset-file.js';
import { exportAndRecord, lastExportedDate } from '../../export/export-runs.js';
import type { Store } from '../../storage/store.js';
import { londonDate } from '../process/period.js';
import type { StageHandler } from '../stage.js';

/**
 * export: write the dated export (idempotent per date) and record the run. A payload with a date
 * writes that date; the nightly schedule sends none, and then every date since the last successful
 * export is written up to today in London, so nights the scheduler missed are caught up.
 */

export interface ExportDeps {
  store: Store;
  clock: () => Date;
  exportDir: string;
  minCellCount: number;
  retain: number;
  /** Most dates one scheduled run catches up. @defaultValue `retain` (older ones would be pruned at once) */
  maxCatchUpDays?: number;
}

export interface ExportStageResult {
  /** Every date written, oldest first. */
  dates: string[];
  /** Folder of the newest date written. */
  path: string;
  files: ExportFileEntry[];
  removed: string[];
}

export function createExportStage(deps: ExportDeps): StageHandler<'export'> {
  const runDeps = {
    store: deps.store,
    exportDir: deps.exportDir,
    clock: deps.clock,
    minCellCount: deps.minCellCount,
    retain: deps.retain,
  };
  return async (payload, helpers): Promise<ExportStageResult> => {
    const dates = payload.date
      ? [payload.date]
      : datesToCatchUp(
          await lastExportedDate(deps.store, deps.exportDir),
          londonDate(deps.clock()),
          deps.maxCatchUpDays ?? deps.retain,
        );
    if (dates.length > 1) helpers.log.info({ dates }, 'catching up missed export dates');
    const removed: string[] = [];
    let last: Awaited<ReturnType<typeof exportAndRecord>> | undefined;
    for (const [index, date] of dates.entries()) {
      last = await exportAndRecord(runDeps, date);
      removed.push(...last.removed);
      const counts = Object.fromEntries(last.manifest.files.map((file) => [file.name, file.rows]));
      helpers.log.info({ date, path: last.path, removed: last.removed.length, ...counts }, 'exported');
      await helpers.updateProgress({ exported: index + 1, of: dates.length, date });
    }
    return { dates, path: last!.path, files: last!.manifest.files, removed };
  };
}
