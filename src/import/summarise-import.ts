import { THEMES, type ThemeId } from '../domain/model.js';
import type {
  ImportedComplaintCount,
  ImportedCpesScore,
  ImportedFftResponse,
  ImportKind,
  ImportWriteResult,
} from '../storage/import-types.js';
import type { ImportSummary } from './import-summary.js';
import type { ParseOutcome } from './parse-outcome.js';

export type ImportedRow = ImportedCpesScore | ImportedFftResponse | ImportedComplaintCount;

const periodOf = (r: ImportedRow): string => ('year' in r ? String(r.year) : r.period);

/** Builds the summary of one import from what the parser found and what the store wrote (null: nothing). */
export function summariseImport(input: {
  importer: string;
  kind: ImportKind;
  file: string;
  sha256: string | null;
  outcome: ParseOutcome<ImportedRow>;
  written: ImportWriteResult | null;
  knownOdsCodes: ReadonlySet<string>;
}): ImportSummary {
  const { outcome, written } = input;
  const codes = [...new Set(outcome.rows.flatMap((r) => (r.odsCode === null ? [] : [r.odsCode])))].sort();
  const themes = new Set<ThemeId>(outcome.rows.flatMap((r) => ('themes' in r ? r.themes : [])));
  return {
    importer: input.importer,
    kind: input.kind,
    layout: outcome.layout,
    file: input.file,
    sha256: input.sha256,
    status: written ? 'stored' : 'rejected',
    rowsRead: outcome.rowsRead,
    rowsStored: written?.stored ?? 0,
    rowsReplaced: written?.replaced ?? 0,
    rowsRejected: outcome.issues.rowsWithIssues,
    issueCount: outcome.issues.count,
    issues: [...outcome.issues.issues],
    skipped: Object.fromEntries(outcome.skipped),
    trusts: codes.length,
    unknownOdsCodes: codes.filter((c) => !input.knownOdsCodes.has(c)),
    periods: [...new Set(outcome.rows.map(periodOf))].sort(),
    themes: THEMES.filter((t) => themes.has(t)),
    notes: outcome.notes,
  };
}
