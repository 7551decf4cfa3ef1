/**
 * Every trust × tumour group of one CPES year, triangulated: published questions as observed (Wilson
 * interval), the rest estimated with parameters fitted on the published cells and, where credible, one
 * reading of the trust × group from comments, FFT and complaints calibrated on the survey prior's error;
 * rolled up to themes and an overall figure, with a per-group national summary.
 * Pure: no I/O, so the service, the CLI and tests drive it alike.
 */
import type { TumourGroupId } from '../domain/model.js';
import { calibrateIntervalInflation } from '../domain/triangulation/calibrate.js';
import { buildCpesTable, type CpesTable, nationalGroups, publishedGroups } from '../domain/triangulation/cpes-table.js';
import { estimateTumourGroup } from '../domain/triangulation/estimate-tumour-group.js';
import { wilsonInterval } from '../domain/triangulation/observed-cell.js';
import { fitParameters, type TriangulationParameters } from '../domain/triangulation/parameters.js';
import type { AggregateRow } from '../storage/store.js';
import type { TriangulatedCell, TumourGroupSummary } from '../storage/triangulation-types.js';
import type { CpesYear } from './cpes-year.js';
import { type OutsideRows, type OutsideSignals, type OutsideSourceOptions, outsideSignals } from './outside-signals.js';
import { rollUpQuestions } from './roll-up.js';

export interface TriangulateOptions extends OutsideSourceOptions {
  /** Bisection steps fitting the interval inflation (0 keeps the model's own intervals). @defaultValue 7 */
  intervalSteps?: number;
}

export interface TriangulationResult {
  cells: TriangulatedCell[];
  summary: TumourGroupSummary[];
  parameters: TriangulationParameters;
  /** What became of comments, FFT and complaints. */
  outside: OutsideSignals['sources'];
}

/** FFT and KO41a rows of the survey's window (comments come in as aggregates). */
export type OfficialRows = Omit<OutsideRows, 'comments'>;

const NO_OFFICIAL_ROWS: OfficialRows = { fft: [], complaints: [] };

/**
 * A suppressed cell is estimated as the trust's underlying share of positive experience for the group,
 * which comments, FFT and complaints read and which the simulation validates, not as the score its few
 * respondents would have produced: that adds their binomial draw, and intervals 45–68 pp wide
 * on CPES 2018 against 17–26 pp (`npm run eval:cpes`, docs/method.md "Querying triangulated scores").
 */
const AIM = { estimand: 'experience' } as const;

/** Fewer trusts than this with an All Cancers row: too few to fit the model's parameters. */
const MIN_TRUSTS = 3;

export function triangulateTable(
  data: CpesYear,
  aggregates: readonly AggregateRow[],
  trustNames: ReadonlyMap<string, string>,
  options: TriangulateOptions = {},
  officialRows: OfficialRows = NO_OFFICIAL_ROWS,
): TriangulationResult {
  const table = buildCpesTable(data.scores);
  const trusts = [...table.trusts.keys()].sort();
  if (trusts.length < MIN_TRUSTS) {
    throw new RangeError(`triangulation needs CPES results for at least ${MIN_TRUSTS} trusts, got ${trusts.length}`);
  }
  const fitted = fitParameters(table, trusts);
  const steps = options.intervalSteps ?? 7;
  const parameters = steps > 0 ? calibrateIntervalInflation(table, trusts, fitted, { steps }) : fitted;
  const groups = nationalGroups(table);
  const outside = outsideSignals(table, parameters, groups, { ...officialRows, comments: aggregates }, options);
  const cells: TriangulatedCell[] = [];
  for (const odsCode of trusts) {
    const context = {
      odsCode,
      trustName: trustNames.get(odsCode) ?? odsCode,
      year: data.year,
      questionThemes: data.questionThemes,
    };
    for (const tumourGroup of groups) {
      const signal = outside.signals.get(`${odsCode}|${tumourGroup}`);
      const groupSignals = signal ? [signal] : [];
      const scores = estimateTumourGroup(table, { odsCode, tumourGroup, groupSignals }, parameters, AIM);
      cells.push(...rollUpQuestions(context, scores));
    }
  }
  return {
    cells,
    summary: summarise(table, trusts, groups, data.year),
    parameters,
    outside: outside.sources,
  };
}

/** Per group: trusts that published it on any question, those that did not, and England's mean score. */
function summarise(table: CpesTable, trusts: string[], groups: TumourGroupId[], year: number): TumourGroupSummary[] {
  const published = new Map(trusts.map((ods) => [ods, new Set(publishedGroups(table, ods))]));
  return groups.map((tumourGroup) => {
    let estimate = 0;
    let lower = 0;
    let upper = 0;
    let questions = 0;
    for (const cells of table.national.values()) {
      const cell = cells.groups.get(tumourGroup);
      if (!cell) continue;
      const interval = wilsonInterval(cell.score, cell.respondents);
      estimate += cell.score;
      lower += interval.lower;
      upper += interval.upper;
      questions++;
    }
    const trustsPublished = trusts.filter((ods) => published.get(ods)!.has(tumourGroup)).length;
    return {
      tumourGroup,
      trustsPublished,
      trustsSuppressed: trusts.length - trustsPublished,
      nationalEstimate: estimate / questions,
      nationalLower: lower / questions,
      nationalUpper: upper / questions,
      year,
    };
  });
}
