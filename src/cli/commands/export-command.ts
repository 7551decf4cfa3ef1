import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { openConfiguredStore } from '../../app/open-configured-store.js';
import { assertExportDate, datesToCatchUp } from '../../export/catch-up-dates.js';
import { exportAndRecord, lastExportedDate } from '../../export/export-runs.js';
import type { ExportResult } from '../../export/write-export.js';
import { londonDate } from '../../pipeline/process/period.js';
import { loadCliContext } from '../load-cli-config.js';
import { formatTable } from '../table.js';

/**
 * `carevoice export [--date YYYY-MM-DD]`: write the dated export now. Without a date it does what
 * the nightly job does: every date since the last successful export, up to today in London.
 */
export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description('Write the dated export (CSV, JSON Lines, Parquet + manifest); catches up missed dates')
    .option('--date <YYYY-MM-DD>', 'export this date only (default: every date since the last export, up to today)')
    .option('--json', 'print the summary as JSON instead of a table')
    .action(async (options: { date?: string; json?: boolean }) => {
      if (options.date !== undefined) assertExportDate(options.date);
      const interactive = process.stderr.isTTY === true && !options.json;
      const { config, logger } = loadCliContext('export', interactive ? { logLevel: 'warn' } : {});
      const store = await openConfiguredStore(config, logger);
      const bar = interactive
        ? new SingleBar({
            format: 'export {date} {bar} {value}/{total} comments | aggregates {aggregates}',
            stream: process.stderr,
            hideCursor: true,
          })
        : undefined;
      const results: ExportResult[] = [];
      try {
        const dates = options.date
          ? [options.date]
          : datesToCatchUp(
              await lastExportedDate(store, config.exportDir),
              londonDate(new Date()),
              config.export.retentionDays,
            );
        const total = await store.countComments({ includeDuplicates: true });
        for (const date of dates) {
          bar?.start(total, 0, { date, aggregates: '…' });
          const result = await exportAndRecord(
            {
              store,
              exportDir: config.exportDir,
              clock: () => new Date(),
              minCellCount: config.export.minCellCount,
              retain: config.export.retentionDays,
            },
            date,
            (progress) => {
              if (progress.dataset === 'comments') bar?.update(progress.rows);
              else bar?.update({ aggregates: progress.rows });
            },
          );
          bar?.stop();
          logger.info({ date, path: result.path }, 'exported');
          results.push(result);
        }
      } finally {
        bar?.stop();
        await store.close();
      }
      process.stdout.write(options.json ? `${JSON.stringify(jsonSummary(results))}\n` : `${renderSummary(results)}\n`);
    });
}

function jsonSummary(results: readonly ExportResult[]) {
  return {
    dates: results.map((result) => result.manifest.date),
    exports: results.map((result) => ({ path: result.path, manifest: result.manifest, removed: result.removed })),
    latest: results.at(-1)?.latest ?? null,
  };
}

export function renderSummary(results: readonly ExportResult[]): string {
  const last = results.at(-1);
  if (!last) return 'nothing exported';
  const dates = formatTable(
    ['date', 'folder', 'comments', 'aggregate cells'],
    results.map((result) => [
      result.manifest.date,
      result.path,
      result.manifest.files.find((file) => file.name === 'comments.jsonl')?.rows ?? 0,
      result.manifest.files.find((file) => file.name === 'aggregates.jsonl')?.rows ?? 0,
    ]),
  );
  const files = formatTable(
    ['file', 'rows', 'bytes', 'sha256'],
    last.manifest.files.map((file) => [file.name, file.rows, file.bytes, `${file.sha256.slice(0, 16)}…`]),
  );
  const removed = results.flatMap((result) => result.removed);
  return [
    `CareVoice export (schema version ${last.manifest.schemaVersion})`,
    '',
    dates,
    '',
    `Files of ${last.manifest.date}:`,
    files,
    '',
    `latest.json → ${last.latest?.path ?? '(none)'}`,
    ...(removed.length > 0 ? [`removed by retention: ${removed.join(', ')}`] : []),
  ].join('\n');
}
