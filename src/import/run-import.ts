import { basename } from 'node:path';
import { CsvError } from 'csv-parse';
import type { ThemeCrosswalk } from '../domain/themes/crosswalk.js';
import type {
  ImportedComplaintCount,
  ImportedCpesScore,
  ImportedFftResponse,
  ImportedFile,
  ImportKind,
  ImportWriteResult,
} from '../storage/import-types.js';
import type { Store } from '../storage/store.js';
import { parseComplaints } from './complaints/parse-complaints.js';
import { CROSSWALK_CPES_YEAR, themesByCpes2018Question } from './cpes/cpes-question-themes.js';
import { parseCpesCurrent } from './cpes/parse-cpes-current.js';
import { readCpes2018 } from './cpes/read-cpes-2018.js';
import { type CsvLine, openCsvFile } from './csv-lines.js';
import { parseFftSetting, UnknownFftSettingError } from './fft/fft-setting.js';
import { parseFft } from './fft/parse-fft.js';
import { ImportLayoutError } from './import-layout-error.js';
import { ImportOptionError } from './import-option-error.js';
import type { ImportSummary } from './import-summary.js';
import { emptyOutcome, type ParseOutcome } from './parse-outcome.js';
import { type ImportedRow, summariseImport } from './summarise-import.js';

export const IMPORTERS = ['cpes', 'cpes-2018', 'fft', 'complaints'] as const;
/** `cpes`: the current CPES layout; `cpes-2018`: the 2018 trust-results file; `fft`; `complaints` (KO41a). */
export type ImporterName = (typeof IMPORTERS)[number];

const KIND_OF: Readonly<Record<ImporterName, ImportKind>> = {
  cpes: 'cpes',
  'cpes-2018': 'cpes',
  fft: 'fft',
  complaints: 'complaints',
};

export interface ImportRequest {
  importer: ImporterName;
  /** The CSV file. */
  path: string;
  /** FFT only, required: the setting the file reports (`inpatient`, `ae`, `outpatient`, …). */
  setting?: string | undefined;
  /** FFT workbook sheets: the month, `YYYY-MM`. KO41a files without a period column: `2023-24` or `2016-17 Q3`. */
  period?: string | undefined;
  /** Current-layout CPES files without a year column: the survey year. */
  year?: number | undefined;
}

export interface ImportDeps {
  store: Store;
  crosswalk: ThemeCrosswalk;
  /** ODS codes of known organisations (config/reference/ods-trusts.csv); others are reported, not refused. */
  knownOdsCodes: ReadonlySet<string>;
  /** @defaultValue () => new Date() */
  now?: () => Date;
}

function checkOptions(request: ImportRequest): void {
  const given = (name: string, allowed: boolean, value: unknown) => {
    if (value !== undefined && !allowed) throw new ImportOptionError(`${request.importer} imports take no ${name}`);
  };
  given('setting', request.importer === 'fft', request.setting);
  given('period', request.importer === 'fft' || request.importer === 'complaints', request.period);
  given('year', request.importer === 'cpes', request.year);
  if (request.importer === 'fft' && request.setting === undefined) {
    throw new ImportOptionError('FFT imports need the setting the file reports (e.g. inpatient, ae, outpatient)');
  }
}

function parseLines(
  request: ImportRequest,
  crosswalk: ThemeCrosswalk,
  lines: AsyncIterable<CsvLine>,
): Promise<ParseOutcome<ImportedRow>> {
  const questionThemes = themesByCpes2018Question(crosswalk);
  switch (request.importer) {
    case 'cpes-2018':
      return readCpes2018(lines, { questionThemes });
    case 'cpes':
      return parseCpesCurrent(lines, {
        year: request.year,
        themesOf: (year, question) => (year === CROSSWALK_CPES_YEAR ? (questionThemes.get(question) ?? []) : []),
      });
    case 'fft': {
      let setting: ReturnType<typeof parseFftSetting>;
      try {
        setting = parseFftSetting(request.setting ?? '');
      } catch (error) {
        if (error instanceof UnknownFftSettingError) throw new ImportOptionError(error.message);
        throw error;
      }
      return parseFft(lines, { setting, period: request.period });
    }
    case 'complaints':
      return parseComplaints(lines, { crosswalk, period: request.period });
  }
}

function writeRows(store: Store, file: ImportedFile, rows: ImportedRow[]): Promise<ImportWriteResult> {
  switch (file.kind) {
    case 'cpes':
      return store.importCpesScores(file, rows as ImportedCpesScore[]);
    case 'fft':
      return store.importFftResponses(file, rows as ImportedFftResponse[]);
    case 'complaints':
      return store.importComplaintCounts(file, rows as ImportedComplaintCount[]);
  }
}

/** Notes that depend on the request rather than on single rows. */
function requestNotes(request: ImportRequest, rows: readonly ImportedRow[]): string[] {
  if (request.importer !== 'cpes') return [];
  const years = [...new Set(rows.map((r) => (r as ImportedCpesScore).year))].filter((y) => y !== CROSSWALK_CPES_YEAR);
  return years.length === 0
    ? []
    : [`no theme crosswalk for CPES ${years.join(', ')} question numbering: those scores are stored without themes`];
}

/**
 * Imports one file, all or nothing: every row is read and validated first; only a file without a single
 * problem is written, in one transaction. The run is recorded either way (kind `import`).
 */
export async function runImport(request: ImportRequest, deps: ImportDeps): Promise<ImportSummary> {
  checkOptions(request);
  const now = deps.now ?? (() => new Date());
  const startedAt = now().toISOString();
  const kind = KIND_OF[request.importer];
  let outcome: ParseOutcome<ImportedRow>;
  let sha256: string | null = null;
  try {
    const file = await openCsvFile(request.path);
    outcome = await parseLines(request, deps.crosswalk, file.lines);
    sha256 = file.sha256();
  } catch (error) {
    if (error instanceof ImportLayoutError) {
      outcome = emptyOutcome('unknown');
      outcome.issues.add({ row: error.row, message: error.message });
    } else if (error instanceof CsvError) {
      outcome = emptyOutcome('unknown');
      outcome.issues.add({ row: Number(error.lines ?? 0), message: `not readable as CSV: ${error.message}` });
    } else throw error;
  }
  outcome.notes.push(...requestNotes(request, outcome.rows));

  let written: ImportWriteResult | null = null;
  if (outcome.issues.count === 0 && sha256 !== null) {
    const file: ImportedFile = {
      sha256,
      kind,
      layout: outcome.layout,
      fileName: basename(request.path),
      importedAt: startedAt,
      rowsRead: outcome.rowsRead,
      rowsStored: outcome.rows.length,
    };
    written = await writeRows(deps.store, file, outcome.rows);
  }
  const summary = summariseImport({
    importer: request.importer,
    kind,
    file: basename(request.path),
    sha256,
    outcome,
    written,
    knownOdsCodes: deps.knownOdsCodes,
  });
  await deps.store.recordRun({
    id: `import:${request.importer}:${startedAt}:${sha256?.slice(0, 16) ?? 'unread'}`,
    kind: 'import',
    source: request.importer,
    startedAt,
    finishedAt: now().toISOString(),
    status: summary.status === 'stored' ? 'ok' : 'failed',
    counts: { read: summary.rowsRead, stored: summary.rowsStored, rejected: summary.rowsRejected },
    ...(summary.status === 'rejected' && { message: `${summary.file}: ${summary.issueCount} problem(s)` }),
  });
  return summary;
}
