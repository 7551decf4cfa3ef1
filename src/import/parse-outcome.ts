import type { ZodError } from 'zod';
import { IssueLog } from './import-issue.js';

/** What a parser made of a file before anything is stored. */
export interface ParseOutcome<T> {
  /** The layout recognised, e.g. `fft-trusts-sheet`. */
  layout: string;
  rows: T[];
  /** Data rows read (header and title rows not counted). */
  rowsRead: number;
  /** Rows deliberately left out, counted by reason (totals rows, other geographies…). */
  skipped: Map<string, number>;
  issues: IssueLog;
  /** Things the reader should know that are not errors (unmapped subject areas, no crosswalk). */
  notes: string[];
}

export function emptyOutcome<T>(layout: string): ParseOutcome<T> {
  return { layout, rows: [], rowsRead: 0, skipped: new Map(), issues: new IssueLog(), notes: [] };
}

export function skip(outcome: ParseOutcome<unknown>, reason: string): void {
  outcome.skipped.set(reason, (outcome.skipped.get(reason) ?? 0) + 1);
}

/** Files each zod issue against the row, naming the column by its header text. */
export function reportZodIssues(
  issues: IssueLog,
  error: ZodError,
  row: number,
  columnName: (field: string) => string | undefined,
): void {
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    issues.add({ row, column: columnName(field) ?? field, message: issue.message });
  }
}

/** Guards natural-key uniqueness within one file: the second occurrence is an issue naming the first. */
export class KeyRegister {
  readonly #firstRow = new Map<string, number>();

  /** Returns the row the key was first seen on, or undefined when it is new (and remembers it). */
  seen(key: string, row: number): number | undefined {
    const first = this.#firstRow.get(key);
    if (first === undefined) this.#firstRow.set(key, row);
    return first;
  }
}
