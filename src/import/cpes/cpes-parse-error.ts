/** One problem with one row of a CPES file; `row` is the 1-based line number (the header is row 1). */
export interface CpesRowIssue {
  row: number;
  column?: string | undefined;
  message: string;
}

/** The CPES file could not be read as the 2018 layout; every issue names its row. */
export class CpesParseError extends Error {
  readonly code = 'cpes_parse_error';
  constructor(readonly issues: CpesRowIssue[]) {
    super(
      `CPES 2018 file rejected (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n` +
        issues.map((i) => `  row ${i.row}${i.column ? ` column ${i.column}` : ''}: ${i.message}`).join('\n'),
    );
    this.name = 'CpesParseError';
  }
}
