import { ImportLayoutError } from './import-layout-error.js';

/**
 * Published spreadsheets drift in case, spacing and apostrophes ("Don’t Know", "Trust  Code"), so
 * headers are compared in one normal form.
 */
export function normaliseHeader(value: string): string {
  return value.normalize('NFKC').replace(/[‘’`]/g, "'").replace(/\s+/g, ' ').trim().toLowerCase();
}

/** For each field: the header names it may carry (any spelling that normalises alike) and whether it must be there. */
export type ColumnSpec<K extends string> = Readonly<Record<K, { names: readonly string[]; required: boolean }>>;

/** Field → column index, for the fields the header has. */
export type ColumnIndex<K extends string> = Partial<Record<K, number>>;

/** Whether a row carries every one of the given header names (in any spelling that normalises alike). */
export function isHeaderRow(cells: readonly string[], mustContain: readonly string[]): boolean {
  const names = new Set(cells.map(normaliseHeader));
  return mustContain.every((n) => names.has(normaliseHeader(n)));
}

/** Maps a header row onto fields; a required field that is missing is a layout error naming it. */
export function mapColumns<K extends string>(
  header: readonly string[],
  spec: ColumnSpec<K>,
  layout: string,
  row: number,
): ColumnIndex<K> {
  const positions = new Map(header.map((h, i) => [normaliseHeader(h), i] as const));
  const index: ColumnIndex<K> = {};
  const missing: string[] = [];
  for (const field of Object.keys(spec) as K[]) {
    const { names, required } = spec[field];
    const at = names.map((n) => positions.get(normaliseHeader(n))).find((i) => i !== undefined);
    if (at !== undefined) index[field] = at;
    else if (required) missing.push(`"${names[0]}"`);
  }
  if (missing.length > 0) {
    throw new ImportLayoutError(`not the ${layout} layout: missing column(s) ${missing.join(', ')}`, row);
  }
  return index;
}

/** The row's cells by field name ('' for a field the header lacks or a short row). */
export function cellsOf<K extends string>(cells: readonly string[], index: ColumnIndex<K>): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const [field, at] of Object.entries(index) as [K, number][]) out[field] = (cells[at] ?? '').trim();
  return out;
}
