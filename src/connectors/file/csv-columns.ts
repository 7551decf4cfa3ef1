/**
 * Maps a CSV header row to record fields. Names match case-insensitively and ignoring spacing; the
 * FFT framework's column names are accepted too. When a file has both a field's own name and an
 * alias, the own name wins. Other columns are ignored.
 */

export const RECORD_FIELDS = ['id', 'text', 'question', 'postedAt', 'url', 'author', 'odsCode', 'deleted'] as const;
export type RecordField = (typeof RECORD_FIELDS)[number];

/** Header names per field, most preferred first (already normalised by `normaliseHeader`). */
const HEADER_NAMES: Record<RecordField, readonly string[]> = {
  id: ['id', 'comment id'],
  text: ['text', 'fft answer'],
  question: ['question', 'fft question'],
  postedAt: ['postedat', 'posted at', 'date'],
  url: ['url'],
  author: ['author'],
  odsCode: ['odscode', 'ods code'],
  deleted: ['deleted'],
};

export function normaliseHeader(name: string): string {
  return name
    .replace(/[\s\u00a0]+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Column index per record field found in the header. */
export type ColumnMap = Partial<Record<RecordField, number>>;

export function mapColumns(header: readonly string[]): ColumnMap {
  const positions = new Map<string, number>();
  header.forEach((name, index) => {
    const key = normaliseHeader(name);
    if (!positions.has(key)) positions.set(key, index);
  });
  const columns: ColumnMap = {};
  for (const field of RECORD_FIELDS) {
    const index = HEADER_NAMES[field].map((name) => positions.get(name)).find((i) => i !== undefined);
    if (index !== undefined) columns[field] = index;
  }
  return columns;
}

/** The row's values keyed by record field. */
export function rowFields(row: readonly string[], columns: ColumnMap): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [field, index] of Object.entries(columns)) fields[field] = row[index] ?? '';
  return fields;
}
