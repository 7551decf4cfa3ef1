import { type Command, InvalidArgumentError } from 'commander';
import { openConfiguredStore } from '../../app/open-configured-store.js';
import { formatImportSummary } from '../../import/import-summary.js';
import { IMPORTERS, type ImporterName, runImport } from '../../import/run-import.js';
import { loadThemeCrosswalk } from '../../reference/theme-crosswalk.js';
import { loadTrustReference } from '../../reference/trust-reference.js';
import { refreshTriangulation } from '../../triangulation/refresh-triangulation.js';
import { loadCliContext } from '../load-cli-config.js';

/** Exit code of a file that was rejected (nothing stored); 1 stays for failures to run at all. */
export const IMPORT_REJECTED_EXIT_CODE = 3;

function importer(value: string): ImporterName {
  if (!(IMPORTERS as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`expected one of ${IMPORTERS.join(', ')}`);
  }
  return value as ImporterName;
}

function year(value: string): number {
  if (!/^\d{4}$/.test(value)) throw new InvalidArgumentError('expected a four-digit year');
  return Number(value);
}

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description(
      'Import published figures into the store, all or nothing: cpes (current CPES results), cpes-2018 ' +
        '(CPES 2018 trust results), fft (monthly FFT by trust or site), complaints (KO41a by subject area). ' +
        `Exit ${IMPORT_REJECTED_EXIT_CODE} if the file was rejected.`,
    )
    .argument('<importer>', IMPORTERS.join(' | '), importer)
    .argument('<file>', 'CSV file')
    .option('--setting <setting>', 'fft: the setting the file reports (inpatient, ae, outpatient, maternity, …)')
    .option(
      '--period <period>',
      'fft workbook sheets: YYYY-MM; complaints without a period column: 2023-24 or 2016-17 Q3',
    )
    .option('--year <year>', 'cpes files without a year column: the survey year', year)
    .option('--json', 'print the summary as JSON')
    .option(
      '--no-triangulate',
      'do not recompute triangulated scores now (the next aggregate run does, as its inputs changed); ' +
        'for importing many files in a row',
    )
    .action(
      async (
        name: ImporterName,
        file: string,
        options: { setting?: string; period?: string; year?: number; json?: boolean; triangulate: boolean },
      ) => {
        const { config, logger } = loadCliContext('import');
        const store = await openConfiguredStore(config, logger);
        try {
          const summary = await runImport(
            { importer: name, path: file, setting: options.setting, period: options.period, year: options.year },
            {
              store,
              crosswalk: loadThemeCrosswalk(),
              knownOdsCodes: new Set(loadTrustReference().trusts.map((t) => t.odsCode)),
            },
          );
          process.stdout.write(options.json ? `${JSON.stringify(summary)}\n` : `${formatImportSummary(summary)}\n`);
          if (summary.status === 'rejected') process.exitCode = IMPORT_REJECTED_EXIT_CODE;
          // Survey, FFT and complaint figures all feed the triangulated scores: recompute them now.
          else if (options.triangulate) await refreshTriangulation(store, { logger });
        } finally {
          await store.close();
        }
      },
    );
}
