import { writeExport } from '../../export/write-export.js';
import type { Store } from '../../storage/store.js';
import { londonDate } from '../process/period.js';
import type { StageHandler } from '../stage.js';

/** export: write the dated export (idempotent per date) and record the run. */

export interface ExportDeps {
  store: Store;
  clock: () => Date;
  exportDir: string;
  minCellCount: number;
  retain: number;
}

export function createExportStage(deps: ExportDeps): StageHandler<'export'> {
  return async (payload, helpers) => {
    const startedAt = deps.clock().toISOString();
    const date = payload.date ?? londonDate(deps.clock());
    const result = await writeExport({
      store: deps.store,
      dir: deps.exportDir,
      date,
      clock: deps.clock,
      minCellCount: deps.minCellCount,
      retain: deps.retain,
    });
    const counts = Object.fromEntries(result.manifest.files.map((file) => [file.name, file.rows]));
    await deps.store.recordRun({
      id: `export-${date}-${startedAt}`,
      kind: 'export',
      startedAt,
      finishedAt: deps.clock().toISOString(),
      status: 'ok',
      counts,
      message: result.path,
    });
    helpers.log.info({ date, path: result.path, removed: result.removed.length, ...counts }, 'exported');
    return { path: result.path, files: result.manifest.files, removed: result.removed };
  };
}
