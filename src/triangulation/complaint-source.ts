/**
 * KO41a written complaints as an outside source of the live triangulation. KO41a knows the trust and the
 * subject area, not the tumour group, so a question's reading is the trust's complaints in the subject
 * areas the theme crosswalk links to the question's themes, per patient: the trust's All Cancers CPES
 * respondents stand in for its cancer patients, as the survey reaches a similar share of them everywhere.
 * As in the simulation, it is a log rate with Poisson noise, each question its own calibration stratum
 * (subject areas differ in how often they draw complaints). Being trust-wide, like FFT, it is calibrated
 * conditional on the survey's prior.
 */
import type { ThemeId } from '../domain/model.js';
import type { SignalSource } from '../domain/triangulation/calibrated-signals.js';
import { rateSignal } from '../domain/triangulation/count-signals.js';
import type { CpesTable } from '../domain/triangulation/cpes-table.js';
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

/** Complaints per trust and question: the subject areas sharing a theme with the question, each counted once. */
function complaintsByQuestion(
  tallies: ReadonlyMap<string, SubjectCount[]>,
  questionThemes: ReadonlyMap<number, readonly ThemeId[]>,
): Map<string, Map<number, number>> {
  const out = new Map<string, Map<number, number>>();
  for (const [odsCode, subjects] of tallies) {
    const byQuestion = new Map<number, number>();
    for (const [question, themes] of questionThemes) {
      if (themes.length === 0) continue;
      const linked = subjects.filter((s) => s.themes.some((t) => themes.includes(t)));
      if (linked.length > 0)
        byQuestion.set(
          question,
          linked.reduce((a, s) => a + s.complaints, 0),
        );
    }
    out.set(odsCode, byQuestion);
  }
  return out;
}

export function complaintSource(
  table: CpesTable,
  questionThemes: ReadonlyMap<number, readonly ThemeId[]>,
  tallies: ReadonlyMap<string, SubjectCount[]>,
): SignalSource {
  const patients = surveyedPatients(table);
  const counts = complaintsByQuestion(tallies, questionThemes);
  // England's rate per question, over the trusts with both complaints and survey respondents.
  const england = new Map<number, { complaints: number; patients: number }>();
  for (const [odsCode, byQuestion] of counts) {
    const n = patients.get(odsCode);
    if (n === undefined) continue;
    for (const [question, complaints] of byQuestion) {
      const e = england.get(question) ?? { complaints: 0, patients: 0 };
      england.set(question, { complaints: e.complaints + complaints, patients: e.patients + n });
    }
  }
  return {
    name: COMPLAINT_SOURCE,
    conditionOnPrior: true,
    value(odsCode, _group, question) {
      const n = patients.get(odsCode);
      const complaints = counts.get(odsCode)?.get(question);
      const rate = england.get(question);
      if (n === undefined || complaints === undefined || !rate) return undefined;
      const expected = (n * (rate.complaints + 0.5)) / rate.patients;
      return { ...rateSignal(complaints, n, expected), stratum: `Q${question}` };
    },
  };
}
