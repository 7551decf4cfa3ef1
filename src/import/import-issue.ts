/** One problem with one row of an imported file; `row` is the 1-based line number in the file. */
export interface ImportIssue {
  row: number;
  column?: string | undefined;
  message: string;
}

export const describeIssue = (i: ImportIssue): string =>
  `row ${i.row}${i.column ? ` column "${i.column}"` : ''}: ${i.message}`;

/**
 * Collects the issues of one file. Every bad row is counted, but only the first `keep` issues are kept,
 * so a wrong file still yields a readable summary.
 */
export class IssueLog {
  readonly #issues: ImportIssue[] = [];
  readonly #rows = new Set<number>();
  #count = 0;

  /** @param keep issues kept for the summary. @defaultValue 50 */
  constructor(private readonly keep = 50) {}

  add(issue: ImportIssue): void {
    this.#count += 1;
    this.#rows.add(issue.row);
    if (this.#issues.length < this.keep) this.#issues.push(issue);
  }

  /** Issues kept, in the order found. */
  get issues(): readonly ImportIssue[] {
    return this.#issues;
  }

  /** Every issue found, kept or not. */
  get count(): number {
    return this.#count;
  }

  /** Distinct rows with at least one issue (a layout issue counts its row too). */
  get rowsWithIssues(): number {
    return this.#rows.size;
  }
}
