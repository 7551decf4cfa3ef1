/**
 * FFT as an outside feature of the live triangulation, read as the simulation reads it: a trust's share of
 * positive answers over the survey's window, trust-wide (FFT does not know tumour groups). The prior-error
 * calibration takes out what the survey prior already knows of the trust, so it counts only what All
 * Cancers does not already say.
 */
import type { OutsideFeature } from '../domain/triangulation/outside-group-signals.js';
import type { FftSetting, ImportedFftResponse } from '../storage/import-types.js';

export const FFT_SOURCE = 'fft';

/** Settings cancer patients answer in (inpatient stays, day cases, clinics); A&E, maternity and the rest are left out. */
export const CANCER_FFT_SETTINGS: readonly FftSetting[] = ['inpatient', 'daycase', 'outpatient'];

export interface FftTally {
  responses: number;
  positive: number;
}

/** Positive answers of a row: the two counts when published, else the published share of the total. */
function positiveOf(row: ImportedFftResponse): number | undefined {
  if (row.veryGood !== null && row.good !== null) return row.veryGood + row.good;
  if (row.percentagePositive !== null && row.totalResponses !== null) {
    return Math.round(row.percentagePositive * row.totalResponses);
  }
  return undefined;
}

/**
 * Per trust, responses and positives over `rows` (already limited to the window and settings). A trust's
 * own trust-level row is used for a setting and month; its site rows only when it has none, so no
 * answer is counted twice. Suppressed (`*`) or incomplete rows carry nothing.
 */
export function tallyFft(rows: readonly ImportedFftResponse[]): Map<string, FftTally> {
  const trustLevel = new Set(
    rows.filter((r) => r.siteCode === null).map((r) => `${r.odsCode}|${r.setting}|${r.period}`),
  );
  const tallies = new Map<string, FftTally>();
  for (const row of rows) {
    if (row.siteCode !== null && trustLevel.has(`${row.odsCode}|${row.setting}|${row.period}`)) continue;
    const positive = positiveOf(row);
    if (row.totalResponses === null || row.totalResponses <= 0 || positive === undefined) continue;
    const tally = tallies.get(row.odsCode) ?? { responses: 0, positive: 0 };
    tally.responses += row.totalResponses;
    tally.positive += positive;
    tallies.set(row.odsCode, tally);
  }
  return tallies;
}

/**
 * The trusts' FFT tallies as a feature: the empirical log-odds positive (half a count each way, so 0 of n
 * stays finite), its binomial variance taken at England's share, not the trust's own (at the observed
 * share the noise would grow with the noise itself); undefined for a trust without FFT figures.
 */
export function fftFeature(tallies: ReadonlyMap<string, FftTally>): OutsideFeature {
  let responses = 0;
  let positive = 0;
  for (const t of tallies.values()) {
    responses += t.responses;
    positive += t.positive;
  }
  const englandShare = (positive + 0.5) / (responses + 1);
  return {
    name: FFT_SOURCE,
    source: FFT_SOURCE,
    value(odsCode) {
      const t = tallies.get(odsCode);
      if (!t || t.responses <= 0) return undefined;
      const share = (t.positive + 0.5) / (t.responses + 1);
      return {
        value: Math.log(share / (1 - share)),
        noise: 1 / ((t.responses + 1) * englandShare * (1 - englandShare)),
      };
    },
  };
}
