/**
 * KO41a written complaints as an outside feature of the live triangulation. KO41a knows the trust and the
 * subject area, not the tumour group, so the feature is trust-wide: the trust's complaints in the subject
 * areas the theme crosswalk links to a theme, over the count England's rate would give its patients. The
 * trust's All Cancers CPES respondents stand in for its cancer patients, as the survey reaches a similar
 * share of them everywhere. As in the simulation, the ratio observed / expected is used (unbiased at any
 * count, where a log rate of a small count is not) with its Poisson variance at the expected count.
 */
import type { ThemeId } from '../domain/model.js';
import type { CpesTable } from '../domain/triangulation/cpes-table.js';
import type { OutsideFeature } from '../domain/triangulation/outside-group-signals.js';
import type { ImportedComplaintCount } from '../storage/import-types.js';

export const COMPLAINT_SOURCE = 'complaints';

/** One subject area's complaints at a trust over the window, with the themes the crosswalk gives it. */
interface SubjectCount {
  themes: readonly ThemeId[];
  complaints: number;
}

/**
 * Per trust, the subject-area counts of one financial year's rows. A trust's annual return is used when
 * it has one, else its quarterly returns; its organisation-level rows when it has any, else its site
 * rows: so no complaint is counted twice. Suppressed counts (`*`) and unthemed subject areas carry nothing.
 */
export function tallyComplaints(rows: readonly ImportedComplaintCount[]): Map<string, SubjectCount[]> {
  const byTrust = new Map<string, ImportedComplaintCount[]>();
  for (const row of rows) byTrust.set(row.odsCode, [...(byTrust.get(row.odsCode) ?? []), row]);
  const out = new Map<string, SubjectCount[]>();
  for (const [odsCode, trustRows] of byTrust) {
    const annual = trustRows.filter((r) => r.quarter === null);
    const returns = annual.length > 0 ? annual : trustRows;
    const organisation = returns.filter((r) => r.siteCode === null);
    const used = organisation.length > 0 ? organisation : returns;
    const counts = used
      .filter((r) => r.complaints !== null && r.themes.length > 0)
      .map((r) => ({ themes: r.themes, complaints: r.complaints! }));
    if (counts.length > 0) out.set(odsCode, counts);
  }
  return out;
}

/** The trust's All Cancers respondents on its most answered question: the size of its surveyed population. */
function surveyedPatients(table: CpesTable): Map<string, number> {
  const out = new Map<string, number>();
  for (const [odsCode, byQuestion] of table.trusts) {
    let most = 0;
    for (const cells of byQuestion.values()) most = Math.max(most, cells.all?.respondents ?? 0);
    if (most > 0) out.set(odsCode, most);
  }
  return out;
}

/** The trust's themed complaints against the count England's rate per surveyed patient would give it. */
export function complaintFeature(table: CpesTable, tallies: ReadonlyMap<string, SubjectCount[]>): OutsideFeature {
  const patients = surveyedPatients(table);
  const totals = new Map<string, number>();
  for (const [odsCode, subjects] of tallies)
    totals.set(
      odsCode,
      subjects.reduce((a, s) => a + s.complaints, 0),
    );
  // England's rate over the trusts with both complaints and survey respondents.
  let complaints = 0;
  let surveyed = 0;
  for (const [odsCode, count] of totals) {
    const n = patients.get(odsCode);
    if (n === undefined) continue;
    complaints += count;
    surveyed += n;
  }
  return {
    name: COMPLAINT_SOURCE,
    source: COMPLAINT_SOURCE,
    value(odsCode) {
      const n = patients.get(odsCode);
      const count = totals.get(odsCode);
      if (n === undefined || count === undefined || surveyed === 0) return undefined;
      const expected = (n * (complaints + 0.5)) / surveyed;
      return { value: count / expected, noise: 1 / expected };
    },
  };
}
