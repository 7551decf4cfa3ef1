/**
 * The triangulation run: reads imported CPES rows, comment aggregates, and the FFT and KO41a figures of
 * the survey's window from the store, triangulates every trust × tumour group, and replaces the stored
 * results in one transaction. Called after an import and by the aggregate stage; a store without CPES
 * rows is left as it is, and so are stored results whose inputs have not changed since (the fingerprint
 * of `triangulation-inputs.ts`, stored with them).
 */
import type { Logger } from 'pino';
import { loadTrustReference } from '../reference/trust-reference.js';
import type { Store } from '../storage/store.js';
import { cpesYear, selectCpesYear } from './cpes-year.js';
import { CANCER_FFT_SETTINGS } from './fft-source.js';
import type { OutsideSourceOutcome } from './outside-signals.js';
import { surveyWindow } from './survey-window.js';
import { type OfficialRows, type TriangulateOptions, triangulateTable } from './triangulate-table.js';
import { triangulationFingerprint } from './triangulation-inputs.js';

export interface RefreshTriangulationOptions extends TriangulateOptions {
  /** Survey year to triangulate. @defaultValue the newest imported year */
  year?: number;
  /** Published cells on fewer respondents are treated as suppressed. @defaultValue 5 */
  minRespondents?: number;
  /** ODS code → trust name. @defaultValue the shipped trust reference */
  trustNames?: ReadonlyMap<string, string>;
  /** @defaultValue () => new Date() */
  clock?: () => Date;
  logger?: Logger | undefined;
}

export type RefreshSkipReason = 'no_cpes_rows' | 'inputs_unchanged';

export type RefreshOutcome =
  | { status: 'skipped'; reason: RefreshSkipReason }
  | {
      status: 'ok';
      year: number;
      cells: number;
      trusts: number;
      comments: OutsideSourceOutcome;
      fft: OutsideSourceOutcome;
      complaints: OutsideSourceOutcome;
    };

let shippedNames: Map<string, string> | undefined;

function defaultTrustNames(): Map<string, string> {
  shippedNames ??= new Map(loadTrustReference().trusts.map((t) => [t.odsCode, t.name]));
  return shippedNames;
}

export async function refreshTriangulation(
  store: Store,
  options: RefreshTriangulationOptions = {},
): Promise<RefreshOutcome> {
  const clock = options.clock ?? (() => new Date());
  const startedAt = clock().toISOString();
  const trustNames = options.trustNames ?? defaultTrustNames();
  const aggregates = await store.listAggregates({ theme: 'all' });
  // Every option but the logger, the clock and the names (hashed apart) shapes the result.
  const { logger: _logger, clock: _clock, trustNames: _names, ...settings } = options;
  const fingerprint = triangulationFingerprint(await store.listImportedFiles(), aggregates, settings, trustNames);
  if ((await store.triangulationInputs()) === fingerprint) {
    options.logger?.info({ fingerprint }, 'triangulation skipped: inputs unchanged since the stored run');
    return { status: 'skipped', reason: 'inputs_unchanged' };
  }
  const rows = await store.listCpesScores(options.year !== undefined ? { year: options.year } : {});
  const year = selectCpesYear(rows, options.year);
  if (year === undefined) {
    options.logger?.info({ year: options.year }, 'triangulation skipped: no CPES rows imported');
    return { status: 'skipped', reason: 'no_cpes_rows' };
  }
  const data = cpesYear(rows, year, options.minRespondents ?? 5);
  const outside = await outsideRows(store, year);
  const result = triangulateTable(data, aggregates, trustNames, options, outside);
  const computedAt = clock().toISOString();
  await store.replaceTriangulation(result.cells, result.summary, computedAt, fingerprint);
  const trusts = new Set(result.cells.map((c) => c.odsCode)).size;
  const outcome: RefreshOutcome = {
    status: 'ok',
    year,
    cells: result.cells.length,
    trusts,
    comments: result.outside.comments,
    fft: result.outside.fft,
    complaints: result.outside.complaints,
  };
  await store.recordRun({
    id: `triangulate-${startedAt}`,
    kind: 'triangulate',
    startedAt,
    finishedAt: clock().toISOString(),
    status: 'ok',
    counts: {
      cells: outcome.cells,
      trusts,
      commentTrustGroups: fedTrustGroups(outcome.comments),
      fftTrustGroups: fedTrustGroups(outcome.fft),
      complaintTrustGroups: fedTrustGroups(outcome.complaints),
      year,
    },
  });
  options.logger?.info(outcome, 'triangulated');
  return outcome;
}

/** Trust × groups whose estimates a source fed in the run (0 when it was left out). */
const fedTrustGroups = (outcome: OutsideSourceOutcome) => (outcome.status === 'used' ? outcome.trustGroups : 0);

/** The FFT months (cancer settings) and KO41a returns that stand beside survey `year` (see `surveyWindow`). */
async function outsideRows(store: Store, year: number): Promise<OfficialRows> {
  const window = surveyWindow(year);
  const fft = [];
  for (const setting of CANCER_FFT_SETTINGS) {
    fft.push(...(await store.listFftResponses({ setting, periodFrom: window.fftFrom, periodTo: window.fftTo })));
  }
  const complaints = await store.listComplaintCounts({ financialYear: window.financialYear });
  return { fft, complaints };
}
