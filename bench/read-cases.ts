/**
 * Case files for the evaluations: JSON Lines, one case per line, read from the package or from a path
 * given with `--cases FILE` (which replaces the reported v2 blind set). A line that is not JSON fails with
 * its file and line number, so a typo in a hand-written test set is found at once rather than skewing the
 * figures.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { sharedDataDir, shippedFile } from '../src/config/paths.js';

/**
 * The first blind sets. They were read by the people who later tuned the detectors, so their figures are
 * reported only beside the v2 ones, labelled "blind v1 (seen during tuning)".
 */
export const BLIND_V1_FIXTURES = 'test/fixtures/blind';

/** The reported blind sets: written without reading any detector, word list or earlier fixture. */
export const BLIND_V2_FIXTURES = 'test/fixtures/blind-v2';

/** Label printed beside the v1 figures, so nobody mistakes them for an independent estimate. */
export const BLIND_V1_LABEL = 'blind v1 (seen during tuning)';

/** Label printed beside the reported figures. */
export const BLIND_V2_LABEL = 'blind v2';

/** Reads a JSON Lines file; `check` validates each parsed line and returns it typed, or throws. */
export function readJsonLines<T>(file: string, check: (value: unknown, where: string) => T): T[] {
  if (!existsSync(file)) throw new Error(`case file not found: ${file}`);
  const cases: T[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      if (line.trim() === '') return;
      const where = `${file}:${index + 1}`;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (error) {
        throw new Error(`${where}: not valid JSON (${(error as Error).message})`);
      }
      cases.push(check(value, where));
    });
  return cases;
}

/**
 * The reported (v2) blind case file: `--cases FILE` on the command line (relative to the working
 * directory) or the shipped file `test/fixtures/blind-v2/<name>` by default.
 */
export function blindCasesFile(name: string, argv: readonly string[] = process.argv.slice(2)): string {
  const at = argv.indexOf('--cases');
  if (at === -1) return shippedFile(`${BLIND_V2_FIXTURES}/${name}`);
  const given = argv[at + 1];
  if (given === undefined || given.startsWith('--')) throw new Error('--cases needs a file path');
  return isAbsolute(given) ? given : resolve(process.cwd(), given);
}

/** The v1 blind case file `test/fixtures/blind/<name>`, or null when it is not shipped. */
export function blindV1CasesFile(name: string): string | null {
  const file = shippedFile(`${BLIND_V1_FIXTURES}/${name}`);
  return existsSync(file) ? file : null;
}

/** Individual misses are printed only on request (`--misses`): reading them would tune to the test set. */
export function wantsMisses(argv: readonly string[] = process.argv.slice(2)): boolean {
  return argv.includes('--misses');
}

/** Prints a list of misses under a heading when `--misses` was given; otherwise only how many there are. */
export function printMisses(heading: string, misses: readonly string[], show: boolean): void {
  if (misses.length === 0) return;
  if (show) console.log(`\n${heading}:\n${misses.join('\n')}`);
  else console.log(`\n${heading}: ${misses.length} (run with --misses to list them)`);
}

/** A ratio as a right-aligned percentage, or "n/a" when it is undefined (nothing predicted or expected). */
export function percent(x: number | null, width = 7): string {
  return (x === null ? 'n/a' : `${(100 * x).toFixed(1)}%`).padStart(width);
}

/** Asserts a plain object, so field checks can index it. */
export function asRecord(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${where}: expected a JSON object`);
  }
  return value as Record<string, unknown>;
}

/** A required string field. */
export function stringField(record: Record<string, unknown>, key: string, where: string): string {
  const value = record[key];
  if (typeof value !== 'string' || value === '') throw new Error(`${where}: "${key}" must be a non-empty string`);
  return value;
}

/** A required array whose members all belong to `allowed` (e.g. REDACTION_KINDS). */
export function enumArrayField<T extends string>(
  record: Record<string, unknown>,
  key: string,
  allowed: readonly T[],
  where: string,
): T[] {
  const value = record[key];
  if (!Array.isArray(value)) throw new Error(`${where}: "${key}" must be an array`);
  for (const member of value) {
    if (!allowed.includes(member as T))
      throw new Error(`${where}: "${key}" has unknown value ${JSON.stringify(member)}`);
  }
  return value as T[];
}

/** Support, precision and recall of one class (a safety kind, a tumour group, a redaction kind). */
export interface ClassFigures {
  support: number;
  precision: number | null;
  recall: number | null;
}

/** True/false positives and false negatives of one class. */
export interface ClassCounts {
  tp: number;
  fp: number;
  fn: number;
}

export type ClassTally = ClassFigures & ClassCounts;

/** Per-class figures and their micro-average from raw counts (precision or recall null when undefined). */
export function tallyClasses(counts: ReadonlyMap<string, ClassCounts>): {
  perClass: Record<string, ClassTally>;
  micro: { precision: number | null; recall: number | null };
  support: number;
} {
  const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
  const perClass: Record<string, ClassTally> = {};
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [name, n] of counts) {
    tp += n.tp;
    fp += n.fp;
    fn += n.fn;
    perClass[name] = {
      support: n.tp + n.fn,
      ...n,
      precision: ratio(n.tp, n.tp + n.fp),
      recall: ratio(n.tp, n.tp + n.fn),
    };
  }
  return { perClass, micro: { precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn) }, support: tp + fn };
}

/**
 * One row per class, the reported v2 figures first and the v1 ones beside them (when v1 is shipped), so
 * the gap between a seen and an unseen test set is read at a glance. `total` is the micro-average row.
 */
export function printBlindTable(
  label: string,
  classes: readonly string[],
  v2: { perClass: Record<string, ClassFigures>; total: ClassFigures },
  v1: { perClass: Record<string, ClassFigures>; total: ClassFigures } | null,
): void {
  const width = Math.max(label.length, ...classes.map((c) => c.length), 'micro-average'.length) + 1;
  const cells = (f: ClassFigures | undefined) =>
    f === undefined
      ? `${''.padStart(8)}${''.padStart(10)}${''.padStart(8)}`
      : `${String(f.support).padStart(8)}${percent(f.precision, 10)}${percent(f.recall, 8)}`;
  const group = (name: string) => name.padEnd(26);
  console.log(`${''.padEnd(width)}  ${group(BLIND_V2_LABEL)}${v1 ? `  ${group(BLIND_V1_LABEL)}` : ''}`);
  const header = `${'support'.padStart(8)}${'precision'.padStart(10)}${'recall'.padStart(8)}`;
  console.log(`${label.padEnd(width)}  ${header}${v1 ? `  ${header}` : ''}`);
  const row = (name: string, a: ClassFigures | undefined, b: ClassFigures | undefined) =>
    console.log(`${name.padEnd(width)}  ${cells(a)}${v1 ? `  ${cells(b)}` : ''}`);
  for (const c of classes) row(c, v2.perClass[c], v1?.perClass[c]);
  row('micro-average', v2.total, v1?.total);
}

/** The answers of ../shared/data's labelled FFT file that carry a sentiment label: real text for false-positive counts. */
export function readLabelledFftTexts(): string[] {
  const file = join(sharedDataDir(), 'fft-comments-labelled.csv');
  const records = parse(readFileSync(file, 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
  return records
    .filter((r) => (r['FFT answer'] ?? '').trim() !== '' && (r['Comment sentiment'] ?? '').trim() !== '')
    .map((r) => r['FFT answer']!.trim());
}
