import type { ThemeId } from '../domain/model.js';
import type { ImportKind } from '../storage/import-types.js';
import { describeIssue, type ImportIssue } from './import-issue.js';

/** What `carevoice import` reports about one file. */
export interface ImportSummary {
  /** The importer asked for: `cpes`, `cpes-2018`, `fft` or `complaints`. */
  importer: string;
  kind: ImportKind;
  layout: string;
  file: string;
  /** Null when the file could not be read to the end. */
  sha256: string | null;
  /** `stored`: every row valid and written; `rejected`: nothing written. */
  status: 'stored' | 'rejected';
  rowsRead: number;
  rowsStored: number;
  /** Rows removed first because an earlier import of the same file had stored them. */
  rowsReplaced: number;
  /** Rows with at least one problem. */
  rowsRejected: number;
  /** Every problem found (only the first ones are listed in `issues`). */
  issueCount: number;
  issues: ImportIssue[];
  /** Rows deliberately left out, by reason. */
  skipped: Record<string, number>;
  /** Distinct ODS codes in the valid rows (for a rejected file too, though none were stored). */
  trusts: number;
  /** Codes that are not in config/reference/ods-trusts.csv (stored all the same). */
  unknownOdsCodes: string[];
  periods: string[];
  themes: ThemeId[];
  notes: string[];
}

const list = (values: readonly string[], max = 12): string =>
  values.length === 0
    ? '(none)'
    : values.length <= max
      ? values.join(', ')
      : `${values.slice(0, max).join(', ')} … (${values.length} in all)`;

/** The summary as lines of text for a terminal. */
export function formatImportSummary(s: ImportSummary): string {
  const n = (v: number) => v.toLocaleString('en-GB');
  const lines = [
    `${s.status === 'stored' ? 'stored' : 'REJECTED'}: ${s.file} (${s.importer}, layout ${s.layout})`,
    `  rows read       ${n(s.rowsRead)}`,
    `  rows stored     ${n(s.rowsStored)}${s.rowsReplaced > 0 ? ` (replacing ${n(s.rowsReplaced)} from an earlier import of this file)` : ''}`,
    `  rows rejected   ${n(s.rowsRejected)}`,
  ];
  for (const [reason, count] of Object.entries(s.skipped)) lines.push(`  rows skipped    ${n(count)}: ${reason}`);
  lines.push(
    `  trusts          ${n(s.trusts)}`,
    `  unknown codes   ${list(s.unknownOdsCodes)}`,
    `  periods         ${list(s.periods)}`,
    `  themes          ${list(s.themes)}`,
  );
  if (s.sha256) lines.push(`  sha-256         ${s.sha256}`);
  for (const note of s.notes) lines.push(`  note: ${note}`);
  if (s.issues.length > 0) {
    lines.push(
      `  problems (${n(s.issueCount)}${s.issueCount > s.issues.length ? `, first ${s.issues.length} shown` : ''}):`,
    );
    for (const issue of s.issues) lines.push(`    ${describeIssue(issue)}`);
  }
  return lines.join('\n');
}
